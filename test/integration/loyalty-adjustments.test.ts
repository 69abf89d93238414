import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, adjust, enableLoyalty, loyaltyOf } from '../helpers/pricing.ts';
import { loyaltyPointsFor } from '../../src/loyalty/contact-loyalty.ts';

describe.each(engines)('loyalty adjustments and cards on %s', (engine) => {
  let t: TestApp;
  let other: ReturnType<typeof asToken>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    other = asToken(t, (await t.addBusiness('Concurrente')).token);
    await enableLoyalty(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adjustment is kept in history and audit log', async () => {
    const client = await addCustomer(t, 'Ajusté');
    const view = await adjust(t, client, 75, 'Points perdus lors du changement de caisse');
    expect(view.points).toBe(75);
    expect(view.history[0]).toMatchObject({ type: 'adjust', points: 75, reason: 'Points perdus lors du changement de caisse', documentId: null });
    await adjust(t, client, -25, 'Correction');
    expect((await loyaltyOf(t, client)).points).toBe(50);

    const audit = await t.database.db.kysely
      .selectFrom('audit_log')
      .where('entity_id', '=', client)
      .where('action', '=', 'loyalty_adjust')
      .orderBy('created_at')
      .select(['user_id', 'changes'])
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]?.user_id).toBe(t.business.adminUserId);
    expect(JSON.parse(audit[1]?.changes ?? '{}')).toEqual({ points: -25, reason: 'Correction', balanceBefore: 75, balanceAfter: 50 });
  });

  it('adjustment cannot take the balance below zero', async () => {
    const client = await addCustomer(t, 'Plancher');
    await adjust(t, client, 10);
    const res = await t.api('POST', `/api/v1/contacts/${client}/loyalty/adjustments`, { points: -11, reason: 'Trop' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'points', code: 'loyalty_exceeds_balance' });
    expect((await loyaltyOf(t, client)).points).toBe(10);
  });

  it('adjustment needs loyalty.adjust', async () => {
    const client = await addCustomer(t, 'Protégé');
    const cashier = asToken(t, (await t.addUser(['customer.view', 'sale.create'])).token);
    const res = await cashier('POST', `/api/v1/contacts/${client}/loyalty/adjustments`, { points: 1000, reason: 'Cadeau' });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('Ajuster les points de fidélité');
    expect((await cashier('GET', `/api/v1/contacts/${client}/loyalty`)).json().points).toBe(0);
  });

  it('card number finds its contact', async () => {
    const client = await addCustomer(t, 'Carte', { loyaltyCardNumber: 'FID-0042' });
    const found = await t.api('GET', '/api/v1/contacts/by-card/FID-0042');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ id: client, loyaltyCardNumber: 'FID-0042' });
    for (const writing of ['fid-0042', 'FID 0042', 'fid.0042']) {
      const byKey = await t.api('GET', `/api/v1/contacts/by-card/${encodeURIComponent(writing)}`);
      expect(byKey.statusCode, writing).toBe(200);
      expect(byKey.json().id, writing).toBe(client);
    }
    expect((await t.api('GET', '/api/v1/contacts/by-card/FID-9999')).statusCode).toBe(404);
    expect((await other('GET', '/api/v1/contacts/by-card/FID-0042')).statusCode).toBe(404);
  });

  it('card saved twice finds the writing typed', async () => {
    // Databases may hold two writings of one card from before cards were compared by key.
    const first = await addCustomer(t, 'Premier', { loyaltyCardNumber: 'FID-0077' });
    const second = await addCustomer(t, 'Second');
    await t.database.db.kysely.updateTable('contacts').set({ loyalty_card_number: 'fid 0077' }).where('id', '=', second).execute();
    const cardHolder = async (writing: string) =>
      (await t.api('GET', `/api/v1/contacts/by-card/${encodeURIComponent(writing)}`)).json().id;
    expect(await cardHolder('fid 0077')).toBe(second);
    expect(await cardHolder('FID-0077')).toBe(first);
    expect(await cardHolder('Fid.0077')).toBe(first);
  });

  it('another business’s contact points answer 404', async () => {
    const client = await addCustomer(t, 'Secret');
    await adjust(t, client, 5);
    const read = await other('GET', `/api/v1/contacts/${client}/loyalty`);
    expect(read.statusCode).toBe(404);
    const write = await other('POST', `/api/v1/contacts/${client}/loyalty/adjustments`, { points: 5, reason: 'x' });
    expect(write.statusCode).toBe(404);
  });

  it('picker points for several contacts', async () => {
    const a = await addCustomer(t, 'Picker A');
    const b = await addCustomer(t, 'Picker B');
    await adjust(t, a, 12);
    const points = await loyaltyPointsFor(t.database.db.kysely, t.business.businessId, [a, b]);
    expect(points.get(a)).toBe(12);
    expect(points.has(b)).toBe(false);
  });
});
