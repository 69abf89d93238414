/**
 * Stale-edit protection of contacts: the version that every change of a
 * contact's own fields moves, its ETag, and PATCH with If-Match, which
 * writes nothing and returns 412 contact_changed over a newer version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateContact } from '../../src/contacts/update-contact.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { person, readContactRow } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { sale } from '../helpers/ledger-api.ts';
import { multipart } from '../helpers/transfer-files.ts';

describe.each(engines)('contact versions on %s', (engine) => {
  let t: TestApp;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Creates a customer with its own mobile and code and returns its id. */
  const addCustomer = async (firstName: string, extra: Record<string, unknown> = {}) => {
    serial += 1;
    const mobile = `06 52 ${String(serial).padStart(2, '0')} 00 00`;
    const created = await t.api('POST', '/api/v1/contacts', person(firstName, mobile, { lastName: 'Version', code: `VER-${serial}`, ...extra }));
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  };

  const versionOf = async (id: string) => Number((await readContactRow(t, id))?.version);

  const auditCount = async (id: string) => {
    const rows = await t.database.db.kysely.selectFrom('audit_log').select('id').where('entity_id', '=', id).execute();
    return rows.length;
  };

  it('read gives the version and its ETag', async () => {
    const id = await addCustomer('Alice');
    const read = await t.api('GET', `/api/v1/contacts/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().version).toBe(1);
    expect(read.headers.etag).toBe('"1"');
    const listed = await t.api('GET', `/api/v1/contacts?q=VER-${serial}&fields=code,version`);
    expect(listed.json().items[0]?.version).toBe(1);
  });

  it('OpenAPI documents If-Match', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json();
    const item = doc.paths['/api/v1/contacts/{id}'];
    const header = item.patch.parameters.find((parameter: { in: string; name: string }) => parameter.in === 'header');
    expect(header?.name).toBe('if-match');
    expect(item.patch.description).toContain('412 contact_changed');
    expect(item.get.description).toContain('ETag');
    expect(item.get.responses['200'].content['application/json'].schema.properties.version.type).toBe('integer');
  });

  it('matching If-Match saves and moves the version', async () => {
    const id = await addCustomer('Bruno');
    const saved = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Lyon' }, { 'if-match': '"1"' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().city).toBe('Lyon');
    expect(saved.json().version).toBe(2);
    expect(saved.headers.etag).toBe('"2"');
    expect(await versionOf(id)).toBe(2);
  });

  it('stale If-Match gets 412 and writes nothing', async () => {
    const { userId, token } = await t.addUser(['customer.view', 'customer.update'], 'Claire Martin');
    const id = await addCustomer('Chloé');
    const first = await asToken(t, token)('PATCH', `/api/v1/contacts/${id}`, { city: 'Nantes' });
    expect(first.statusCode, first.body).toBe(200);
    const before = await readContactRow(t, id);
    const audits = await auditCount(id);

    const stale = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Brest', email: 'chloe@example.fr' }, { 'if-match': '"1"' });
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    const problem = stale.json();
    expect(problem.code).toBe('contact_changed');
    expect(problem.currentVersion).toBe(2);
    expect(problem.changedBy).toEqual({ id: userId, name: 'Claire Martin' });
    expect(problem.changedAt).toBe(before?.updated_at);
    expect(problem.detail).toContain('VER-');
    expect(problem.detail).toContain('modifié par Claire Martin le');
    expect(problem.detail).toContain('Rechargez-le');
    expect(problem.detail).toMatch(/ à \d\d:\d\d/);

    expect(await readContactRow(t, id)).toEqual(before);
    expect(await auditCount(id)).toBe(audits);

    const english = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Brest' }, { 'if-match': '"1"', 'accept-language': 'en' });
    expect(english.statusCode).toBe(412);
    expect(english.json().detail).toContain('was changed by Claire Martin on');
    expect(english.json().detail).toContain('nothing was saved');
  });

  it('stale If-Match wins over invalid values', async () => {
    const id = await addCustomer('Denis');
    await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Dijon' });
    const stale = await t.api('PATCH', `/api/v1/contacts/${id}`, { email: 'pas une adresse' }, { 'if-match': '"1"' });
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json().code).toBe('contact_changed');
  });

  it('412 names no user for a system change', async () => {
    const id = await addCustomer('Éloïse');
    const actor: ContactActor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set() };
    await updateContact(t.database.db.kysely, actor, id, { city: 'Metz' });
    const stale = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Nancy' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().changedBy).toBeNull();
    expect(stale.json().detail).toContain('a été modifié le');
  });

  it('PATCH without If-Match still saves', async () => {
    const id = await addCustomer('Fabien');
    await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Caen' });
    const saved = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Rouen' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().city).toBe('Rouen');
    expect(saved.json().version).toBe(3);
  });

  it('If-Match forms: star, lists, weak tags', async () => {
    const id = await addCustomer('Gaëlle');
    const star = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Pau' }, { 'if-match': '*' });
    expect(star.statusCode, star.body).toBe(200);
    const list = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Tarbes' }, { 'if-match': '"1", "2"' });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().version).toBe(3);
    // If-Match compares strongly, so a weak tag never matches (RFC 9110).
    const weak = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Auch' }, { 'if-match': 'W/"3"' });
    expect(weak.statusCode).toBe(412);
    expect((await readContactRow(t, id))?.city).toBe('Tarbes');
  });

  it('malformed If-Match gets 400', async () => {
    const id = await addCustomer('Hugo');
    for (const header of ['3', '"3', '"3",', '"3" "4"']) {
      const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Agen' }, { 'if-match': header });
      expect(res.statusCode, header).toBe(400);
      expect(res.json().code).toBe('bad_request');
      expect(res.json().detail).toContain('If-Match');
      expect(res.json().detail).toContain('"3"');
    }
    expect((await readContactRow(t, id))?.city).toBeNull();
  });

  it('version moves on each kind of change', async () => {
    const id = await addCustomer('Inès');
    const steps: [string, () => Promise<unknown>][] = [
      ['edit', () => t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Albi' })],
      ['assignment', () => t.api('PATCH', `/api/v1/contacts/${id}`, { assignedUserIds: [t.business.adminUserId] })],
      ['deactivate', () => t.api('POST', `/api/v1/contacts/${id}/deactivate`)],
      ['reactivate', () => t.api('POST', `/api/v1/contacts/${id}/reactivate`)],
      ['message language', () => t.api('PATCH', `/api/v1/contacts/${id}/message-preferences`, { language: 'en' })],
    ];
    let expected = 1;
    for (const [kind, step] of steps) {
      const res = (await step()) as { statusCode: number; body: string };
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(200);
      expected += 1;
      expect(await versionOf(id), kind).toBe(expected);
    }
    const read = await t.api('GET', `/api/v1/contacts/${id}`);
    expect(read.headers.etag).toBe(`"${expected}"`);
  });

  it('version stays on postings and empty edits', async () => {
    const id = await addCustomer('Jules');
    await sale(t, id, '2026-01-15', '25.00');
    expect(await versionOf(id)).toBe(1);
    const same = await t.api('PATCH', `/api/v1/contacts/${id}`, { firstName: 'Jules' }, { 'if-match': '"1"' });
    expect(same.statusCode, same.body).toBe(200);
    expect(await versionOf(id)).toBe(1);
    const language = await t.api('PATCH', `/api/v1/contacts/${id}/message-preferences`, { language: null });
    expect(language.statusCode).toBe(200);
    expect(await versionOf(id)).toBe(1);
  });

  it('version moves on a merge into it', async () => {
    const kept = await addCustomer('Karim', { lastName: 'Fusion' });
    const merged = await addCustomer('Karim', { lastName: 'Fusion', email: 'karim@example.fr' });
    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: kept, mergeIds: [merged] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contact.version).toBe(2);
    expect(await versionOf(kept)).toBe(2);
    const stale = await t.api('PATCH', `/api/v1/contacts/${kept}`, { city: 'Sète' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
  });

  it('version moves on anonymise', async () => {
    const id = await addCustomer('Léna');
    const res = await t.api('POST', `/api/v1/contacts/${id}/anonymise`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    expect(res.headers.etag).toBe('"2"');
    expect(await versionOf(id)).toBe(2);
  });

  it('version moves on a group deletion', async () => {
    const group = await t.api('POST', '/api/v1/customer-groups', { name: `Groupe ${engine}`, calculation: 'percentage', percentage: '5' });
    expect(group.statusCode, group.body).toBe(201);
    const id = await addCustomer('Marc', { customerGroupId: group.json().id });
    const deleted = await t.api('DELETE', `/api/v1/customer-groups/${group.json().id}?moveTo=none`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(await versionOf(id)).toBe(2);
  });

  it('version moves on an import update and its undo', async () => {
    const id = await addCustomer('Nadia');
    const code = (await readContactRow(t, id))?.code;
    const file = Buffer.from(`Code;Prénom;Nom;Ville\n${code};Nadia;Version;Vannes\n`, 'utf8');
    const body = multipart(file, 'villes.csv', { mode: 'upsert', matchOn: ['code'] });
    const imported = await t.api('POST', '/api/v1/imports', body.payload, body.headers);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().totals.updated).toBe(1);
    expect((await readContactRow(t, id))?.city).toBe('Vannes');
    expect(await versionOf(id)).toBe(2);

    const undone = await t.api('DELETE', `/api/v1/imports/${imported.json().id}`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await readContactRow(t, id))?.city).toBeNull();
    expect(await versionOf(id)).toBe(3);
  });

  it('two saves of one version: one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await addCustomer(`Octave${round}`);
      const answers = await Promise.all([
        t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Orléans' }, { 'if-match': '"1"' }),
        t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Tours' }, { 'if-match': '"1"' }),
      ]);
      const statuses = answers.map((answer) => answer.statusCode).sort();
      expect(statuses, `round ${round}: ${answers.map((answer) => answer.body).join(' ')}`).toEqual([200, 412]);
      const winner = answers.find((answer) => answer.statusCode === 200);
      const row = await readContactRow(t, id);
      expect(row?.city).toBe(winner?.json().city);
      expect(row?.version).toBe(2);
    }
  });

  it('save waits for an open save', async () => {
    const id = await addCustomer('Paul');
    const actor: ContactActor = { businessId: t.business.businessId, userId: t.business.adminUserId, isAdmin: true, permissions: new Set() };
    let commit = () => {};
    const committing = new Promise<void>((resolve) => {
      commit = resolve;
    });
    let written = () => {};
    const updated = new Promise<void>((resolve) => {
      written = resolve;
    });
    const holder = t.database.db.kysely.transaction().execute(async (trx) => {
      await updateContact(trx, actor, id, { city: 'Poitiers' }, { versionCondition: { any: false, versions: ['1'] } });
      written();
      await committing;
    });
    await updated;
    // Reads version 1 before the holder commits on PostgreSQL, so only the check under the row lock can stop it.
    const contender = t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Périgueux' }, { 'if-match': '"1"' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await holder;
    const result = await contender;
    expect(result.statusCode, result.body).toBe(412);
    expect((await readContactRow(t, id))?.city).toBe('Poitiers');
    expect(await versionOf(id)).toBe(2);
  });
});
