/**
 * Rules that keep a contact's account honest. The opening balance is frozen
 * once the account has moved, and money fields need their permission.
 * Figures stay hidden without ledger.view. An inactive contact gets no new
 * credit, and a type change may not hide an open account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/ledger/dates.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { account, addContact, ledgerRows, pay, readSale, sale } from '../helpers/ledger-api.ts';

describe.each(engines)('contact account rules on %s', (engine) => {
  let t: TestApp;
  const today = todayIn('Europe/Paris');
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('opening balance', () => {
    it('is frozen once paid', async () => {
      const id = await addContact(t, { name: 'Boulangerie Dupain', openingBalance: '50.00', openingBalanceDate: '2024-01-10' });
      await pay(t, { contactId: id, amount: '50.00', date: '2024-02-01', method: 'cheque' });
      const before = await ledgerRows(t, id);

      const changed = await t.api('PATCH', `/api/v1/contacts/${id}`, { openingBalance: '0.00' });
      expect(changed.statusCode, changed.body).toBe(409);
      expect(changed.json().code).toBe('opening_balance_locked');
      expect(changed.json().detail).toContain('Enregistrez plutôt un règlement ou une remise');

      expect(await ledgerRows(t, id)).toEqual(before);
      expect(await account(t, id)).toMatchObject({ balance: '0.00', receivable: '0.00', advance: '0.00' });
      const read = (await t.api('GET', `/api/v1/contacts/${id}`)).json();
      expect(read.openingBalance).toBe('50.00');
      expect(read.openingBalanceDate).toBe('2024-01-10');
    });

    it('is frozen once a sale follows', async () => {
      const id = await addContact(t, { name: 'Épicerie Morel', openingBalance: '30.00', openingBalanceDate: '2024-01-10' });
      await sale(t, id, '2024-01-20', '10.00');
      const redated = await t.api('PATCH', `/api/v1/contacts/${id}`, { openingBalanceDate: '2023-12-01' }, { 'accept-language': 'en' });
      expect(redated.statusCode, redated.body).toBe(409);
      expect(redated.json().detail).toContain('Record a payment or a discount dated today instead');
      // Other fields still change.
      const renamed = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Dijon' });
      expect(renamed.statusCode, renamed.body).toBe(200);
    });
  });

  describe('money fields', () => {
    let cashier: ReturnType<typeof asToken>;
    beforeAll(async () => {
      const user = await t.addUser(['customer.view_own', 'customer.create', 'sale.create']);
      cashier = asToken(t, user.token);
    });
    const body = (name: string, extra: Record<string, unknown> = {}) => ({
      type: 'customer', kind: 'business', businessName: name, mobile: `06 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, ...extra,
    });

    it('need their permission on create', async () => {
      const limit = await cashier('POST', '/api/v1/contacts', body('Traiteur Roy', { creditLimit: '1000.00' }));
      expect(limit.statusCode, limit.body).toBe(403);
      expect(limit.json().code).toBe('money_field_forbidden');
      expect(limit.json().errors).toEqual([expect.objectContaining({ path: 'creditLimit', code: 'field_needs_permission' })]);

      const opening = await cashier('POST', '/api/v1/contacts', body('Traiteur Roy', { openingBalance: '-500.00' }));
      expect(opening.statusCode, opening.body).toBe(403);
      expect(opening.json().errors).toEqual([expect.objectContaining({ path: 'openingBalance' })]);
      expect(opening.json().detail).toContain('Accorder des remises sur le solde');

      const plain = await cashier('POST', '/api/v1/contacts', body('Traiteur Roy', { openingBalance: '0.00', creditLimit: null }));
      expect(plain.statusCode, plain.body).toBe(201);
    });

    it('customer group needs ledger.discount', async () => {
      const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Habitués', calculation: 'percentage', percentage: '10' });
      expect(group.statusCode, group.body).toBe(201);
      const groupId = group.json().id;
      const clerk = asToken(t, (await t.addUser(['customer.view', 'customer.create', 'customer.update'])).token);
      const manager = asToken(t, (await t.addUser(['customer.view', 'customer.create', 'customer.update', 'ledger.discount'])).token);

      const created = await clerk('POST', '/api/v1/contacts', body('Bistrot Lemaire', { customerGroupId: groupId }));
      expect(created.statusCode, created.body).toBe(403);
      expect(created.json().code).toBe('money_field_forbidden');
      expect(created.json().errors).toEqual([expect.objectContaining({ path: 'customerGroupId', code: 'field_needs_permission' })]);
      expect(created.json().detail).toContain('Accorder des remises sur le solde');

      const plain = await clerk('POST', '/api/v1/contacts', body('Bistrot Lemaire'));
      expect(plain.statusCode, plain.body).toBe(201);
      const id = plain.json().id;
      const joined = await clerk('PATCH', `/api/v1/contacts/${id}`, { customerGroupId: groupId });
      expect(joined.statusCode, joined.body).toBe(403);
      expect(joined.json().code).toBe('money_field_forbidden');
      expect((await t.api('GET', `/api/v1/contacts/${id}`)).json().customerGroupId).toBeNull();

      const granted = await manager('PATCH', `/api/v1/contacts/${id}`, { customerGroupId: groupId });
      expect(granted.statusCode, granted.body).toBe(200);
      expect(granted.json().customerGroupId).toBe(groupId);

      // Other fields of a contact in a group still change, but leaving the group needs the permission too.
      const renamed = await clerk('PATCH', `/api/v1/contacts/${id}`, { city: 'Nantes' });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const left = await clerk('PATCH', `/api/v1/contacts/${id}`, { customerGroupId: null });
      expect(left.statusCode, left.body).toBe(403);

      const createdByManager = await manager('POST', '/api/v1/contacts', body('Bistrot Garnier', { customerGroupId: groupId }));
      expect(createdByManager.statusCode, createdByManager.body).toBe(201);
    });

    it('stay hidden without ledger.view', async () => {
      const created = await cashier('POST', '/api/v1/contacts', body('Crèmerie Petit'));
      expect(created.statusCode, created.body).toBe(201);
      const id = created.json().id;
      expect(created.json()).toMatchObject({ balance: null, receivable: null, overdue: null, openingBalance: null });
      await sale(t, id, '2024-01-20', '25.00');

      const read = await cashier('GET', `/api/v1/contacts/${id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ balance: null, receivable: null, payable: null, advance: null, overdue: null });
      expect(read.json().name).toBe('Crèmerie Petit');
      const list = await cashier('GET', '/api/v1/contacts');
      expect(list.statusCode).toBe(200);
      const row = list.json().items.find((c: { id: string }) => c.id === id);
      expect(row.balance).toBeNull();
      expect(row.openingBalance).toBeNull();

      const admin = (await t.api('GET', `/api/v1/contacts/${id}`)).json();
      expect(admin.balance).toBe('25.00');
    });
  });

  describe('inactive contact', () => {
    it('warns on deactivation with a balance', async () => {
      const id = await addContact(t, { name: 'Café Lenoir' });
      await sale(t, id, '2024-03-01', '64.55');
      const off = await t.api('POST', `/api/v1/contacts/${id}/deactivate`);
      expect(off.statusCode, off.body).toBe(200);
      expect(off.json().status).toBe('inactive');
      expect(off.json().warnings).toEqual([expect.objectContaining({ code: 'deactivated_with_balance' })]);
      expect(off.json().warnings[0].message).toContain('64.55');

      const settled = await addContact(t, { name: 'Café Soldé' });
      const quiet = await t.api('POST', `/api/v1/contacts/${settled}/deactivate`);
      expect(quiet.json().warnings).toEqual([]);
    });

    it('rejects credit but takes payments', async () => {
      const id = await addContact(t, { name: 'Bar Duval' });
      const invoice = await sale(t, id, '2024-03-01', '64.55');
      await t.api('POST', `/api/v1/contacts/${id}/deactivate`);

      const credit = await t.api('POST', '/api/v1/sales', {
        contactId: id, date: today, status: 'final', lines: [{ description: 'Café', quantity: 1, unitPrice: '12.00' }],
      });
      expect(credit.statusCode, credit.body).toBe(409);
      expect(credit.json().code).toBe('contact_inactive_credit');
      expect(credit.json().detail).toContain('Bar Duval');

      const paidNow = await t.api('POST', '/api/v1/sales', {
        contactId: id, date: today, status: 'final', lines: [{ description: 'Café', quantity: 1, unitPrice: '12.00' }],
        payments: [{ amount: '12.00', method: 'cash' }],
      });
      expect(paidNow.statusCode, paidNow.body).toBe(201);

      const parked = await t.api('POST', '/api/v1/sales', {
        contactId: id, date: today, status: 'parked', lines: [{ description: 'Café', quantity: 1, unitPrice: '8.00' }],
      });
      expect(parked.statusCode, parked.body).toBe(201);
      const finalised = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, {});
      expect(finalised.statusCode, finalised.body).toBe(409);
      expect(finalised.json().code).toBe('contact_inactive_credit');

      const payment = await pay(t, { contactId: id, amount: '64.55', date: today });
      expect(payment.allocations).toEqual([expect.objectContaining({ documentId: invoice.id, amount: '64.55' })]);
      expect((await readSale(t, invoice.id)).openAmount).toBe('0.00');
      expect(await account(t, id)).toMatchObject({ balance: '0.00' });
    });
  });

  describe('type change', () => {
    it('keeps an open account visible', async () => {
      const id = await addContact(t, { name: 'Pâtisserie Gros' });
      await sale(t, id, '2024-03-01', '65.55');
      const supplier = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' });
      expect(supplier.statusCode, supplier.body).toBe(409);
      expect(supplier.json().code).toBe('contact_type_hides_customer');
      expect(supplier.json().detail).toContain('client et fournisseur');
      const customers = (await t.api('GET', '/api/v1/contacts?type=customer&limit=100')).json();
      expect(customers.items.map((c: { id: string }) => c.id)).toContain(id);

      const both = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'both' });
      expect(both.statusCode, both.body).toBe(200);
      const back = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' });
      expect(back.statusCode).toBe(409);
    });

    it('keeps an open payable visible', async () => {
      const id = await addContact(t, { name: 'Minoterie Blanc', type: 'supplier' });
      const bought = await t.api('POST', '/api/v1/purchases', {
        contactId: id, date: '2024-03-01', status: 'final', lines: [{ description: 'Farine', quantity: 1, unitPrice: '120.00' }],
      });
      expect(bought.statusCode, bought.body).toBe(201);
      const customer = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'customer' }, { 'accept-language': 'en' });
      expect(customer.statusCode, customer.body).toBe(409);
      expect(customer.json().code).toBe('contact_type_hides_supplier');
      expect(customer.json().detail).toContain('customer and supplier');
    });

    it('is free on a settled account', async () => {
      const id = await addContact(t, { name: 'Fromagerie Simon' });
      const s = await sale(t, id, '2024-03-01', '20.00');
      await pay(t, { contactId: id, amount: '20.00', date: '2024-03-02', allocations: [{ documentId: s.id, amount: '20.00' }] });
      const supplier = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' });
      expect(supplier.statusCode, supplier.body).toBe(200);
      expect(supplier.json().type).toBe('supplier');
    });
  });
});
