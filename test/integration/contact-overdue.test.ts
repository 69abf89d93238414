import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('contact overdue figure on %s', (engine) => {
  let t: TestApp;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const created = await t.api('POST', '/api/v1/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Chloé', lastName: 'Vasseur', mobile: '0611223344',
    });
    expect(created.statusCode).toBe(201);
    contactId = created.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts a past-due sale in the contact, the list and the account alike', async () => {
    const sale = await t.api('POST', '/api/v1/sales', {
      contactId, date: '2024-03-01', status: 'final',
      payTerm: { number: 30, unit: 'days', endOfMonth: false },
      lines: [{ description: 'Panier garni', quantity: '1', unitPrice: '120.00' }],
    });
    expect(sale.statusCode).toBe(201);
    const one = (await t.api('GET', `/api/v1/contacts/${contactId}`)).json();
    expect(one.overdue).toBe('120.00');
    expect(one.balance).toBe('120.00');
    const list = (await t.api('GET', '/api/v1/contacts?type=customer')).json();
    expect(list.items.find((c: { id: string }) => c.id === contactId).overdue).toBe('120.00');
    const account = (await t.api('GET', `/api/v1/contacts/${contactId}/account`)).json();
    expect(account.overdue).toBe(one.overdue);
  });

  it('drops to zero once the sale is paid', async () => {
    const paid = await t.api('POST', '/api/v1/payments', {
      contactId, amount: '120.00', method: 'cash', date: '2024-05-02',
    }, { 'idempotency-key': `pay-overdue-${engine}` });
    expect(paid.statusCode).toBe(201);
    const one = (await t.api('GET', `/api/v1/contacts/${contactId}`)).json();
    expect(one.overdue).toBe('0.00');
    expect(one.balance).toBe('0.00');
  });
});
