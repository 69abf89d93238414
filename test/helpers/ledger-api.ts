/**
 * Calls of the ledger tests: contacts through the contacts API, sales,
 * purchases and payments through theirs, and the ledger read back as a
 * table of `[date, type, debit, credit, balance]` rows that a test compares
 * with the table it expects.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.ts';

let mobileCounter = 0;

export interface ContactSpec {
  name: string;
  type?: 'customer' | 'supplier' | 'both';
  creditLimit?: string | null;
  payTerm?: { number: number; unit: 'days' | 'months'; endOfMonth?: boolean } | null;
  openingBalance?: string;
  openingBalanceDate?: string;
}

/** Creates a business contact through `POST /api/v1/contacts` and returns its id. */
export async function addContact(t: TestApp, spec: ContactSpec, api = t.api): Promise<string> {
  mobileCounter += 1;
  const mobile = `06 ${String(10_000_000 + ((mobileCounter * 7919 + Math.floor(Math.random() * 1000)) % 89_999_999)).padStart(8, '0')}`;
  const response = await api('POST', '/api/v1/contacts', {
    type: spec.type ?? 'customer',
    kind: 'business',
    businessName: spec.name,
    mobile,
    creditLimit: spec.creditLimit ?? null,
    payTerm: spec.payTerm ?? null,
    ...(spec.openingBalance ? { openingBalance: spec.openingBalance, openingBalanceDate: spec.openingBalanceDate } : {}),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

/** Builds a one-line final sale or purchase of `amount`, with no tax. */
export function oneLine(contactId: string | null, date: string, amount: string, extra: Record<string, unknown> = {}) {
  return {
    contactId,
    date,
    status: 'final',
    lines: [{ description: 'Marchandises', quantity: 1, unitPrice: amount }],
    ...extra,
  };
}

export async function sale(t: TestApp, contactId: string | null, date: string, amount: string, extra: Record<string, unknown> = {}) {
  const response = await t.api('POST', '/api/v1/sales', oneLine(contactId, date, amount, extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function purchase(t: TestApp, contactId: string, date: string, amount: string, extra: Record<string, unknown> = {}) {
  const response = await t.api('POST', '/api/v1/purchases', oneLine(contactId, date, amount, extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function pay(t: TestApp, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await t.api('POST', '/api/v1/payments', { method: 'cash', ...body }, headers);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export type LedgerRow = [date: string, type: string, debit: string, credit: string, balance: string];

/** Reads the ledger lines, every page followed, as rows with empty strings for zero amounts. */
export async function ledgerRows(t: TestApp, contactId: string, query = '', pageSize = 100): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${cursor}` : '';
    const response = await t.api('GET', `/api/v1/contacts/${contactId}/ledger?limit=${pageSize}${query ? `&${query}` : ''}${suffix}`);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json();
    for (const item of page.items) {
      rows.push([item.date, item.type, item.debit === '0.00' ? '' : item.debit, item.credit === '0.00' ? '' : item.credit, item.balance]);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

export async function account(t: TestApp, contactId: string) {
  const response = await t.api('GET', `/api/v1/contacts/${contactId}/account`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

export async function readSale(t: TestApp, id: string, kind: 'sales' | 'purchases' = 'sales') {
  const response = await t.api('GET', `/api/v1/${kind}/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
