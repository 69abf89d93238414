/**
 * Voiding a document that payments or allocations settled reverses that
 * money, so it needs `payment.reverse` on top of the document's own
 * permission. A document nothing settled can still be voided without it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, purchase, readSale, sale } from '../helpers/ledger-api.ts';
import { userWithRole } from '../helpers/roles.ts';

describe.each(engines)('void permission on %s', (engine) => {
  let t: TestApp;
  let cashierToken: string;
  let cashier: ReturnType<typeof asToken>;
  let manager: ReturnType<typeof asToken>;
  let customer: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    cashierToken = (await userWithRole(t, 'Caissier')).token;
    cashier = asToken(t, cashierToken);
    manager = asToken(t, (await userWithRole(t, 'Responsable')).token);
    customer = await addContact(t, { name: 'Client de la caisse' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('cashier cannot void a paid walk-in sale', async () => {
    const paid = await sale(t, null, '2026-03-02', '12.00', { payments: [{ amount: '12.00', method: 'cash' }] });

    const response = await cashier('POST', `/api/v1/sales/${paid.id}/void`, {});
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('void_reverses_payments');
    expect(response.json().permission).toBe('payment.reverse');
    expect(response.json().detail).toContain('« Annuler des paiements »');
    expect(response.json().detail).toContain(paid.reference);
    expect(response.json().detail).toContain('responsable');

    const after = await readSale(t, paid.id);
    expect(after.status).toBe('final');
    expect(after.payments.map((p: { status: string }) => p.status)).toEqual(['posted']);
  });

  it('refusal reads in English', async () => {
    const paid = await sale(t, null, '2026-03-02', '3.00', { payments: [{ amount: '3.00', method: 'cash' }] });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${paid.id}/void`,
      headers: { authorization: `Bearer ${cashierToken}`, 'accept-language': 'en' },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().detail).toBe(
      `Voiding ${paid.reference} would also reverse its payments, which needs the “Reverse payments” permission: ask a manager to void it.`,
    );
  });

  it('manager voids a paid walk-in sale', async () => {
    const paid = await sale(t, null, '2026-03-02', '8.00', { payments: [{ amount: '8.00', method: 'cash' }] });
    expect(paid.voidReversesPayments).toBe(true);

    const response = await manager('POST', `/api/v1/sales/${paid.id}/void`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('void');
    expect(response.json().payments[0].status).toBe('reversed');
  });

  it('cashier voids an unpaid sale', async () => {
    const unpaid = await sale(t, customer, '2026-03-02', '20.00');
    expect(unpaid.voidReversesPayments).toBe(false);

    const response = await cashier('POST', `/api/v1/sales/${unpaid.id}/void`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('void');
  });

  it('cashier cannot void a settled customer sale', async () => {
    const settled = await sale(t, customer, '2026-03-03', '30.00');
    await pay(t, { contactId: customer, amount: '30.00', date: '2026-03-03' });
    expect((await readSale(t, settled.id)).voidReversesPayments).toBe(true);

    const response = await cashier('POST', `/api/v1/sales/${settled.id}/void`, {});
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('void_reverses_payments');
    expect((await readSale(t, settled.id)).status).toBe('final');

    const allowed = await manager('POST', `/api/v1/sales/${settled.id}/void`, {});
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('purchase settled by a payment needs the permission', async () => {
    const buyer = asToken(t, (await t.addUser(['supplier.view', 'purchase.create'], 'Acheteur')).token);
    const supplier = await addContact(t, { name: 'Fournisseur payé', type: 'supplier' });
    const settled = await purchase(t, supplier, '2026-03-04', '50.00');
    await pay(t, { contactId: supplier, amount: '50.00', date: '2026-03-04', direction: 'paid' });

    const response = await buyer('POST', `/api/v1/purchases/${settled.id}/void`, {});
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('void_reverses_payments');

    const unpaid = await purchase(t, supplier, '2026-03-05', '10.00');
    const allowed = await buyer('POST', `/api/v1/purchases/${unpaid.id}/void`, {});
    expect(allowed.statusCode, allowed.body).toBe(200);
  });

  it('return settling its own sale needs nothing', async () => {
    const fresh = await addContact(t, { name: 'Client sans avance' });
    const returnedSale = await sale(t, fresh, '2026-03-06', '10.00');
    const returned = await t.api('POST', `/api/v1/sales/${returnedSale.id}/returns`, {
      date: '2026-03-06',
      lines: [{ lineId: returnedSale.lines[0].id, quantity: '1' }],
    });
    expect(returned.statusCode, returned.body).toBe(201);
    expect((await readSale(t, returnedSale.id)).voidReversesPayments).toBe(false);

    const response = await cashier('POST', `/api/v1/sales/${returnedSale.id}/void`, {});
    expect(response.statusCode, response.body).toBe(200);
  });

  it('refunded return of a paid sale needs the permission', async () => {
    const paidSale = await sale(t, customer, '2026-03-07', '10.00');
    await pay(t, { contactId: customer, amount: '10.00', date: '2026-03-07' });
    const returned = await t.api('POST', `/api/v1/sales/${paidSale.id}/returns`, {
      date: '2026-03-07',
      lines: [{ lineId: paidSale.lines[0].id, quantity: '1' }],
      refund: { method: 'cash' },
    });
    expect(returned.statusCode, returned.body).toBe(201);
    expect((await readSale(t, paidSale.id)).voidReversesPayments).toBe(true);

    const response = await cashier('POST', `/api/v1/sales/${paidSale.id}/void`, {});
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('void_reverses_payments');
  });
});
