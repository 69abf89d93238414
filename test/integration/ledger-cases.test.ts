/**
 * Ledger scenarios that other systems of this kind got wrong, each with the
 * figures Comptoir must produce, written as the ledger table expected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { account, addContact, ledgerRows, pay, purchase, readSale, sale } from '../helpers/ledger-api.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';

describe.each(engines)('ledger cases on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('running balance with same-day sales and a split payment', async () => {
    const id = await addContact(t, { name: 'Épicerie Blanc' });
    const s1 = await sale(t, id, '2024-01-04', '678.60');
    const s2 = await sale(t, id, '2024-01-25', '1444.20');
    const s3 = await sale(t, id, '2024-01-25', '226.20');
    await pay(t, { contactId: id, amount: '1000.00', date: '2024-01-25', allocations: [{ documentId: s2.id, amount: '1000.00' }] });
    const p2 = await pay(t, {
      contactId: id,
      amount: '1349.00',
      date: '2024-02-12',
      allocations: [
        { documentId: s1.id, amount: '678.60' },
        { documentId: s2.id, amount: '444.20' },
        { documentId: s3.id, amount: '226.20' },
      ],
    });

    const expected = [
      ['2024-01-04', 'sale', '678.60', '', '678.60'],
      ['2024-01-25', 'sale', '1444.20', '', '2122.80'],
      ['2024-01-25', 'sale', '226.20', '', '2349.00'],
      ['2024-01-25', 'payment_received', '', '1000.00', '1349.00'],
      ['2024-02-12', 'payment_received', '', '1349.00', '0.00'],
    ];
    expect(await ledgerRows(t, id)).toEqual(expected);
    // Pages of two lines carry the running balance across their cursors.
    expect(await ledgerRows(t, id, '', 2)).toEqual(expected);
    expect(await ledgerRows(t, id, 'from=2024-01-25')).toEqual(expected.slice(1));
    expect(p2.allocations.map((a: { amount: string }) => a.amount)).toEqual(['678.60', '444.20', '226.20']);
    for (const s of [s1, s2, s3]) expect((await readSale(t, s.id)).openAmount).toBe('0.00');
    expect((await account(t, id)).balance).toBe('0.00');
  });

  it('ledger range folds earlier lines into the opening balance', async () => {
    const id = await addContact(t, { name: 'Épicerie Blanc bis' });
    await sale(t, id, '2024-01-04', '678.60');
    await sale(t, id, '2024-01-25', '1444.20');
    const page = (await t.api('GET', `/api/v1/contacts/${id}/ledger?from=2024-01-10&to=2024-01-31`)).json();
    expect(page.openingBalance).toBe('678.60');
    expect(page.closingBalance).toBe('2122.80');
    expect(page.items.map((i: { balance: string }) => i.balance)).toEqual(['2122.80']);
  });

  it('refund against a credit note is no new sale', async () => {
    const id = await addContact(t, { name: 'Nathalie Roche' });
    const s = await sale(t, id, '2024-05-03', '500.00');
    await pay(t, { contactId: id, amount: '500.00', date: '2024-05-03' });
    const line = s.lines[0].id;
    const back = await t.api('POST', `/api/v1/sales/${s.id}/returns`, { date: '2024-05-10', lines: [{ lineId: line, quantity: 1 }] });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ total: '500.00', appliedToDocument: '0.00', advance: '500.00', refund: null });
    const refund = await t.api('POST', '/api/v1/refunds', { contactId: id, amount: '500.00', method: 'cash', date: '2024-05-10' });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json().allocations).toEqual([expect.objectContaining({ kind: 'sale_return', amount: '500.00' })]);

    expect(await ledgerRows(t, id)).toEqual([
      ['2024-05-03', 'sale', '500.00', '', '500.00'],
      ['2024-05-03', 'payment_received', '', '500.00', '0.00'],
      ['2024-05-10', 'sale_return', '', '500.00', '-500.00'],
      ['2024-05-10', 'refund_paid', '500.00', '', '0.00'],
    ]);
    const expectedSummary = {
      openingBalance: '0.00',
      closingBalance: '0.00',
      byType: [
        { type: 'payment_received', debit: '0.00', credit: '500.00', count: 1 },
        { type: 'refund_paid', debit: '500.00', credit: '0.00', count: 1 },
        { type: 'sale', debit: '500.00', credit: '0.00', count: 1 },
        { type: 'sale_return', debit: '0.00', credit: '500.00', count: 1 },
      ],
    };
    for (const range of ['from=2024-05-01&to=2024-05-31', 'from=2024-01-01&to=2024-12-31']) {
      const summary = await t.api('GET', `/api/v1/contacts/${id}/ledger/summary?${range}`);
      expect(summary.json()).toEqual(expectedSummary);
    }
    expect(await account(t, id)).toMatchObject({ balance: '0.00', receivable: '0.00', advance: '0.00' });
  });

  it('corrected sale leaves no stale balance', async () => {
    const id = await addContact(t, { name: 'Atelier Colin' });
    const wrong = await sale(t, id, '2024-03-01', '3250.00');
    const voided = await t.api('POST', `/api/v1/sales/${wrong.id}/void`, { reason: 'montant erroné', date: '2024-03-02' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', openAmount: '0.00' });
    await sale(t, id, '2024-03-02', '97.50');
    await pay(t, { contactId: id, amount: '97.50', date: '2024-03-05' });

    expect(await ledgerRows(t, id)).toEqual([
      ['2024-03-01', 'sale', '3250.00', '', '3250.00'],
      ['2024-03-02', 'reversal', '', '3250.00', '0.00'],
      ['2024-03-02', 'sale', '97.50', '', '97.50'],
      ['2024-03-05', 'payment_received', '', '97.50', '0.00'],
    ]);
    expect(await account(t, id)).toMatchObject({ balance: '0.00', receivable: '0.00', advance: '0.00', overdue: '0.00' });
    const listed = (await t.api('GET', `/api/v1/contacts/${id}`)).json();
    expect(listed.balance).toBe('0.00');
    const page = (await t.api('GET', `/api/v1/contacts/${id}/ledger`)).json();
    expect(page.closingBalance).toBe('0.00');
    expect(JSON.stringify(page)).not.toContain('3152.50');
  });

  it('over-payment settles other sales, then becomes an advance', async () => {
    const id = await addContact(t, { name: 'Lucie Marchand' });
    const a = await sale(t, id, '2024-04-01', '50.00');
    await pay(t, { contactId: id, amount: '20.00', date: '2024-04-02', allocations: [{ documentId: a.id, amount: '20.00' }] });
    const b = await sale(t, id, '2024-04-03', '70.00');

    const tooMuch = await t.api('POST', '/api/v1/payments', {
      contactId: id, amount: '100.00', method: 'cash', date: '2024-04-04', allocations: [{ documentId: b.id, amount: '100.00' }],
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().errors[0]).toMatchObject({ path: 'allocations.0.amount', code: 'allocation_exceeds_open' });

    // The 30.00 left after the chosen sale settles the other open sale at once.
    const onB = await pay(t, { contactId: id, amount: '100.00', date: '2024-04-04', allocations: [{ documentId: b.id, amount: '70.00' }] });
    expect(onB.advance).toBe('0.00');
    expect((await readSale(t, b.id)).openAmount).toBe('0.00');
    expect((await readSale(t, a.id)).openAmount).toBe('0.00');
    expect(await account(t, id)).toMatchObject({ balance: '0.00', receivable: '0.00', advance: '0.00' });

    const extra = await pay(t, { contactId: id, amount: '15.00', date: '2024-04-05' });
    expect(extra.advance).toBe('15.00');
    expect(await account(t, id)).toMatchObject({ balance: '-15.00', receivable: '0.00', advance: '15.00' });
    const applied = await t.api('POST', `/api/v1/contacts/${id}/apply-advance`, {});
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().allocations).toEqual([]);

    // The next sale is settled from the advance as soon as it is final.
    const c = await sale(t, id, '2024-04-06', '40.00');
    expect(c.openAmount).toBe('25.00');
    expect(await account(t, id)).toMatchObject({ balance: '25.00', receivable: '25.00', advance: '0.00' });
  });

  it('one supplier payment settles several purchases', async () => {
    const full = await addContact(t, { name: 'Laiterie Dumas', type: 'supplier' });
    const bought = [
      await purchase(t, full, '2024-10-01', '2460.00'),
      await purchase(t, full, '2024-10-02', '4680.00'),
      await purchase(t, full, '2024-10-03', '6900.00'),
    ];
    const payment = await pay(t, { contactId: full, amount: '14040.00', method: 'bank_transfer', date: '2024-10-10' });
    expect(payment.direction).toBe('paid');
    expect(payment.allocations.map((a: { amount: string }) => a.amount)).toEqual(['2460.00', '4680.00', '6900.00']);
    for (const p of bought) expect((await readSale(t, p.id, 'purchases')).openAmount).toBe('0.00');
    expect(await account(t, full)).toMatchObject({ balance: '0.00', payable: '0.00' });

    const part = await addContact(t, { name: 'Laiterie Dumas (acompte)', type: 'supplier' });
    const open = [
      await purchase(t, part, '2024-10-01', '2460.00'),
      await purchase(t, part, '2024-10-02', '4680.00'),
      await purchase(t, part, '2024-10-03', '6900.00'),
    ];
    const partial = await pay(t, { contactId: part, amount: '5000.00', date: '2024-10-10' });
    expect(partial.allocations.map((a: { amount: string }) => a.amount)).toEqual(['2460.00', '2540.00']);
    const left = [];
    for (const p of open) left.push((await readSale(t, p.id, 'purchases')).openAmount);
    expect(left).toEqual(['0.00', '2140.00', '6900.00']);
    expect(await account(t, part)).toMatchObject({ balance: '-9040.00', payable: '9040.00' });
    expect(await ledgerRows(t, part)).toEqual([
      ['2024-10-01', 'purchase', '', '2460.00', '-2460.00'],
      ['2024-10-02', 'purchase', '', '4680.00', '-7140.00'],
      ['2024-10-03', 'purchase', '', '6900.00', '-14040.00'],
      ['2024-10-10', 'payment_made', '5000.00', '', '-9040.00'],
    ]);
  });

  it('same payment sent twice records one', async () => {
    const id = await addContact(t, { name: 'Théo Garcia' });
    await sale(t, id, '2024-06-01', '120.00');
    const body = { contactId: id, amount: '50.00', method: 'card', date: '2024-06-02' };
    const headers = { 'idempotency-key': `pay-${id}` };
    const [first, second] = await Promise.all([
      t.api('POST', '/api/v1/payments', body, headers),
      t.api('POST', '/api/v1/payments', body, headers),
    ]);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const replayed = [first.headers['idempotent-replayed'], second.headers['idempotent-replayed']];
    expect(replayed.filter((h) => h === 'true')).toHaveLength(1);

    const payments = await t.database.db.kysely.selectFrom('payments').where('contact_id', '=', id).selectAll().execute();
    expect(payments.map((p) => Number(p.amount))).toEqual([5000]);
    expect((await account(t, id)).balance).toBe('70.00');

    const other = await t.api('POST', '/api/v1/payments', { ...body, amount: '60.00' }, headers);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_conflict');
  });

  it('parallel different payments are both kept', async () => {
    const id = await addContact(t, { name: 'Théo Garcia (deux règlements)' });
    await sale(t, id, '2024-06-01', '120.00');
    const [fifty, eighty] = await Promise.all([
      t.api('POST', '/api/v1/payments', { contactId: id, amount: '50.00', method: 'cash', date: '2024-06-02' }),
      t.api('POST', '/api/v1/payments', { contactId: id, amount: '80.00', method: 'cash', date: '2024-06-02' }),
    ]);
    expect(fifty.statusCode, fifty.body).toBe(201);
    expect(eighty.statusCode, eighty.body).toBe(201);
    expect(await account(t, id)).toMatchObject({ balance: '-10.00', receivable: '0.00', advance: '10.00' });
    const report = await verifyLedger(t.database.db.kysely);
    expect(report.differences).toEqual([]);
  });

  it('failed payment leaves no row behind', async () => {
    const id = await addContact(t, { name: 'Théo Garcia (échec)' });
    const s = await sale(t, id, '2024-06-01', '120.00');
    const failed = await t.api('POST', '/api/v1/payments', {
      contactId: id,
      amount: '60.00',
      method: 'cash',
      date: '2024-06-02',
      allocations: [{ documentId: s.id, amount: '50.00' }, { documentId: 'missing-document', amount: '10.00' }],
    });
    expect(failed.statusCode).toBe(422);
    const db = t.database.db.kysely;
    expect(await db.selectFrom('payments').where('contact_id', '=', id).selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('allocations').where('contact_id', '=', id).selectAll().execute()).toEqual([]);
    expect((await readSale(t, s.id)).openAmount).toBe('120.00');
    expect((await account(t, id)).balance).toBe('120.00');
  });

  it('parked sale is checked again when finalised', async () => {
    const id = await addContact(t, { name: 'Restaurant Le Phare', creditLimit: '1000.00' });
    const parked = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-07-01', status: 'parked', lines: [{ description: 'Menu', quantity: 1, unitPrice: '800.00' }],
    });
    expect(parked.statusCode, parked.body).toBe(201);
    expect((await account(t, id)).exposure).toBe('0.00');
    await sale(t, id, '2024-07-02', '800.00');
    expect((await account(t, id)).exposure).toBe('800.00');

    const refused = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'credit_limit_exceeded', limit: '1000.00', exposure: '800.00', amount: '800.00' });
    // Intl writes a narrow no-break space between thousands and a no-break space before €.
    expect(refused.json().detail).toContain('limite 1\u202f000,00\u00a0€');
    expect((await readSale(t, parked.json().id)).status).toBe('parked');
    expect((await ledgerRows(t, id)).length).toBe(1);

    const cashier = await t.addUser(['customer.view', 'sale.create', 'ledger.view']);
    const withoutRight = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sales/${parked.json().id}/finalise`,
      headers: { authorization: `Bearer ${cashier.token}` },
      payload: { creditLimitOverride: { reason: 'client fidèle' } },
    });
    expect(withoutRight.statusCode).toBe(403);

    const passed = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, { creditLimitOverride: { reason: 'client fidèle, accord du gérant' } });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json().status).toBe('final');
    const audit = await t.database.db.kysely
      .selectFrom('audit_log')
      .where('entity_id', '=', parked.json().id)
      .where('action', '=', 'credit_limit_override')
      .selectAll()
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes)).toMatchObject({ reason: 'client fidèle, accord du gérant', exposure: '800.00', amount: '800.00' });
    expect((await account(t, id)).exposure).toBe('1600.00');
  });

  it('voided parked sale cannot come back', async () => {
    const id = await addContact(t, { name: 'Restaurant Le Phare (bis)', creditLimit: '1000.00' });
    const parked = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-07-01', status: 'parked', lines: [{ description: 'Menu', quantity: 1, unitPrice: '800.00' }],
    });
    await t.api('POST', `/api/v1/sales/${parked.json().id}/void`, {});
    await sale(t, id, '2024-07-02', '800.00');
    const again = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('document_status');
    expect((await account(t, id)).exposure).toBe('800.00');
  });

  it('refused sale writes nothing', async () => {
    const id = await addContact(t, { name: 'Restaurant Le Phare (refus)', creditLimit: '1000.00' });
    const refused = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-07-01', status: 'final', lines: [{ description: 'Banquet', quantity: 1, unitPrice: '1200.00' }],
      payments: [{ amount: '100.00', method: 'cash' }],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'credit_limit_exceeded', limit: '1000.00', exposure: '0.00', amount: '1100.00' });
    const db = t.database.db.kysely;
    expect(await db.selectFrom('documents').where('contact_id', '=', id).selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('payments').where('contact_id', '=', id).selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('ledger_entries').where('contact_id', '=', id).selectAll().execute()).toEqual([]);

    await db.updateTable('businesses').set({ credit_limit_policy: 'warn' }).where('id', '=', t.business.businessId).execute();
    try {
      const warned = await t.api('POST', '/api/v1/sales', {
        contactId: id, date: '2024-07-01', status: 'final', lines: [{ description: 'Banquet', quantity: 1, unitPrice: '1200.00' }],
      });
      expect(warned.statusCode).toBe(201);
      expect(warned.json().warnings).toEqual([{ code: 'credit_limit_exceeded', limit: '1000.00', exposure: '0.00', amount: '1200.00' }]);
    } finally {
      await db.updateTable('businesses').set({ credit_limit_policy: 'block' }).where('id', '=', t.business.businessId).execute();
    }
  });

  it('business dates never move by a day', async () => {
    const db = t.database.db.kysely;
    for (const timezone of ['Europe/Paris', 'America/Martinique']) {
      await db.updateTable('businesses').set({ timezone }).where('id', '=', t.business.businessId).execute();
      const id = await addContact(t, { name: `Dates ${timezone}`, payTerm: { number: 30, unit: 'days' } });
      const s = await sale(t, id, '2024-03-01', '10.00');
      for (let round = 0; round < 3; round += 1) {
        const read = await readSale(t, s.id);
        expect(read.date).toBe('2024-03-01');
        expect(read.dueDate).toBe('2024-03-31');
      }
      await sale(t, id, '2024-03-31', '20.00');
      await sale(t, id, '2024-04-01', '30.00');
      const march = await ledgerRows(t, id, 'from=2024-03-01&to=2024-03-31');
      expect(march.map((row) => row[0])).toEqual(['2024-03-01', '2024-03-31']);
    }
    await db.updateTable('businesses').set({ timezone: 'Europe/Paris' }).where('id', '=', t.business.businessId).execute();
  });

  it('contact without history deletes, with a sale does not', async () => {
    const clean = await addContact(t, { name: 'Test Doublon' });
    const removed = await t.api('DELETE', `/api/v1/contacts/${clean}`);
    expect(removed.statusCode, removed.body).toBe(204);

    const real = await addContact(t, { name: 'Client Réel' });
    await sale(t, real, '2024-02-01', '15.00');
    const refused = await t.api('DELETE', `/api/v1/contacts/${real}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('contact_has_history');
    expect(refused.json().detail).toContain('1 opération');
    expect(refused.json().detail).not.toMatch(/SQL|constraint|FOREIGN/i);
    expect((await t.api('GET', `/api/v1/contacts/${real}`)).statusCode).toBe(200);
    expect((await ledgerRows(t, real)).length).toBe(1);
  });

  it('sale return lowers what is owed on the sale', async () => {
    const id = await addContact(t, { name: 'Chloé Vasseur' });
    const s = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-09-01', status: 'final', lines: [{ description: 'Vase', quantity: 10, unitPrice: '10.00' }],
    });
    const back = await t.api('POST', `/api/v1/sales/${s.json().id}/returns`, {
      date: '2024-09-05', lines: [{ lineId: s.json().lines[0].id, quantity: 3 }],
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ total: '30.00', appliedToDocument: '30.00', advance: '0.00', refund: null });
    expect((await readSale(t, s.json().id)).openAmount).toBe('70.00');
    expect(await account(t, id)).toMatchObject({ balance: '70.00', receivable: '70.00', advance: '0.00' });
    expect(await ledgerRows(t, id)).toEqual([
      ['2024-09-01', 'sale', '100.00', '', '100.00'],
      ['2024-09-05', 'sale_return', '', '30.00', '70.00'],
    ]);

    const tooMany = await t.api('POST', `/api/v1/sales/${s.json().id}/returns`, {
      date: '2024-09-06', lines: [{ lineId: s.json().lines[0].id, quantity: 8 }],
    });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().errors[0]).toMatchObject({ path: 'lines.0.quantity', code: 'return_exceeds_sold' });
  });

  it('return after payment is advance or refund, not both', async () => {
    const kept = await addContact(t, { name: 'Chloé Vasseur (avance)' });
    const s1 = await sale(t, kept, '2024-09-01', '100.00', { payments: [{ amount: '100.00', method: 'card' }] });
    await t.api('POST', `/api/v1/sales/${s1.id}/returns`, { date: '2024-09-05', lines: [{ lineId: s1.lines[0].id, quantity: '0.3' }] });
    expect(await account(t, kept)).toMatchObject({ balance: '-30.00', advance: '30.00' });

    const refunded = await addContact(t, { name: 'Chloé Vasseur (remboursée)' });
    const s2 = await sale(t, refunded, '2024-09-01', '100.00', { payments: [{ amount: '100.00', method: 'card' }] });
    const back = await t.api('POST', `/api/v1/sales/${s2.id}/returns`, {
      date: '2024-09-05', lines: [{ lineId: s2.lines[0].id, quantity: '0.3' }], refund: { method: 'cash' },
    });
    expect(back.json()).toMatchObject({ total: '30.00', appliedToDocument: '0.00', advance: '0.00', refund: { amount: '30.00', method: 'cash' } });
    expect(await account(t, refunded)).toMatchObject({ balance: '0.00', advance: '0.00' });
    expect(await ledgerRows(t, refunded)).toEqual([
      ['2024-09-01', 'sale', '100.00', '', '100.00'],
      ['2024-09-01', 'payment_received', '', '100.00', '0.00'],
      ['2024-09-05', 'sale_return', '', '30.00', '-30.00'],
      ['2024-09-05', 'refund_paid', '30.00', '', '0.00'],
    ]);
  });

  it('every cached figure matches the ledger', async () => {
    const report = await verifyLedger(t.database.db.kysely);
    expect(report.differences).toEqual([]);
    expect(report.entries).toBeGreaterThan(30);
  });
});
