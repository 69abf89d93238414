/**
 * A page cursor comes back from the client, which may have edited it. A
 * cursor of the right shape with a NUL in its text, or with a fraction or a
 * number past 2^53, is rejected like any other bad cursor. The check runs
 * before the database, because PostgreSQL rejects a NUL in text and a
 * fraction in a bigint parameter. A sort key of the wrong kind for its
 * column (a word as a date) is rejected too, rather than read as a key
 * past every row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, sale } from '../helpers/ledger-api.ts';

function cursorOf(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe.each(engines)('forged cursors on %s', (engine) => {
  let t: TestApp;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    contactId = await addContact(t, { name: 'Épicerie Roux' });
    await addContact(t, { name: 'Épicerie Blanc' });
    await sale(t, contactId, '2026-01-05', '12.00');
  });
  afterAll(async () => {
    await t?.close();
  });

  async function expectRejected(path: string, value: unknown) {
    const separator = path.includes('?') ? '&' : '?';
    const url = `${path}${separator}cursor=${cursorOf(value)}`;
    const response = await t.api('GET', url);
    expect(response.statusCode, `${url} ${JSON.stringify(value)}: ${response.body}`).toBeGreaterThanOrEqual(400);
    expect(response.statusCode, `${url} ${JSON.stringify(value)}: ${response.body}`).toBeLessThan(500);
    return response;
  }

  it('contact list sort cursors', async () => {
    const nul = 'a\u0000b';
    const cases: [string, unknown][] = [
      ['/api/v1/contacts?sort=balance', ['balance', 'asc', 1.5, 'x']],
      ['/api/v1/contacts?sort=balance', ['balance', 'asc', 1e300, 'x']],
      ['/api/v1/contacts?sort=balance', ['balance', 'asc', 12, nul]],
      ['/api/v1/contacts?sort=name', ['name', 'asc', nul, 'x']],
      ['/api/v1/contacts?sort=code&order=desc', ['code', 'desc', 'a', nul]],
      ['/api/v1/contacts?sort=createdAt', ['createdAt', 'asc', nul, 'x']],
      ['/api/v1/contacts?q=epicerie', ['relevance', 1, 0, nul, 'x']],
      ['/api/v1/contacts?q=epicerie', ['relevance', 0.5, 0, 'a', 'x']],
    ];
    for (const [path, value] of cases) {
      const response = await expectRejected(path, value);
      expect(response.json().errors?.[0]?.code, path).toBe('invalid_cursor');
    }
  });

  it('sort cursor keys of the wrong kind', async () => {
    const id = '0190a000-0000-7000-8000-000000000000';
    const cases: [string, unknown][] = [
      ['/api/v1/contacts?sort=createdAt', ['createdAt', 'asc', 'not a date', id]],
      ['/api/v1/contacts?sort=createdAt&order=desc', ['createdAt', 'desc', '2026-02-30T10:00:00.000Z', id]],
      ['/api/v1/contacts?sort=createdAt', ['createdAt', 'asc', 20260101, id]],
      ['/api/v1/contacts?sort=lastActivity', ['lastActivity', 'asc', 'yesterday', id]],
      ['/api/v1/contacts?sort=lastActivity', ['lastActivity', 'asc', '2026-13-01', id]],
      ['/api/v1/contacts?sort=lastActivity', ['lastActivity', 'asc', null, id]],
      ['/api/v1/contacts?sort=balance', ['balance', 'asc', '12', id]],
      ['/api/v1/contacts?sort=balance', ['balance', 'asc', 12.5, id]],
      ['/api/v1/contacts?sort=balance', ['balance', 'asc', true, id]],
      ['/api/v1/contacts?sort=name', ['name', 'asc', 7, id]],
      ['/api/v1/contacts?sort=code', ['code', 'asc', ['C1'], id]],
      ['/api/v1/contacts?sort=code', ['code', 'asc', 'C1', '']],
    ];
    for (const [path, value] of cases) {
      const label = `${path} ${JSON.stringify(value)}`;
      const response = await t.api('GET', `${path}&cursor=${cursorOf(value)}`, undefined, { 'accept-language': 'en' });
      expect(response.statusCode, label).toBe(422);
      const [issue] = response.json().errors;
      expect(issue.path, label).toBe('cursor');
      expect(issue.code, label).toBe('invalid_cursor');
      expect(issue.message, label).toContain('Start again from the first page');
    }
  });

  it('cursors of every sort still page', async () => {
    for (const field of ['name', 'code', 'balance', 'createdAt', 'lastActivity']) {
      for (const order of ['asc', 'desc']) {
        const query = `/api/v1/contacts?sort=${field}&order=${order}&limit=1&fields=name`;
        const first = await t.api('GET', query);
        const cursor = first.json().nextCursor as string;
        expect(cursor, query).toBeTruthy();
        const second = await t.api('GET', `${query}&cursor=${cursor}`);
        expect(second.statusCode, `${query} ${second.body}`).toBe(200);
        expect(second.json().items, query).toHaveLength(1);
      }
    }
  });

  it('creation dates of other forms page', async () => {
    // A row written by other means than the API may keep its instant without milliseconds or with an offset.
    const forms = ['2020-01-01T09:00:00Z', '2020-01-02T09:00:00+02:00', '2020-01-03T09:00:00.5Z'];
    const rows = await t.database.db.kysely.selectFrom('contacts').select('id').orderBy('id').limit(forms.length).execute();
    for (const [index, row] of rows.entries()) {
      await t.database.db.kysely.updateTable('contacts').set({ created_at: forms[index] as string }).where('id', '=', row.id).execute();
    }
    const query = '/api/v1/contacts?sort=createdAt&limit=1&fields=id';
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await t.api('GET', cursor ? `${query}&cursor=${cursor}` : query);
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().items.map((item: { id: string }) => item.id));
      cursor = page.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(expect.arrayContaining(rows.map((row) => row.id)));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('duplicate group cursor', async () => {
    const response = await expectRejected('/api/v1/contacts/duplicates', ['name', 'a\u0000']);
    expect(response.json().errors?.[0]?.code).toBe('invalid_cursor');
  });

  it('other list cursors', async () => {
    const nul = ['a\u0000', 'b'];
    const cases: [string, unknown][] = [
      [`/api/v1/contacts/${contactId}/ledger`, ['2026-01-01', 1.5]],
      [`/api/v1/contacts/${contactId}/ledger`, ['2026-01-01', 1e300]],
      [`/api/v1/contacts/${contactId}/ledger`, ['a\u0000', 1]],
      ['/api/v1/payments', nul],
      ['/api/v1/sales', nul],
      ['/api/v1/purchases', nul],
      ['/api/v1/products', nul],
      ['/api/v1/customer-groups', nul],
      ['/api/v1/price-groups', nul],
      ['/api/v1/messages', nul],
      [`/api/v1/contacts/${contactId}/messages`, nul],
      ['/api/v1/users', nul],
      ['/api/v1/roles', nul],
      ['/api/v1/locations', nul],
    ];
    for (const [path, value] of cases) await expectRejected(path, value);
    // The token list's cursor is a base64url id rather than JSON.
    const response = await t.api('GET', `/api/v1/tokens?cursor=${Buffer.from('a\u0000').toString('base64url')}`);
    expect(response.statusCode, response.body).toBe(400);
  });

  it('cursors the lists send still page', async () => {
    const first = await t.api('GET', '/api/v1/contacts?sort=balance&limit=1&fields=name');
    const cursor = first.json().nextCursor as string;
    expect(cursor).toBeTruthy();
    const second = await t.api('GET', `/api/v1/contacts?sort=balance&limit=1&fields=name&cursor=${cursor}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items).toHaveLength(1);
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
  });
});
