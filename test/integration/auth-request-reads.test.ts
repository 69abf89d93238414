import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

/**
 * The caller, its role and its business settings are read with the session
 * or token on every request, so a change takes effect on the next request.
 */
describe.each(engines)('caller read per request on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  const roleOf = async (userId: string) =>
    (await t.database.db.kysely.selectFrom('users').select('role_id').where('id', '=', userId).executeTakeFirstOrThrow()).role_id;

  it('role change applies to the next request', async () => {
    const { userId, token } = await t.addUser(['customer.view'], 'Caissier');
    const asUser = asToken(t, token);
    expect((await asUser('GET', '/api/v1/contacts/lookup?q=martin')).statusCode).toBe(200);

    const changed = await t.api('PATCH', `/api/v1/roles/${await roleOf(userId)}`, { permissions: ['ledger.view'] });
    expect(changed.statusCode, changed.body).toBe(200);
    const rejected = await asUser('GET', '/api/v1/contacts/lookup?q=martin');
    expect(rejected.statusCode).toBe(403);
  });

  it('revoked token fails the next request', async () => {
    const { userId, token } = await t.addUser(['customer.view'], 'Livreur');
    const asUser = asToken(t, token);
    expect((await asUser('GET', '/api/v1/contacts?limit=1')).statusCode).toBe(200);

    await t.database.db.kysely.updateTable('api_tokens').set({ revoked_at: new Date().toISOString() })
      .where('user_id', '=', userId).execute();
    expect((await asUser('GET', '/api/v1/contacts?limit=1')).statusCode).toBe(401);
  });

  it('deactivated user fails the next request', async () => {
    const { userId, token } = await t.addUser(['customer.view', 'ledger.view'], 'Saisonnier');
    const asUser = asToken(t, token);
    expect((await asUser('GET', '/api/v1/contacts/totals')).statusCode).toBe(200);

    const deactivated = await t.api('PATCH', `/api/v1/users/${userId}`, { isActive: false });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect((await asUser('GET', '/api/v1/contacts/totals')).statusCode).toBe(401);
  });

  it('business country applies to the next search', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Wout', lastName: 'Peeters', mobile: '+32 470 12 34 56',
    });
    expect(created.statusCode, created.body).toBe(201);
    const lookup = async () =>
      ((await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent('0470 12 3')}`)).json().items as { id: string }[])
        .map((item) => item.id);

    // The start of a number is read for the business country only: as a French number, 0470 12 3 is +33 470 12 3…,
    // which no contact has.
    expect(await lookup()).toEqual([]);
    const changed = await t.api('PATCH', '/api/v1/business', { country: 'BE' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await lookup()).toEqual([created.json().id]);
  });
});
