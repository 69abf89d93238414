import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, adjust, enableLoyalty, loyaltyOf, postSale, sale } from '../helpers/pricing.ts';
import { expireLoyaltyPoints } from '../../src/loyalty/expire-points.ts';

function redeemIssue(res: { statusCode: number; json(): { errors?: { path: string; code: string }[] } }) {
  expect(res.statusCode).toBe(422);
  return res.json().errors?.find((issue) => issue.path === 'redeemPoints')?.code;
}

describe.each(engines)('loyalty limits and expiry on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    vi.useRealTimers();
  });

  it('settings start switched off with defaults', async () => {
    const res = await t.api('GET', '/api/v1/loyalty/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enabled: false, amountPerPoint: '1.00', pointValue: '0.01', expiry: null });
  });

  it('redemption rejected while switched off', async () => {
    const client = await addCustomer(t, 'Avant');
    const res = await postSale(t, { contactId: client, amount: '50.00', redeemPoints: 10 });
    expect(redeemIssue(res)).toBe('loyalty_disabled');
  });

  it('settings reject a zero amount per point', async () => {
    const res = await t.api('PUT', '/api/v1/loyalty/settings', { amountPerPoint: '0.00' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'amountPerPoint', code: 'amount_not_positive' });
  });

  it('settings need the loyalty.settings permission', async () => {
    const cashier = await t.addUser(['customer.view', 'sale.create', 'loyalty.adjust']);
    const res = await asToken(t, cashier.token)('PUT', '/api/v1/loyalty/settings', { enabled: true });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('earning follows minimum order, rate and cap', async () => {
    await enableLoyalty(t, { amountPerPoint: '2.50', minOrderToEarn: '10.00', maxPointsPerOrder: 30 });
    const client = await addCustomer(t, 'Gagne');
    await sale(t, { contactId: client, amount: '9.99' });
    expect((await loyaltyOf(t, client)).points).toBe(0);
    await sale(t, { contactId: client, amount: '12.49' });
    expect((await loyaltyOf(t, client)).points).toBe(4);
    await sale(t, { contactId: client, amount: '1000.00' });
    expect((await loyaltyOf(t, client)).points).toBe(34);
  });

  it('walk-in sale earns nothing and cannot redeem', async () => {
    await enableLoyalty(t);
    const walkIn = await sale(t, { contactId: null, amount: '40.00', paid: '40.00' });
    expect(walkIn.total).toBe('40.00');
    const count = await t.database.db.kysely
      .selectFrom('loyalty_movements')
      .where('document_id', '=', walkIn.id)
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(count.count)).toBe(0);
    const res = await postSale(t, { contactId: null, amount: '40.00', redeemPoints: 5, paid: '35.00' });
    expect(redeemIssue(res)).toBe('loyalty_walk_in');
  });

  it('every redemption limit is checked on the server', async () => {
    await enableLoyalty(t, {
      pointValue: '0.50',
      minOrderToRedeem: '20.00',
      minPointsToRedeem: 100,
      maxPointsPerOrderRedeem: 60,
      maxPointsPerOrder: null,
      amountPerPoint: '1000.00',
    });
    const client = await addCustomer(t, 'Limites');
    await adjust(t, client, 80);

    expect(redeemIssue(await postSale(t, { contactId: client, amount: '50.00', redeemPoints: 10 }))).toBe('loyalty_min_points_to_redeem');
    await adjust(t, client, 40);
    expect(redeemIssue(await postSale(t, { contactId: client, amount: '19.99', redeemPoints: 10 }))).toBe('loyalty_min_order_to_redeem');
    expect(redeemIssue(await postSale(t, { contactId: client, amount: '50.00', redeemPoints: 61 }))).toBe('loyalty_max_points_per_order');
    expect(redeemIssue(await postSale(t, { contactId: client, amount: '25.00', redeemPoints: 51 }))).toBe('loyalty_exceeds_total');

    const ok = await sale(t, { contactId: client, amount: '50.00', redeemPoints: 60 });
    expect(ok.total).toBe('20.00');
    const line = ok.lines.find((l: { loyaltyPoints: number | null }) => l.loyaltyPoints !== null);
    expect(line).toMatchObject({ loyaltyPoints: 60, total: '-30.00' });
    expect((await loyaltyOf(t, client)).points).toBe(60);

    await enableLoyalty(t, { pointValue: '0.50', minPointsToRedeem: null, maxPointsPerOrderRedeem: null, amountPerPoint: '1000.00' });
    expect(redeemIssue(await postSale(t, { contactId: client, amount: '50.00', redeemPoints: 61 }))).toBe('loyalty_exceeds_balance');
  });

  it('parked sale spends its points only when finalised, after a new check', async () => {
    await enableLoyalty(t, { pointValue: '1.00', amountPerPoint: '1000.00' });
    const client = await addCustomer(t, 'Attente');
    await adjust(t, client, 30);
    const parked = await sale(t, { contactId: client, amount: '50.00', redeemPoints: 30, status: 'parked' });
    expect(parked.total).toBe('20.00');
    expect((await loyaltyOf(t, client)).points).toBe(30);

    await sale(t, { contactId: client, amount: '50.00', redeemPoints: 20 });
    const rejected = await t.api('POST', `/api/v1/sales/${parked.id}/finalise`, {});
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json().errors[0]).toMatchObject({ path: 'redeemPoints', code: 'loyalty_exceeds_balance' });

    await adjust(t, client, 20);
    const finalised = await t.api('POST', `/api/v1/sales/${parked.id}/finalise`, {});
    expect(finalised.statusCode, finalised.body).toBe(200);
    expect((await loyaltyOf(t, client)).points).toBe(0);
  });

  it('expired lots cannot be redeemed and the soonest expiring go first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-10T10:00:00Z'));
    await enableLoyalty(t, { amountPerPoint: '1.00', pointValue: '0.10', expiry: { period: 1, unit: 'months' } });
    const client = await addCustomer(t, 'Expire');
    await sale(t, { contactId: client, amount: '40.00', date: '2026-01-10' });
    vi.setSystemTime(new Date('2026-01-25T10:00:00Z'));
    await sale(t, { contactId: client, amount: '60.00', date: '2026-01-25' });
    await sale(t, { contactId: client, amount: '100.00', date: '2026-01-25', redeemPoints: 50 });

    let state = await loyaltyOf(t, client);
    expect(state.lots.map((l) => [l.expiresOn, l.remaining])).toEqual([
      ['2026-02-25', 50],
      ['2026-02-25', 95],
    ]);
    expect(state.points).toBe(145);

    vi.setSystemTime(new Date('2026-02-25T10:00:00Z'));
    const rejected = await postSale(t, { contactId: client, amount: '100.00', date: '2026-02-25', redeemPoints: 1 });
    expect(redeemIssue(rejected)).toBe('loyalty_exceeds_balance');
    state = await loyaltyOf(t, client);
    expect(state.points).toBe(0);
    expect(state.history[0]).toMatchObject({ type: 'expire', points: -145, date: '2026-02-25' });
    expect(state.history.reduce((sum, m) => sum + m.points, 0)).toBe(0);
  });

  it('expiry job run twice on one day changes nothing the second time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-04-01T10:00:00Z'));
    await enableLoyalty(t, { amountPerPoint: '1.00', pointValue: '0.10', expiry: { period: 1, unit: 'years' } });
    const client = await addCustomer(t, 'Tâche');
    await sale(t, { contactId: client, amount: '25.00', date: '2026-04-01' });
    vi.useRealTimers();

    const before = await movementCount(t);
    const first = await expireLoyaltyPoints(t.database.db, { today: '2027-04-01' });
    expect(first.points).toBeGreaterThanOrEqual(25);
    const afterFirst = await movementCount(t);
    expect(afterFirst).toBeGreaterThan(before);
    const second = await expireLoyaltyPoints(t.database.db, { today: '2027-04-01' });
    expect(second).toEqual({ businesses: 0, contacts: 0, points: 0 });
    expect(await movementCount(t)).toBe(afterFirst);
  });
});

async function movementCount(t: TestApp): Promise<number> {
  const row = await t.database.db.kysely
    .selectFrom('loyalty_movements')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
