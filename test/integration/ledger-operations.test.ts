/**
 * Documents, payments and the ledger through the API: walk-in sales, pay
 * terms, opening balances settled by payments, reversals, discounts,
 * refunds, payment methods, permissions, tenancy, the dashboard and verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { translateTerm } from '../../src/shared/messages.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { account, addContact, ledgerRows, pay, purchase, readSale, sale } from '../helpers/ledger-api.ts';

describe.each(engines)('ledger operations on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walk-in sale must be paid in full', async () => {
    const unpaid = await t.api('POST', '/api/v1/sales', {
      date: '2024-05-01', status: 'final', lines: [{ description: 'Pain', quantity: 2, unitPrice: '1.20' }],
      payments: [{ amount: '2.00', method: 'cash' }],
    });
    expect(unpaid.statusCode).toBe(422);
    expect(unpaid.json().errors[0]).toMatchObject({ path: 'payments', code: 'walk_in_must_pay_in_full' });

    const paid = await sale(t, null, '2024-05-01', '2.40', { payments: [{ amount: '2.40', method: 'cash' }] });
    expect(paid).toMatchObject({ contactId: null, total: '2.40', openAmount: '0.00', paidAmount: '2.40', status: 'final' });
    expect(paid.payments).toEqual([expect.objectContaining({ amount: '2.40', method: 'cash', status: 'posted' })]);
    const entries = await t.database.db.kysely.selectFrom('ledger_entries').where('source_id', '=', paid.id).selectAll().execute();
    expect(entries).toEqual([]);

    const parked = await t.api('POST', '/api/v1/sales', {
      date: '2024-05-01', status: 'parked', lines: [{ description: 'Pain', quantity: 2, unitPrice: '1.20' }],
    });
    expect(parked.statusCode, parked.body).toBe(201);
    const short = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, { payments: [{ amount: '2.00', method: 'cash' }] });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors[0]).toMatchObject({ path: 'payments', code: 'walk_in_must_pay_in_full' });
    const finalised = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, { payments: [{ amount: '2.40', method: 'card' }] });
    expect(finalised.json()).toMatchObject({ status: 'final', openAmount: '0.00', paidAmount: '2.40' });

    const purchaseWithoutContact = await t.api('POST', '/api/v1/purchases', {
      date: '2024-05-01', status: 'final', lines: [{ description: 'Farine', quantity: 1, unitPrice: '10.00' }],
    });
    expect(purchaseWithoutContact.statusCode).toBe(422);
    expect(purchaseWithoutContact.json().errors[0]).toMatchObject({ path: 'contactId', code: 'required' });
  });

  it('sale answer carries reference, lines and due date', async () => {
    const id = await addContact(t, { name: 'Boulangerie Morel', payTerm: { number: 30, unit: 'days', endOfMonth: true } });
    const response = await t.api('POST', '/api/v1/sales', {
      contactId: id,
      date: '2024-01-15',
      status: 'final',
      lines: [
        { description: 'Farine T65', quantity: '2.5', unitPrice: '12.40', discountPercent: '10', taxRate: '5.5' },
        { description: 'Levure', quantity: 3, unitPrice: '1.99', taxRate: '20' },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.reference).toMatch(/^VE2024-\d{4}$/);
    // 2.5 x 12.40 = 31.00, -10 % = 27.90, +5.5 % = 1.53; 3 x 1.99 = 5.97, +20 % = 1.19
    expect(body).toMatchObject({ subtotal: '33.87', discountTotal: '3.10', taxTotal: '2.72', total: '36.59', openAmount: '36.59' });
    expect(body.lines.map((l: { total: string }) => l.total)).toEqual(['29.43', '7.16']);
    expect(body.lines.every((l: { id: string }) => typeof l.id === 'string')).toBe(true);
    expect(body.dueDate).toBe('2024-02-29');
    expect(body.payTerm).toMatchObject({ number: 30, unit: 'days', endOfMonth: true });
    expect(body.payTerm.label).toContain('fin de mois');
    expect(body.overdue).toBe(true);

    const noTerm = await sale(t, id, '2024-01-15', '5.00', { payTerm: null });
    expect(noTerm.dueDate).toBe('2024-01-15');
    const ownTerm = await sale(t, id, '2024-01-31', '5.00', { payTerm: { number: 1, unit: 'months' } });
    expect(ownTerm.dueDate).toBe('2024-02-29');

    const next = await sale(t, id, '2024-02-01', '1.00');
    expect(Number(next.reference.slice(-4))).toBeGreaterThan(Number(body.reference.slice(-4)));
  });

  it('payment settles the opening balance first', async () => {
    const id = await addContact(t, { name: 'Quincaillerie Roux', openingBalance: '150.00', openingBalanceDate: '2023-12-31' });
    expect(await account(t, id)).toMatchObject({ balance: '150.00', receivable: '150.00', overdue: '150.00' });
    const s = await sale(t, id, '2024-01-10', '100.00');
    const payment = await pay(t, { contactId: id, amount: '200.00', date: '2024-01-20' });
    expect(payment.allocations.map((a: { kind: string; amount: string }) => [a.kind, a.amount])).toEqual([
      ['opening_balance', '150.00'],
      ['sale', '50.00'],
    ]);
    expect((await readSale(t, s.id)).openAmount).toBe('50.00');
    expect(await ledgerRows(t, id)).toEqual([
      ['2023-12-31', 'opening_balance', '150.00', '', '150.00'],
      ['2024-01-10', 'sale', '100.00', '', '250.00'],
      ['2024-01-20', 'payment_received', '', '200.00', '50.00'],
    ]);

    // Once a payment settled it, the opening balance is part of the past.
    const before = await ledgerRows(t, id);
    for (const patch of [{ openingBalance: '120.00' }, { openingBalance: '0.00' }, { openingBalanceDate: '2023-11-30' }]) {
      const changed = await t.api('PATCH', `/api/v1/contacts/${id}`, patch);
      expect(changed.statusCode, changed.body).toBe(409);
      expect(changed.json().code).toBe('opening_balance_locked');
      expect(changed.json().detail).toContain('Quincaillerie Roux');
    }
    expect(await ledgerRows(t, id)).toEqual(before);
    expect(await account(t, id)).toMatchObject({ balance: '50.00', receivable: '50.00', advance: '0.00' });
  });

  it('opening balance changes while the account is new', async () => {
    const id = await addContact(t, { name: 'Droguerie Blanc', openingBalance: '80.00', openingBalanceDate: '2023-12-31' });
    const changed = await t.api('PATCH', `/api/v1/contacts/${id}`, { openingBalance: '60.00' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(await account(t, id)).toMatchObject({ balance: '60.00', receivable: '60.00' });
    const cleared = await t.api('PATCH', `/api/v1/contacts/${id}`, { openingBalance: '0.00' });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await account(t, id)).toMatchObject({ balance: '0.00', receivable: '0.00', advance: '0.00' });
  });

  it('reversed payment reopens what it settled', async () => {
    const id = await addContact(t, { name: 'Fleurs Lambert' });
    const s = await sale(t, id, '2024-02-01', '80.00');
    const payment = await pay(t, { contactId: id, amount: '80.00', method: 'cheque', date: '2024-02-02', reference: 'CHQ 1234567' });
    expect(payment.externalReference).toBe('CHQ 1234567');

    const cashier = await t.addUser(['customer.view', 'payment.create', 'ledger.view']);
    const forbidden = await asToken(t, cashier.token)('POST', `/api/v1/payments/${payment.id}/reverse`, { reason: 'chèque impayé' });
    expect(forbidden.statusCode).toBe(403);

    const reversed = await t.api('POST', `/api/v1/payments/${payment.id}/reverse`, { reason: 'chèque impayé', date: '2024-02-10' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json()).toMatchObject({ status: 'reversed', allocations: [], reversalReason: 'chèque impayé' });
    expect((await readSale(t, s.id)).openAmount).toBe('80.00');
    expect(await ledgerRows(t, id)).toEqual([
      ['2024-02-01', 'sale', '80.00', '', '80.00'],
      ['2024-02-02', 'payment_received', '', '80.00', '0.00'],
      ['2024-02-10', 'reversal', '80.00', '', '80.00'],
    ]);
    const again = await t.api('POST', `/api/v1/payments/${payment.id}/reverse`, { reason: 'encore' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('payment_already_reversed');
  });

  it('voided sale frees its payment as advance', async () => {
    const id = await addContact(t, { name: 'Café du Port' });
    const s = await sale(t, id, '2024-03-01', '40.00', { payments: [{ amount: '15.00', method: 'card' }] });
    expect(s.openAmount).toBe('25.00');
    const voided = await t.api('POST', `/api/v1/sales/${s.id}/void`, { reason: 'erreur de saisie', date: '2024-03-01' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await account(t, id)).toMatchObject({ balance: '-15.00', receivable: '0.00', advance: '15.00' });
    const again = await t.api('POST', `/api/v1/sales/${s.id}/void`, {});
    expect(again.statusCode).toBe(409);

    const refund = await t.api('POST', '/api/v1/refunds', { contactId: id, amount: '20.00', method: 'cash', date: '2024-03-02' });
    expect(refund.statusCode).toBe(422);
    expect(refund.json().errors[0]).toMatchObject({ path: 'amount', code: 'refund_exceeds_credit' });
    const refunded = await t.api('POST', '/api/v1/refunds', { contactId: id, amount: '15.00', method: 'cash', date: '2024-03-02' });
    expect(refunded.statusCode, refunded.body).toBe(201);
    expect(await account(t, id)).toMatchObject({ balance: '0.00', advance: '0.00' });
  });

  it('return worth less than half a cent moves goods and no money', async () => {
    const id = await addContact(t, { name: 'Quincaillerie Zéro' });
    const s = await sale(t, id, '2024-03-01', '0.01');
    const back = await t.api('POST', `/api/v1/sales/${s.id}/returns`, { date: '2024-03-02', lines: [{ lineId: s.lines[0].id, quantity: '0.1' }] });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ total: '0.00', appliedToDocument: '0.00', advance: '0.00', refund: null });
    expect(await account(t, id)).toMatchObject({ balance: '0.01', receivable: '0.01' });
    expect((await readSale(t, s.id)).openAmount).toBe('0.01');
    expect((await verifyLedger(t.database.db.kysely)).differences).toEqual([]);
  });

  it('purchase return lowers what the shop owes', async () => {
    const id = await addContact(t, { name: 'Fromagerie Petit', type: 'supplier' });
    const p = await purchase(t, id, '2024-03-01', '300.00');
    const back = await t.api('POST', `/api/v1/purchases/${p.id}/returns`, { date: '2024-03-03', lines: [{ lineId: p.lines[0].id, quantity: '0.2' }] });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ total: '60.00', appliedToDocument: '60.00' });
    expect(await account(t, id)).toMatchObject({ balance: '-240.00', payable: '240.00' });
    expect(await ledgerRows(t, id)).toEqual([
      ['2024-03-01', 'purchase', '', '300.00', '-300.00'],
      ['2024-03-03', 'purchase_return', '60.00', '', '-240.00'],
    ]);
  });

  it('contact both ways must give a direction', async () => {
    const id = await addContact(t, { name: 'Ferme des Saules', type: 'both' });
    await sale(t, id, '2024-04-01', '100.00');
    await purchase(t, id, '2024-04-02', '250.00');
    expect(await account(t, id)).toMatchObject({ balance: '-150.00', receivable: '100.00', payable: '250.00' });
    const missing = await t.api('POST', '/api/v1/payments', { contactId: id, amount: '10.00', method: 'cash', date: '2024-04-03' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0]).toMatchObject({ path: 'direction', code: 'direction_required' });
    const paid = await pay(t, { contactId: id, amount: '250.00', date: '2024-04-03', direction: 'paid' });
    expect(paid.allocations).toEqual([expect.objectContaining({ kind: 'purchase', amount: '250.00' })]);
    expect(await account(t, id)).toMatchObject({ balance: '100.00', receivable: '100.00', payable: '0.00' });
  });

  it('discount writes off with a reason and a permission', async () => {
    const id = await addContact(t, { name: 'Traiteur Dubois' });
    const s = await sale(t, id, '2024-05-01', '99.95');
    const cashier = await t.addUser(['customer.view', 'sale.create', 'ledger.view']);
    const forbidden = await asToken(t, cashier.token)('POST', `/api/v1/contacts/${id}/discounts`, {
      amount: '0.95', date: '2024-05-31', reason: 'arrondi',
    });
    expect(forbidden.statusCode).toBe(403);

    const tooMuch = await t.api('POST', `/api/v1/contacts/${id}/discounts`, { amount: '100.00', date: '2024-05-31', reason: 'geste' });
    expect(tooMuch.statusCode).toBe(422);
    const discount = await t.api('POST', `/api/v1/contacts/${id}/discounts`, { amount: '0.95', date: '2024-05-31', reason: 'arrondi commercial' });
    expect(discount.statusCode, discount.body).toBe(201);
    expect(discount.json()).toMatchObject({ amount: '0.95', side: 'sale', reason: 'arrondi commercial' });
    expect(discount.json().allocations).toEqual([expect.objectContaining({ documentId: s.id, amount: '0.95' })]);
    expect((await readSale(t, s.id)).openAmount).toBe('99.00');
    const rows = await ledgerRows(t, id);
    expect(rows.at(-1)).toEqual(['2024-05-31', 'discount', '', '0.95', '99.00']);
    const page = (await t.api('GET', `/api/v1/contacts/${id}/ledger`)).json();
    expect(page.items.at(-1).memo).toBe('arrondi commercial');
  });

  it('business payment methods are accepted', async () => {
    const unknown = await t.api('POST', '/api/v1/sales', {
      date: '2024-05-01', status: 'final', lines: [{ description: 'Pain', quantity: 1, unitPrice: '1.20' }],
      payments: [{ amount: '1.20', method: 'custom_1' }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'payments.0.method', code: 'unknown_payment_method' });

    const added = await t.api('POST', '/api/v1/payment-methods', { label: 'Titre-restaurant' });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toEqual({ code: 'custom_1', label: 'Titre-restaurant', builtIn: false, active: true });
    const clash = await t.api('POST', '/api/v1/payment-methods', { label: 'titre-restaurant' });
    expect(clash.statusCode).toBe(422);
    await sale(t, null, '2024-05-01', '1.20', { payments: [{ amount: '1.20', method: 'custom_1' }] });

    const listed = (await t.api('GET', '/api/v1/payment-methods')).json().items;
    expect(listed.map((m: { code: string }) => m.code)).toEqual(['cash', 'card', 'cheque', 'bank_transfer', 'other', 'custom_1']);
    expect(listed[3].label).toBe('Virement');

    await t.api('PATCH', '/api/v1/payment-methods/custom_1', { active: false });
    const refused = await t.api('POST', '/api/v1/sales', {
      date: '2024-05-01', status: 'final', lines: [{ description: 'Pain', quantity: 1, unitPrice: '1.20' }],
      payments: [{ amount: '1.20', method: 'custom_1' }],
    });
    expect(refused.statusCode).toBe(422);
  });

  it('permissions guard each operation', async () => {
    const id = await addContact(t, { name: 'Droits Dupont', type: 'both' });
    const viewer = asToken(t, (await t.addUser(['customer.view', 'supplier.view'])).token);
    const checks: [string, string, unknown, string][] = [
      ['POST', '/api/v1/sales', { contactId: id, date: '2024-05-01', status: 'final', lines: [{ description: 'a', quantity: 1, unitPrice: '1.00' }] }, 'sale.create'],
      ['POST', '/api/v1/purchases', { contactId: id, date: '2024-05-01', status: 'final', lines: [{ description: 'a', quantity: 1, unitPrice: '1.00' }] }, 'purchase.create'],
      ['POST', '/api/v1/payments', { contactId: id, amount: '1.00', method: 'cash', date: '2024-05-01', direction: 'received' }, 'payment.create'],
      ['GET', `/api/v1/contacts/${id}/ledger`, undefined, 'ledger.view'],
      ['GET', `/api/v1/contacts/${id}/statement.pdf`, undefined, 'ledger.view'],
      ['POST', `/api/v1/contacts/${id}/discounts`, { amount: '1.00', date: '2024-05-01', reason: 'x', side: 'sale' }, 'ledger.discount'],
      ['GET', '/api/v1/dashboard/receivables', undefined, 'ledger.view'],
    ];
    for (const [method, url, body, permission] of checks) {
      const response = await viewer(method as 'GET', url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().permission).toBe(permission);
      expect(response.json().detail).toContain(translateTerm('permission', permission, 'fr'));
    }
  });

  it('another business sees nothing', async () => {
    const id = await addContact(t, { name: 'Secret Martin' });
    const s = await sale(t, id, '2024-05-01', '10.00');
    const payment = await pay(t, { contactId: id, amount: '5.00', date: '2024-05-02' });
    const other = await t.addBusiness('Autre Boutique');
    const stranger = asToken(t, other.token);
    for (const url of [
      `/api/v1/sales/${s.id}`,
      `/api/v1/payments/${payment.id}`,
      `/api/v1/contacts/${id}/ledger`,
      `/api/v1/contacts/${id}/account`,
      `/api/v1/contacts/${id}/statement.pdf`,
      `/api/v1/contacts/${id}/ledger.csv`,
      `/api/v1/contacts/${id}/balance-history`,
    ]) {
      const response = await stranger('GET', url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain('Secret Martin');
    }
    for (const [url, body] of [
      [`/api/v1/sales/${s.id}/void`, {}],
      [`/api/v1/sales/${s.id}/returns`, { date: '2024-05-03', lines: [{ lineId: s.lines[0].id, quantity: 1 }] }],
      [`/api/v1/payments/${payment.id}/reverse`, { reason: 'x' }],
      ['/api/v1/payments', { contactId: id, amount: '1.00', method: 'cash', date: '2024-05-02' }],
    ] as const) {
      const response = await stranger('POST', url, body);
      expect(response.statusCode, url).toBe(404);
    }
    const list = (await stranger('GET', '/api/v1/sales')).json();
    expect(list.items).toEqual([]);
    expect((await account(t, id)).balance).toBe('5.00');
  });

  it('balance history has a point per changed day', async () => {
    const id = await addContact(t, { name: 'Courbe Lefort' });
    await sale(t, id, '2024-06-01', '100.00');
    await sale(t, id, '2024-06-01', '50.00');
    await pay(t, { contactId: id, amount: '120.00', date: '2024-06-05' });
    await sale(t, id, '2024-06-09', '10.00');
    const all = (await t.api('GET', `/api/v1/contacts/${id}/balance-history`)).json();
    expect(all).toEqual({
      openingBalance: '0.00',
      points: [
        { date: '2024-06-01', balance: '150.00' },
        { date: '2024-06-05', balance: '30.00' },
        { date: '2024-06-09', balance: '40.00' },
      ],
    });
    const later = (await t.api('GET', `/api/v1/contacts/${id}/balance-history?from=2024-06-02&to=2024-06-08`)).json();
    expect(later).toEqual({ openingBalance: '150.00', points: [{ date: '2024-06-05', balance: '30.00' }] });
  });

  it('dashboard totals match the contacts', async () => {
    const fresh = await createTestApp(engine);
    try {
      const a = await addContact(fresh, { name: 'Dash Alpha' });
      const b = await addContact(fresh, { name: 'Dash Beta' });
      const supplier = await addContact(fresh, { name: 'Dash Fournisseur', type: 'supplier' });
      await sale(fresh, a, '2020-01-01', '100.00');
      // Dated ahead, so not yet due: documents may be dated up to a year after today.
      await sale(fresh, b, addDays(todayIn('Europe/Paris'), 300), '40.00');
      await sale(fresh, b, '2020-02-01', '10.00', { payments: [{ amount: '10.00', method: 'cash' }] });
      await pay(fresh, { contactId: b, amount: '60.00', date: '2020-02-02' });
      await purchase(fresh, supplier, '2020-01-01', '70.00');
      const dashboard = (await fresh.api('GET', '/api/v1/dashboard/receivables')).json();
      expect(dashboard.totals).toMatchObject({
        receivable: '100.00', payable: '70.00', advance: '20.00', owedToUs: '100.00', owedByUs: '90.00', overdue: '100.00', contactsOwing: 1,
      });
      expect(dashboard.aging.receivable).toMatchObject({ notDue: '0.00', over90: '100.00', total: '100.00' });
      expect(dashboard.overdue.map((o: { contactName: string; openAmount: string }) => [o.contactName, o.openAmount])).toEqual([['Dash Alpha', '100.00']]);
      expect(dashboard.totals.overduePayable).toBe('70.00');
      expect(
        dashboard.overduePayables.map((o: { contactName: string; kind: string; openAmount: string }) => [o.contactName, o.kind, o.openAmount]),
      ).toEqual([['Dash Fournisseur', 'purchase', '70.00']]);
      expect(dashboard.topBalances.map((c: { name: string }) => c.name)).toEqual(['Dash Alpha']);
      expect(dashboard.topPayables.map((c: { name: string; balance: string }) => [c.name, c.balance])).toEqual([
        ['Dash Fournisseur', '-70.00'],
        ['Dash Beta', '-20.00'],
      ]);
    } finally {
      await fresh.close();
    }
  });

  it('verify finds a tampered figure', async () => {
    expect((await verifyLedger(t.database.db.kysely)).differences).toEqual([]);
    const id = await addContact(t, { name: 'Vérif Bernard' });
    await sale(t, id, '2024-05-01', '10.00');
    const db = t.database.db.kysely;
    await db.updateTable('contacts').set({ balance: 999 }).where('id', '=', id).execute();
    const report = await verifyLedger(db);
    expect(report.differences).toContainEqual(
      expect.objectContaining({ subject: 'contact', id, field: 'balance', stored: 999, computed: 1000 }),
    );
    await db.updateTable('contacts').set({ balance: 1000 }).where('id', '=', id).execute();
    expect((await verifyLedger(db)).differences).toEqual([]);
  });
});
