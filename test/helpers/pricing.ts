/** Helpers for the pricing and loyalty tests: customers, products, sales and point reads over the API. */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

let mobileCounter = 0;

/** Creates a customer through the API, with a unique mobile so that no duplicate warning appears. */
export async function addCustomer(t: TestApp, firstName: string, extra: Record<string, unknown> = {}): Promise<string> {
  mobileCounter += 1;
  const mobile = `06 ${String(10_000_000 + mobileCounter).slice(-8).replace(/(\d\d)(?=\d)/g, '$1 ')}`;
  const res = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'individual', firstName, mobile, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function addProduct(t: TestApp, body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/api/v1/products', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function addGroup(t: TestApp, body: Record<string, unknown>): Promise<string> {
  const res = await t.api('POST', '/api/v1/customer-groups', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

export async function enableLoyalty(t: TestApp, settings: Record<string, unknown> = {}) {
  const res = await t.api('PUT', '/api/v1/loyalty/settings', {
    enabled: true,
    amountPerPoint: '1.00',
    minOrderToEarn: '0.00',
    pointValue: '1.00',
    minOrderToRedeem: '0.00',
    maxPointsPerOrder: null,
    minPointsToRedeem: null,
    maxPointsPerOrderRedeem: null,
    expiry: null,
    ...settings,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export interface SaleOptions {
  contactId?: string | null;
  date?: string;
  amount?: string;
  productId?: string;
  redeemPoints?: number;
  status?: 'final' | 'parked';
  /** Cash taken with the sale; defaults to the whole total for a walk-in sale, none otherwise. */
  paid?: string;
}

/** Posts a one-line sale and returns the raw response. */
export function postSale(t: TestApp, options: SaleOptions) {
  const line: Record<string, unknown> = { description: 'Article', quantity: '1', unitPrice: options.amount ?? '10.00' };
  if (options.productId) line.productId = options.productId;
  const body: Record<string, unknown> = {
    contactId: options.contactId ?? null,
    date: options.date ?? '2026-03-02',
    status: options.status ?? 'final',
    lines: [line],
  };
  if (options.redeemPoints !== undefined) body.redeemPoints = options.redeemPoints;
  if (options.paid) body.payments = [{ amount: options.paid, method: 'cash' }];
  return t.api('POST', '/api/v1/sales', body);
}

export async function sale(t: TestApp, options: SaleOptions) {
  const res = await postSale(t, options);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Returns every line of a sale (the given quantity of each), refunding any excess in cash. */
export async function returnSale(t: TestApp, saleId: string, quantities: Record<string, string>, date = '2026-03-05') {
  const lines = Object.entries(quantities).map(([lineId, quantity]) => ({ lineId, quantity }));
  const res = await t.api('POST', `/api/v1/sales/${saleId}/returns`, { date, lines, refund: { method: 'cash' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function loyaltyOf(t: TestApp, contactId: string) {
  const res = await t.api('GET', `/api/v1/contacts/${contactId}/loyalty`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    points: number;
    lots: { earnedOn: string; expiresOn: string | null; points: number; remaining: number }[];
    history: { date: string; type: string; points: number; shortfall: number; documentId: string | null; reason: string | null }[];
  };
}

export async function adjust(t: TestApp, contactId: string, points: number, reason = 'Geste commercial') {
  const res = await t.api('POST', `/api/v1/contacts/${contactId}/loyalty/adjustments`, { points, reason });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
