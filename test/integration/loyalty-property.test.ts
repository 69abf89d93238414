/**
 * Random sales, redemptions, returns, voids, adjustments and days passing,
 * for one customer at a time. After every step the balance must be zero or
 * more and equal both the sum of the history and that of the usable lots,
 * and no lot past its date may still count.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, enableLoyalty, loyaltyOf, postSale } from '../helpers/pricing.ts';
import { expireLoyaltyPoints } from '../../src/loyalty/expire-points.ts';

type Step =
  | { kind: 'sale'; cents: number; redeemShare: number }
  | { kind: 'return'; pick: number; share: number }
  | { kind: 'void'; pick: number }
  | { kind: 'adjust'; points: number }
  | { kind: 'days'; days: number; runJob: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sale' as const), cents: fc.integer({ min: 100, max: 30_000 }), redeemShare: fc.double({ min: 0, max: 1.3, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), pick: fc.nat(), share: fc.double({ min: 0.05, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), points: fc.integer({ min: -80, max: 120 }).filter((p) => p !== 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('days' as const), days: fc.integer({ min: 1, max: 45 }), runJob: fc.boolean() }) },
);

interface SaleState {
  id: string;
  lineId: string;
  /** Thousandths of the goods line not yet returned. */
  left: number;
  returned: boolean;
}

describe.each(engines)('loyalty invariants on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await enableLoyalty(t, { amountPerPoint: '1.00', pointValue: '0.10', maxPointsPerOrderRedeem: 400, expiry: { period: 1, unit: 'months' } });
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('points stay consistent over random histories', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 25, maxLength: 25 }), async (steps) => {
        run += 1;
        let now = Date.parse('2026-01-05T10:00:00Z');
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(now);
        const contactId = await addCustomer(t, `Propriété ${run}`);
        const sales: SaleState[] = [];
        let before = 0;
        for (const action of steps) {
          const today = new Date(now).toISOString().slice(0, 10);
          await perform(t, action, { contactId, today, before, sales });
          if (action.kind === 'days') {
            now += action.days * 86_400_000;
            vi.setSystemTime(now);
            if (action.runJob) await expireLoyaltyPoints(t.database.db);
          }
          before = await checkInvariants(t, contactId, new Date(now).toISOString().slice(0, 10));
        }
        vi.useRealTimers();
      }),
      // Shrinking a failure reruns whole histories; the limit stops it in time to report the case found.
      { numRuns: 20, interruptAfterTimeLimit: 600_000, markInterruptAsFailure: true },
    );
  }, 900_000);
});

async function perform(
  t: TestApp,
  action: Step,
  context: { contactId: string; today: string; before: number; sales: SaleState[] },
) {
  const { contactId, today, before, sales } = context;
  if (action.kind === 'sale') {
    const amount = (action.cents / 100).toFixed(2);
    const redeem = Math.floor(action.redeemShare * before);
    // A point is worth 10 cents; a sale's total must stay above zero.
    const allowed = redeem <= before && redeem <= 400 && redeem * 10 < action.cents;
    const res = await postSale(t, { contactId, amount, date: today, ...(redeem > 0 ? { redeemPoints: redeem } : {}) });
    if (redeem === 0 || allowed) {
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      sales.push({ id: body.id, lineId: body.lines[0].id, left: 1000, returned: false });
    } else {
      expect(res.statusCode, res.body).toBe(422);
    }
    return;
  }
  if (action.kind === 'return') {
    const open = sales.filter((s) => s.left > 0);
    const target = open[action.pick % Math.max(open.length, 1)];
    if (!target) return;
    const quantity = Math.max(1, Math.min(target.left, Math.round(target.left * action.share)));
    const res = await t.api('POST', `/api/v1/sales/${target.id}/returns`, {
      date: today,
      lines: [{ lineId: target.lineId, quantity: (quantity / 1000).toFixed(3) }],
    });
    expect(res.statusCode, res.body).toBe(201);
    target.left -= quantity;
    target.returned = true;
    return;
  }
  if (action.kind === 'void') {
    const voidable = sales.filter((s) => !s.returned && s.left > 0);
    const target = voidable[action.pick % Math.max(voidable.length, 1)];
    if (!target) return;
    const res = await t.api('POST', `/api/v1/sales/${target.id}/void`, { date: today });
    expect(res.statusCode, res.body).toBe(200);
    target.left = 0;
    return;
  }
  if (action.kind === 'adjust') {
    const belowZero = action.points < 0 && -action.points > before;
    const res = await t.api('POST', `/api/v1/contacts/${contactId}/loyalty/adjustments`, { points: action.points, reason: 'Test' });
    expect(res.statusCode, res.body).toBe(belowZero ? 422 : 201);
  }
}

/** Checks the invariants and returns the balance. */
async function checkInvariants(t: TestApp, contactId: string, today: string): Promise<number> {
  const state = await loyaltyOf(t, contactId);
  expect(state.points).toBeGreaterThanOrEqual(0);
  expect(state.history.reduce((sum, m) => sum + m.points, 0)).toBe(state.points);
  expect(state.lots.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(state.points);
  for (const lot of state.lots) {
    expect(lot.remaining).toBeGreaterThan(0);
    expect(lot.remaining).toBeLessThanOrEqual(lot.points);
    if (lot.expiresOn !== null) expect(lot.expiresOn > today).toBe(true);
  }
  const tooMany = await postSale(t, { contactId, amount: '10000.00', date: today, redeemPoints: state.points + 1 });
  expect(tooMany.statusCode).toBe(422);
  return state.points;
}
