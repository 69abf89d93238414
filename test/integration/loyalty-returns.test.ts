import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, adjust, enableLoyalty, loyaltyOf, postSale, returnSale, sale } from '../helpers/pricing.ts';

describe.each(engines)('loyalty points through returns and voids on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await enableLoyalty(t, { amountPerPoint: '1.00', pointValue: '1.00' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('returns take back the points they earned', async () => {
    const ines = await addCustomer(t, 'Inès', { lastName: 'Robin' });
    const sold = await sale(t, { contactId: ines, amount: '1000.00', paid: '1000.00' });
    expect((await loyaltyOf(t, ines)).points).toBe(1000);

    const lineId = sold.lines[0].id;
    const first = await returnSale(t, sold.id, { [lineId]: '0.1' });
    expect((await loyaltyOf(t, ines)).points).toBe(900);
    const second = await returnSale(t, sold.id, { [lineId]: '0.9' });
    const after = await loyaltyOf(t, ines);
    expect(after.points).toBe(0);

    const clawbacks = after.history.filter((m) => m.type === 'return_clawback');
    expect(clawbacks.map((m) => m.points).sort()).toEqual([-100, -900]);
    expect(clawbacks.map((m) => m.documentId).sort()).toEqual([first.id, second.id].sort());
    expect(after.history.reduce((sum, m) => sum + m.points, 0)).toBe(0);
  });

  it('full return of points-paid sale', async () => {
    const paul = await addCustomer(t, 'Paul', { lastName: 'Mercier' });
    await adjust(t, paul, 500, 'Reprise du solde de l’ancienne caisse');
    const sold = await sale(t, { contactId: paul, amount: '300.00', redeemPoints: 200, paid: '100.00' });
    expect(sold.total).toBe('100.00');
    expect((await loyaltyOf(t, paul)).points).toBe(400);

    const returned = await returnSale(t, sold.id, { [sold.lines[0].id]: '1' });
    expect(returned.total).toBe('100.00');
    expect(returned.refund.amount).toBe('100.00');
    const pointsLine = returned.lines.find((line: { loyaltyPoints: number | null }) => line.loyaltyPoints !== null);
    expect(pointsLine).toMatchObject({ loyaltyPoints: 200, total: '-200.00' });
    const after = await loyaltyOf(t, paul);
    expect(after.points).toBe(500);
    const byType = Object.fromEntries(after.history.map((m) => [m.type, m.points]));
    expect(byType.return_refund).toBe(200);
    expect(byType.return_clawback).toBe(-100);
  });

  it('points redeemed only once', async () => {
    const lea = await addCustomer(t, 'Léa');
    await adjust(t, lea, 200);
    await sale(t, { contactId: lea, amount: '300.00', redeemPoints: 200, paid: '100.00' });
    const again = await t.api('POST', '/api/v1/sales', {
      contactId: lea,
      date: '2026-03-03',
      status: 'final',
      lines: [{ description: 'Article', quantity: '1', unitPrice: '300.00' }],
      redeemPoints: 200,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0]).toMatchObject({ path: 'redeemPoints', code: 'loyalty_exceeds_balance' });
  });

  it('concurrent redemptions spend the points once', async () => {
    const zoe = await addCustomer(t, 'Zoé');
    await adjust(t, zoe, 200);
    const attempt = () => postSale(t, { contactId: zoe, amount: '300.00', redeemPoints: 200 });
    const results = await Promise.all([attempt(), attempt(), attempt()]);
    const codes = results.map((res) => res.statusCode).sort();
    expect(codes).toEqual([201, 422, 422]);
    const after = await loyaltyOf(t, zoe);
    expect(after.history.filter((m) => m.type === 'redeem')).toHaveLength(1);
    expect(after.points).toBe(100);
  });

  it('void reverses earned and redeemed points', async () => {
    const hugo = await addCustomer(t, 'Hugo');
    await adjust(t, hugo, 50);
    const sold = await sale(t, { contactId: hugo, amount: '80.00', redeemPoints: 30, paid: '50.00' });
    expect((await loyaltyOf(t, hugo)).points).toBe(50 - 30 + 50);
    const res = await t.api('POST', `/api/v1/sales/${sold.id}/void`, { reason: 'Erreur de saisie' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await loyaltyOf(t, hugo);
    expect(after.points).toBe(50);
    expect(after.history.filter((m) => m.type === 'void').map((m) => m.points).sort((a, b) => a - b)).toEqual([-50, 30]);
  });

  it('clawback stops at zero and records the shortfall', async () => {
    const emma = await addCustomer(t, 'Emma');
    const first = await sale(t, { contactId: emma, amount: '100.00', paid: '100.00' });
    await sale(t, { contactId: emma, amount: '100.00', redeemPoints: 90, paid: '10.00' });
    expect((await loyaltyOf(t, emma)).points).toBe(100 - 90 + 10);

    await returnSale(t, first.id, { [first.lines[0].id]: '1' });
    const after = await loyaltyOf(t, emma);
    expect(after.points).toBe(0);
    const clawback = after.history.find((m) => m.type === 'return_clawback');
    expect(clawback?.points).toBe(-20);
    expect(clawback?.shortfall).toBe(80);
    expect(after.history.reduce((sum, m) => sum + m.points, 0)).toBe(0);
  });
});
