/**
 * A user limited to their own contacts reads and changes only the sales,
 * purchases and payments of those contacts. The others return 404, as the
 * contacts themselves do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, oneLine, pay, purchase, sale } from '../helpers/ledger-api.ts';

describe.each(engines)('documents of hidden contacts on %s', (engine) => {
  let t: TestApp;
  let seller: ReturnType<typeof asToken>;
  let hiddenCustomer: string;
  let ownCustomer: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const user = await t.addUser(
      ['customer.view_own', 'customer.create', 'supplier.view_own', 'sale.create', 'purchase.create', 'payment.create', 'ledger.view'],
      'Vendeuse',
    );
    seller = asToken(t, user.token);
    hiddenCustomer = await addContact(t, { name: 'Client du patron' });
    ownCustomer = await addContact(t, { name: 'Client de la vendeuse' }, seller as TestApp['api']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sale of a hidden customer is not found', async () => {
    const hidden = await sale(t, hiddenCustomer, '2026-03-02', '80.00');
    const own = await sale(t, ownCustomer, '2026-03-02', '15.00');

    const response = await seller('GET', `/api/v1/sales/${hidden.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
    expect(response.body).not.toContain('Marchandises');
    expect((await seller('GET', `/api/v1/sales/${own.id}`)).statusCode).toBe(200);
  });

  it('walk-in sale stays readable', async () => {
    const walkIn = await sale(t, null, '2026-03-02', '5.00', { payments: [{ amount: '5.00', method: 'cash' }] });
    expect((await seller('GET', `/api/v1/sales/${walkIn.id}`)).statusCode).toBe(200);
  });

  it('purchase of a hidden supplier is not found', async () => {
    const supplier = await addContact(t, { name: 'Fournisseur du patron', type: 'supplier' });
    const hidden = await purchase(t, supplier, '2026-03-02', '40.00');

    const response = await seller('GET', `/api/v1/purchases/${hidden.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
  });

  it('payment of a hidden customer is not found', async () => {
    const hidden = await pay(t, { contactId: hiddenCustomer, amount: '30.00', date: '2026-03-03' });
    const own = await pay(t, { contactId: ownCustomer, amount: '15.00', date: '2026-03-03' });

    const response = await seller('GET', `/api/v1/payments/${hidden.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
    expect(response.body).not.toContain('30.00');
    expect((await seller('GET', `/api/v1/payments/${own.id}`)).statusCode).toBe(200);
  });

  it('parked sale of a hidden customer keeps its customer', async () => {
    const parked = await t.api('POST', '/api/v1/sales', oneLine(hiddenCustomer, '2026-03-04', '60.00', { status: 'parked' }));
    expect(parked.statusCode, parked.body).toBe(201);
    const id = parked.json().id as string;

    const moved = await seller('PATCH', `/api/v1/sales/${id}`, { contactId: ownCustomer });
    expect(moved.statusCode).toBe(404);
    const cleared = await seller('PATCH', `/api/v1/sales/${id}`, { contactId: null });
    expect(cleared.statusCode).toBe(404);

    const after = await t.api('GET', `/api/v1/sales/${id}`);
    expect(after.json().contactId).toBe(hiddenCustomer);
  });
});
