import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, adjust, enableLoyalty, loyaltyOf, sale } from '../helpers/pricing.ts';

describe.each(engines)('customer of a parked sale on %s', (engine) => {
  let t: TestApp;
  let productId: string;
  let member: string;
  let plain: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    productId = await addProduct(t, { sku: 'CAFE-1', name: 'Café en grains', sellingPrice: '20.00' });
    const group = await addGroup(t, { name: 'Remise dix', calculation: 'percentage', percentage: '10' });
    member = await addCustomer(t, 'Membre', { customerGroupId: group });
    plain = await addCustomer(t, 'Passant');
  });
  afterAll(async () => {
    await t?.close();
  });

  const change = (id: string, contactId: string | null) => t.api('PATCH', `/api/v1/sales/${id}`, { contactId });

  it('new customer gets the group price', async () => {
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    const res = await change(parked.id, member);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.contactId).toBe(member);
    expect(body.lines[0]).toMatchObject({ unitPrice: '18.00', listPrice: '20.00', groupDiscount: '2.00', total: '18.00' });
    expect(body.total).toBe('18.00');
    expect(body.status).toBe('parked');
  });

  it('clearing the customer removes the group price', async () => {
    const parked = await sale(t, { contactId: member, productId, amount: '20.00', status: 'parked' });
    expect(parked.total).toBe('18.00');
    const res = await change(parked.id, null);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.contactId).toBeNull();
    expect(body.lines[0]).toMatchObject({ unitPrice: '20.00', listPrice: null, groupDiscount: '0.00' });
    expect(body.total).toBe('20.00');
  });

  it('finalised sale uses the new customer', async () => {
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    await change(parked.id, member);
    const final = await t.api('POST', `/api/v1/sales/${parked.id}/finalise`, {});
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json().total).toBe('18.00');
    const ledger = await t.api('GET', `/api/v1/contacts/${member}/ledger`);
    expect(ledger.statusCode, ledger.body).toBe(200);
    expect(JSON.stringify(ledger.json())).toContain(parked.reference);
    const row = await t.database.db.kysely
      .selectFrom('documents')
      .where('id', '=', parked.id)
      .select(['contact_id', 'customer_group_id'])
      .executeTakeFirstOrThrow();
    expect(row.contact_id).toBe(member);
    expect(row.customer_group_id).not.toBeNull();
  });

  it('previous customer’s redemption is dropped', async () => {
    await enableLoyalty(t);
    await adjust(t, plain, 5, 'Bienvenue');
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked', redeemPoints: 5 });
    expect(parked.lines).toHaveLength(2);
    expect(parked.total).toBe('15.00');
    const res = await change(parked.id, member);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines).toHaveLength(1);
    expect(res.json().total).toBe('18.00');
    expect((await loyaltyOf(t, plain)).points).toBe(5);
  });

  it('same customer changes nothing', async () => {
    await adjust(t, member, 3, 'Bienvenue');
    const parked = await sale(t, { contactId: member, productId, amount: '20.00', status: 'parked', redeemPoints: 3 });
    const res = await change(parked.id, member);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines).toHaveLength(2);
    expect(res.json().total).toBe('15.00');
  });

  it('final sale keeps its customer', async () => {
    const final = await sale(t, { contactId: plain, productId, amount: '20.00' });
    const res = await change(final.id, member);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('document_status');
    expect(res.json().detail).toContain(final.reference);
    const after = await t.api('GET', `/api/v1/sales/${final.id}`);
    expect(after.json().contactId).toBe(plain);
  });

  it('supplier cannot be the customer', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Torréfacteur', mobile: '06 99 88 77 66',
    });
    expect(created.statusCode, created.body).toBe(201);
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    const res = await change(parked.id, created.json().id);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'contactId', code: 'contact_not_customer' });
  });

  it('unknown sale or contact is not found', async () => {
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    expect((await change(parked.id, 'no-such-contact')).statusCode).toBe(404);
    expect((await change('no-such-sale', member)).statusCode).toBe(404);
  });

  it('another business’s sale is not found', async () => {
    const other = await t.addBusiness('Autre boutique');
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    const res = await asToken(t, other.token)('PATCH', `/api/v1/sales/${parked.id}`, { contactId: null });
    expect(res.statusCode).toBe(404);
  });

  it('change needs the sale.create permission', async () => {
    const viewer = await t.addUser(['customer.view', 'ledger.view'], 'Lecteur');
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    const res = await asToken(t, viewer.token)('PATCH', `/api/v1/sales/${parked.id}`, { contactId: member });
    expect(res.statusCode).toBe(403);
  });

  it('new customer’s pay term and due date', async () => {
    const monthly = await addCustomer(t, 'Mensuel', { payTerm: { number: 2, unit: 'months', endOfMonth: true } });
    const thirty = await addCustomer(t, 'Trente', { payTerm: { number: 30, unit: 'days', endOfMonth: false } });
    const parked = await sale(t, { contactId: null, productId, amount: '20.00', status: 'parked', date: '2026-01-31' });
    expect(parked.payTerm).toBeNull();
    expect(parked.dueDate).toBe('2026-01-31');

    const first = await change(parked.id, thirty);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().payTerm).toMatchObject({ number: 30, unit: 'days', endOfMonth: false });
    expect(first.json().dueDate).toBe('2026-03-02');

    const second = await change(parked.id, monthly);
    expect(second.json().payTerm).toMatchObject({ number: 2, unit: 'months', endOfMonth: true });
    expect(second.json().dueDate).toBe('2026-03-31');

    const cleared = await change(parked.id, null);
    expect(cleared.json().payTerm).toBeNull();
    expect(cleared.json().dueDate).toBe('2026-01-31');
  });

  it('requested pay term wins over the customer’s', async () => {
    const thirty = await addCustomer(t, 'Trente bis', { payTerm: { number: 30, unit: 'days', endOfMonth: false } });
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked', date: '2026-03-02' });
    const requested = await t.api('PATCH', `/api/v1/sales/${parked.id}`, { contactId: thirty, payTerm: { number: 10, unit: 'days' } });
    expect(requested.statusCode, requested.body).toBe(200);
    expect(requested.json().payTerm).toMatchObject({ number: 10, unit: 'days', endOfMonth: false });
    expect(requested.json().dueDate).toBe('2026-03-12');

    const cash = await t.api('PATCH', `/api/v1/sales/${parked.id}`, { contactId: thirty, payTerm: null });
    expect(cash.statusCode, cash.body).toBe(200);
    expect(cash.json().contactId).toBe(thirty);
    expect(cash.json().payTerm).toBeNull();
    expect(cash.json().dueDate).toBe('2026-03-02');
  });

  it('finalised sale is due by the new term', async () => {
    const thirty = await addCustomer(t, 'Trente ter', { payTerm: { number: 30, unit: 'days', endOfMonth: false } });
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked', date: '2026-03-02' });
    await change(parked.id, thirty);
    const final = await t.api('POST', `/api/v1/sales/${parked.id}/finalise`, {});
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json().dueDate).toBe('2026-04-01');
    const item = await t.database.db.kysely
      .selectFrom('open_items')
      .where('source_id', '=', parked.id)
      .select('due_date')
      .executeTakeFirstOrThrow();
    expect(item.due_date).toBe('2026-04-01');
  });

  it('pay term change is in the audit log', async () => {
    const thirty = await addCustomer(t, 'Trente quater', { payTerm: { number: 30, unit: 'days', endOfMonth: false } });
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked', date: '2026-03-02' });
    await change(parked.id, thirty);
    const rows = await t.database.db.kysely
      .selectFrom('audit_log')
      .where('entity_id', '=', parked.id)
      .where('action', '=', 'update')
      .select('changes')
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(String(rows[0]?.changes))).toEqual([
      { field: 'contactId', from: plain, to: thirty },
      { field: 'payTerm.number', from: null, to: 30 },
      { field: 'payTerm.unit', from: null, to: 'days' },
      { field: 'dueDate', from: '2026-03-02', to: '2026-04-01' },
    ]);
  });

  it('change is kept in the audit log', async () => {
    const parked = await sale(t, { contactId: plain, productId, amount: '20.00', status: 'parked' });
    await change(parked.id, member);
    const rows = await t.database.db.kysely
      .selectFrom('audit_log')
      .where('entity_id', '=', parked.id)
      .where('action', '=', 'update')
      .select('changes')
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(String(rows[0]?.changes))).toEqual([{ field: 'contactId', from: plain, to: member }]);
  });
});
