/**
 * The standard cashier finds every customer, the standard salesperson only
 * its own, and migration 0017 gives existing businesses the same roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSalespersonRoles,
  oldCashierPermissions,
  widenStandardCashiers,
} from '../../src/db/migrations/0017_cashier_sees_customers.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { rolePermissions, userWithRole } from '../helpers/roles.ts';

describe.each(engines)('standard roles on %s', (engine) => {
  let t: TestApp;
  let customer: { id: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const res = await t.api('POST', '/api/v1/contacts', person('Rosalie', '06 71 00 00 01', { lastName: 'Lambert' }));
    expect(res.statusCode, res.body).toBe(201);
    customer = res.json();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('cashier finds anyone’s customer', async () => {
    const cashier = asToken(t, (await userWithRole(t, 'Caissier')).token);
    for (const q of ['lamb', '0671000001', '+33 6 71 00 00 01']) {
      const res = await cashier('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((item: { id: string }) => item.id), q).toContain(customer.id);
    }
    expect((await cashier('GET', `/api/v1/contacts/${customer.id}`)).statusCode).toBe(200);
  });

  it('salesperson finds only its customers', async () => {
    const salesperson = asToken(t, (await userWithRole(t, 'Vendeur')).token);
    const own = await salesperson('POST', '/api/v1/contacts', person('Romain', '06 71 00 00 02', { lastName: 'Lambert' }));
    expect(own.statusCode, own.body).toBe(201);
    const res = await salesperson('GET', '/api/v1/contacts/lookup?q=lamb');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((item: { id: string }) => item.id)).toEqual([own.json().id]);
    expect((await salesperson('GET', `/api/v1/contacts/${customer.id}`)).statusCode).toBe(404);
  });

  it('new business gets both roles', async () => {
    expect(await rolePermissions(t, 'Caissier')).toEqual([
      'customer.view', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view', 'message.send',
    ]);
    expect(await rolePermissions(t, 'Vendeur')).toEqual(oldCashierPermissions);
  });

  it('migration widens only unchanged cashiers', async () => {
    const kysely = t.database.db.kysely;
    const other = await t.addBusiness('Boutique anglaise');
    const businessId = other.business.businessId;
    await kysely.updateTable('businesses').set({ locale: 'en' }).where('id', '=', businessId).execute();
    await kysely.deleteFrom('roles').where('business_id', '=', businessId).where('name', 'in', ['Caissier', 'Vendeur']).execute();
    const now = nowIso();
    const role = (name: string, permissions: string[]) => ({
      id: newId(), business_id: businessId, name, permissions: JSON.stringify(permissions), is_admin: 0, created_at: now, updated_at: now,
    });
    // The standard set in another order, as migration 0011 left roles created before message permissions.
    const reordered = [...oldCashierPermissions.filter((p) => p !== 'message.send'), 'message.send'].reverse();
    const unchanged = role('Cashier', reordered);
    const edited = role('Caissier', [...oldCashierPermissions, 'loyalty.adjust']);
    const renamed = role('Caisse du soir', oldCashierPermissions);
    await kysely.insertInto('roles').values([unchanged, edited, renamed]).execute();

    expect(await widenStandardCashiers(kysely)).toBe(1);
    expect(await rolePermissions(t, 'Cashier', businessId)).toEqual(
      reordered.map((p) => (p === 'customer.view_own' ? 'customer.view' : p)),
    );
    expect(await rolePermissions(t, 'Caissier', businessId)).toEqual([...oldCashierPermissions, 'loyalty.adjust']);
    expect(await rolePermissions(t, 'Caisse du soir', businessId)).toEqual(oldCashierPermissions);
    // The first business's cashier already sees every customer.
    expect(await rolePermissions(t, 'Caissier')).toContain('customer.view');
    expect(await widenStandardCashiers(kysely)).toBe(0);

    const audit = await kysely
      .selectFrom('audit_log')
      .where('entity_id', '=', unchanged.id)
      .select(['action', 'user_id', 'changes'])
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('update');
    expect(audit[0]?.user_id).toBeNull();
    expect(JSON.parse(audit[0]?.changes ?? '[]')).toEqual([
      { field: 'permissions', from: reordered, to: reordered.map((p) => (p === 'customer.view_own' ? 'customer.view' : p)) },
    ]);
  });

  it('migration adds the salesperson role', async () => {
    const kysely = t.database.db.kysely;
    const other = await t.addBusiness('Boutique sans vendeur');
    const businessId = other.business.businessId;
    await kysely.updateTable('businesses').set({ locale: 'en' }).where('id', '=', businessId).execute();
    await kysely.deleteFrom('roles').where('business_id', '=', businessId).where('name', '=', 'Vendeur').execute();
    const before = await kysely.selectFrom('roles').where('business_id', '=', t.business.businessId).select('id').execute();

    expect(await addSalespersonRoles(kysely)).toBeGreaterThanOrEqual(1);
    expect(await rolePermissions(t, 'Salesperson', businessId)).toEqual(oldCashierPermissions);
    const after = await kysely.selectFrom('roles').where('business_id', '=', t.business.businessId).select('id').execute();
    expect(after).toHaveLength(before.length);
    expect(await addSalespersonRoles(kysely)).toBe(0);
  });
});
