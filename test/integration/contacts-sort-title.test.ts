/**
 * The name sort leaves out a contact's title: "Mme Amélie Poulain" sorts
 * under A, for contacts written after the title rule and for contacts the
 * migration found already stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('name sort without titles on %s', (engine) => {
  let t: TestApp;

  const names = async () => {
    const res = await t.api('GET', '/api/v1/contacts?sort=name&limit=50');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((item: { name: string }) => item.name) as string[];
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const people = [
      ['Mme', 'Amélie', 'Poulain', '06 51 00 00 01'],
      ['M.', 'Bernard', 'Zola', '06 51 00 00 02'],
      [null, 'Amélie', 'Dupont', '06 51 00 00 03'],
      ['Dr', 'Claire', 'Morel', '06 51 00 00 04'],
      [null, 'Maxime', 'Leroy', '06 51 00 00 05'],
    ];
    for (const [prefix, firstName, lastName, mobile] of people) {
      const res = await t.api('POST', '/api/v1/contacts', { kind: 'individual', prefix, firstName, lastName, mobile });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sorts new contacts by name', async () => {
    expect(await names()).toEqual(['Amélie Dupont', 'Mme Amélie Poulain', 'M. Bernard Zola', 'Dr Claire Morel', 'Maxime Leroy']);
  });

  it('follows a changed title', async () => {
    const list = (await t.api('GET', '/api/v1/contacts?q=leroy')).json().items;
    const res = await t.api('PATCH', `/api/v1/contacts/${list[0].id}`, { prefix: 'Me' });
    expect(res.statusCode, res.body).toBe(200);
    const zola = (await t.api('GET', '/api/v1/contacts?q=zola')).json().items;
    const renamed = await t.api('PATCH', `/api/v1/contacts/${zola[0].id}`, { prefix: null, firstName: 'Anatole' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await names()).toEqual(['Amélie Dupont', 'Mme Amélie Poulain', 'Anatole Zola', 'Dr Claire Morel', 'Me Maxime Leroy']);
  });
});

describe.each(engines)('title sort migration on %s', (engine) => {
  it('sorts stored contacts again', async () => {
    const { database, kysely, business: { businessId } } = await createOldDatabase(engine, '0019_one_running_import', 'Avant le tri');
    try {
      const row = (code: string, prefix: string | null, firstName: string, lastName: string) => ({
        id: newId(), business_id: businessId, code, type: 'customer', kind: 'individual', prefix,
        first_name: firstName, last_name: lastName, name: [prefix, firstName, lastName].filter(Boolean).join(' '),
        mobile: '', pay_term_end_of_month: 0, opening_balance: 0, status: 'active', custom_fields: '{}',
        balance: 0, receivable: 0, payable: 0, advance: 0, created_at: nowIso(), updated_at: nowIso(),
      });
      await kysely.insertInto('contacts').values([
        row('C1', 'Mme', 'Zélie', 'Adam'),
        row('C2', null, 'Louis', 'Martin'),
        row('C3', 'Mlle', 'Alice', 'Roy'),
      ]).execute();
      const sorted = async () => (await kysely.selectFrom('contacts').select('code').orderBy('sort_name').execute()).map((r) => r.code);
      expect(await sorted()).toEqual(['C2', 'C3', 'C1']);

      expect(await migrate(database.db)).toContain('0020_sort_without_title');
      expect(await sorted()).toEqual(['C3', 'C2', 'C1']);
    } finally {
      await database.drop();
    }
  });
});
