/**
 * Corrections through the API: voiding a document that has returns, reversing
 * a discount, editing a parked document, the purge of old idempotency keys,
 * the dashboard of a user limited to its own contacts and the statement of
 * one location. Each ledger is checked as the table of entries it holds.
 */
import { sql } from 'kysely';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { purgeIdempotencyKeys } from '../../src/payments/purge-idempotency.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { account, addContact, ledgerRows, pay, readSale, sale } from '../helpers/ledger-api.ts';

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe.each(engines)('ledger corrections on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function expectBalanced() {
    expect((await verifyLedger(t.database.db.kysely)).differences).toEqual([]);
  }

  it('void reverses a sale and its return left as advance', async () => {
    const id = await addContact(t, { name: 'Annulation Avance' });
    const s = await sale(t, id, '2024-03-01', '100.00', { payments: [{ amount: '100.00', method: 'card' }] });
    const back = await t.api('POST', `/api/v1/sales/${s.id}/returns`, { date: '2024-03-02', lines: [{ lineId: s.lines[0].id, quantity: '0.4' }] });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ total: '40.00', appliedToDocument: '0.00', advance: '40.00' });
    expect(await account(t, id)).toMatchObject({ balance: '-40.00', advance: '40.00' });

    const voided = await t.api('POST', `/api/v1/sales/${s.id}/void`, { reason: 'commande annulée', date: '2024-03-05' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', openAmount: '0.00' });
    expect(voided.json().returns).toEqual([expect.objectContaining({ reference: back.json().reference, status: 'void' })]);
    // The whole 100.00 paid is now the customer's advance, and nothing is deleted.
    expect(await account(t, id)).toMatchObject({ balance: '-100.00', receivable: '0.00', advance: '100.00' });
    expect(await ledgerRows(t, id)).toEqual([
      ['2024-03-01', 'sale', '100.00', '', '100.00'],
      ['2024-03-01', 'payment_received', '', '100.00', '0.00'],
      ['2024-03-02', 'sale_return', '', '40.00', '-40.00'],
      ['2024-03-05', 'reversal', '40.00', '', '0.00'],
      ['2024-03-05', 'reversal', '', '100.00', '-100.00'],
    ]);
    await expectBalanced();
  });

  it('void of a refunded return keeps the refund', async () => {
    const id = await addContact(t, { name: 'Annulation Remboursement' });
    const s = await sale(t, id, '2024-04-01', '100.00', { payments: [{ amount: '100.00', method: 'cash' }] });
    const back = await t.api('POST', `/api/v1/sales/${s.id}/returns`, {
      date: '2024-04-02', lines: [{ lineId: s.lines[0].id, quantity: '0.25' }], refund: { method: 'cash' },
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().refund).toMatchObject({ amount: '25.00', method: 'cash' });

    const voided = await t.api('POST', `/api/v1/sales/${s.id}/void`, { date: '2024-04-03' });
    expect(voided.statusCode, voided.body).toBe(200);
    // 100.00 came in and 25.00 went back out: the shop owes the customer 75.00.
    expect(await account(t, id)).toMatchObject({ balance: '-75.00', receivable: '0.00', advance: '75.00' });
    expect(await ledgerRows(t, id)).toEqual([
      ['2024-04-01', 'sale', '100.00', '', '100.00'],
      ['2024-04-01', 'payment_received', '', '100.00', '0.00'],
      ['2024-04-02', 'sale_return', '', '25.00', '-25.00'],
      ['2024-04-02', 'refund_paid', '25.00', '', '0.00'],
      ['2024-04-03', 'reversal', '25.00', '', '25.00'],
      ['2024-04-03', 'reversal', '', '100.00', '-75.00'],
    ]);
    const items = (await t.api('GET', `/api/v1/contacts/${id}/open-items`)).json().items;
    expect(items.map((i: { kind: string; openAmount: string }) => [i.kind, i.openAmount])).toEqual([['payment_received', '75.00']]);
    await expectBalanced();
  });

  it('void of a credit sale with a return', async () => {
    const id = await addContact(t, { name: 'Annulation Crédit' });
    const s = await sale(t, id, '2024-05-01', '60.00');
    await t.api('POST', `/api/v1/sales/${s.id}/returns`, { date: '2024-05-02', lines: [{ lineId: s.lines[0].id, quantity: '0.5' }] });
    expect(await account(t, id)).toMatchObject({ balance: '30.00', receivable: '30.00' });
    const voided = await t.api('POST', `/api/v1/sales/${s.id}/void`, { date: '2024-05-03' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(await account(t, id)).toMatchObject({ balance: '0.00', receivable: '0.00', advance: '0.00' });
    expect((await readSale(t, s.id)).lines[0].returnedQuantity).toBe('0');
    await expectBalanced();
  });

  it('void of a walk-in sale nets its refunds', async () => {
    const s = await sale(t, null, '2024-05-01', '50.00', { payments: [{ amount: '50.00', method: 'cash' }] });
    const back = await t.api('POST', `/api/v1/sales/${s.id}/returns`, {
      date: '2024-05-01', lines: [{ lineId: s.lines[0].id, quantity: '0.2' }], refund: { method: 'cash' },
    });
    expect(back.statusCode, back.body).toBe(201);
    const voided = await t.api('POST', `/api/v1/sales/${s.id}/void`, {});
    expect(voided.statusCode, voided.body).toBe(200);
    const payments = await t.database.db.kysely
      .selectFrom('payments')
      .where('document_id', 'in', [s.id, back.json().id])
      .select(['kind', 'amount', 'status'])
      .orderBy('kind')
      .execute();
    expect(payments.map((p) => [p.kind, Number(p.amount), p.status])).toEqual([
      ['payment', 5000, 'reversed'],
      ['refund', 1000, 'reversed'],
    ]);
  });

  it('discount reversal reopens what it wrote off', async () => {
    const id = await addContact(t, { name: 'Remise Contrepassée' });
    const s = await sale(t, id, '2024-06-01', '99.95');
    const discount = await t.api('POST', `/api/v1/contacts/${id}/discounts`, { amount: '0.95', date: '2024-06-30', reason: 'arrondi' });
    expect(discount.statusCode, discount.body).toBe(201);
    expect((await readSale(t, s.id)).openAmount).toBe('99.00');
    const url = `/api/v1/contacts/${id}/discounts/${discount.json().id}/reverse`;

    const cashier = await t.addUser(['customer.view', 'ledger.view', 'sale.create']);
    const forbidden = await asToken(t, cashier.token)('POST', url, { reason: 'erreur' });
    expect(forbidden.statusCode).toBe(403);
    const noReason = await t.api('POST', url, { reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0]).toMatchObject({ path: 'reason' });
    const early = await t.api('POST', url, { reason: 'erreur', date: '2024-06-01' });
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ path: 'date', code: 'date_before_document' });

    const reversed = await t.api('POST', url, { reason: 'remise accordée par erreur', date: '2024-07-02' });
    expect(reversed.statusCode, reversed.body).toBe(200);
    expect(reversed.json()).toMatchObject({ amount: '0.95', reason: 'remise accordée par erreur', date: '2024-07-02' });
    expect(reversed.json().reopened).toEqual([expect.objectContaining({ amount: '0.95' })]);
    expect((await readSale(t, s.id)).openAmount).toBe('99.95');
    expect(await account(t, id)).toMatchObject({ balance: '99.95', receivable: '99.95' });
    expect(await ledgerRows(t, id)).toEqual([
      ['2024-06-01', 'sale', '99.95', '', '99.95'],
      ['2024-06-30', 'discount', '', '0.95', '99.00'],
      ['2024-07-02', 'reversal', '0.95', '', '99.95'],
    ]);

    const again = await t.api('POST', url, { reason: 'encore' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('discount_already_reversed');
    const other = await addContact(t, { name: 'Remise Ailleurs' });
    const elsewhere = await t.api('POST', `/api/v1/contacts/${other}/discounts/${discount.json().id}/reverse`, { reason: 'x' });
    expect(elsewhere.statusCode).toBe(404);
    await expectBalanced();
  });

  it('parked sale edit replaces lines, date and term', async () => {
    const id = await addContact(t, { name: 'Panier Modifié', payTerm: { number: 30, unit: 'days' } });
    const created = await t.api('POST', '/api/v1/sales', {
      contactId: id, date: '2024-07-01', status: 'parked', lines: [{ description: 'Thé', quantity: 1, unitPrice: '8.00' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const parked = created.json();
    expect(parked.dueDate).toBe('2024-07-31');

    const edited = await t.api('PUT', `/api/v1/sales/${parked.id}`, {
      date: '2024-07-10',
      payTerm: { number: 1, unit: 'months', endOfMonth: true },
      note: 'livraison jeudi',
      lines: [
        { description: 'Thé vert', quantity: 2, unitPrice: '8.00', taxRate: '5.5' },
        { description: 'Théière', quantity: 1, unitPrice: '25.00', discountPercent: '10' },
      ],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // 2 x 8.00 = 16.00 plus 0.88 tax, and 25.00 less 10 % = 22.50.
    expect(edited.json()).toMatchObject({
      reference: parked.reference, status: 'parked', date: '2024-07-10', dueDate: '2024-08-31', total: '39.38', note: 'livraison jeudi',
    });
    expect(edited.json().lines.map((l: { description: string; total: string }) => [l.description, l.total])).toEqual([
      ['Thé vert', '16.88'],
      ['Théière', '22.50'],
    ]);
    expect(await ledgerRows(t, id)).toEqual([]);

    const badDate = await t.api('PUT', `/api/v1/sales/${parked.id}`, { date: '2024-13-01', lines: [{ description: 'x', quantity: 1, unitPrice: '1.00' }] });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.json().errors.map((e: { path: string }) => e.path)).toEqual(['date']);
    const badQuantity = await t.api('PUT', `/api/v1/sales/${parked.id}`, { date: '2024-07-10', lines: [{ description: 'x', quantity: 0, unitPrice: '1.00' }] });
    expect(badQuantity.statusCode).toBe(422);
    expect(badQuantity.json().errors.map((e: { path: string }) => e.path)).toEqual(['lines.0.quantity']);

    const finalised = await t.api('POST', `/api/v1/sales/${parked.id}/finalise`, {});
    expect(finalised.statusCode, finalised.body).toBe(200);
    expect(await ledgerRows(t, id)).toEqual([['2024-07-10', 'sale', '39.38', '', '39.38']]);
    const late = await t.api('PUT', `/api/v1/sales/${parked.id}`, { date: '2024-07-10', lines: [{ description: 'x', quantity: 1, unitPrice: '1.00' }] });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('document_status');
  });

  it('parked purchase edit and its permission', async () => {
    const id = await addContact(t, { name: 'Fournisseur Brouillon', type: 'supplier' });
    const created = await t.api('POST', '/api/v1/purchases', {
      contactId: id, date: '2024-07-01', status: 'parked', lines: [{ description: 'Café', quantity: 10, unitPrice: '4.00' }],
    });
    const body = { date: '2024-07-02', payTerm: null, lines: [{ description: 'Café', quantity: 12, unitPrice: '4.00' }] };
    const seller = await t.addUser(['supplier.view', 'sale.create']);
    const forbidden = await asToken(t, seller.token)('PUT', `/api/v1/purchases/${created.json().id}`, body);
    expect(forbidden.statusCode).toBe(403);
    const edited = await t.api('PUT', `/api/v1/purchases/${created.json().id}`, body);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ total: '48.00', dueDate: '2024-07-02', payTerm: null, note: null });
    const wrongType = await t.api('PUT', `/api/v1/sales/${created.json().id}`, body);
    expect(wrongType.statusCode).toBe(404);
  });

  it('old idempotency keys are purged', async () => {
    const id = await addContact(t, { name: 'Clé Ancienne' });
    const first = await pay(t, { contactId: id, amount: '5.00', date: '2024-08-01' }, { 'idempotency-key': `purge-${engine}` });
    const replay = await pay(t, { contactId: id, amount: '5.00', date: '2024-08-01' }, { 'idempotency-key': `purge-${engine}` });
    expect(replay.id).toBe(first.id);

    const db = t.database.db;
    const inOneHour = new Date(Date.now() + 3_600_000);
    expect(await purgeIdempotencyKeys(db, 2, inOneHour)).toBe(0);
    const inThreeHours = new Date(Date.now() + 3 * 3_600_000);
    expect(await purgeIdempotencyKeys(db, 2, inThreeHours)).toBeGreaterThanOrEqual(1);
    const left = await db.kysely.selectFrom('idempotency_keys').where('key', '=', `purge-${engine}`).selectAll().execute();
    expect(left).toEqual([]);

    const after = await pay(t, { contactId: id, amount: '5.00', date: '2024-08-01' }, { 'idempotency-key': `purge-${engine}` });
    expect(after.id).not.toBe(first.id);
    expect(await account(t, id)).toMatchObject({ advance: '10.00' });
  });

  it('idempotency purge reads an index', async () => {
    const kysely = t.database.db.kysely;
    const purge = "delete from idempotency_keys where created_at < '2024-01-01T00:00:00.000Z'";
    let plan: string;
    if (engine === 'sqlite') {
      const rows = await sql.raw<{ detail: string }>(`explain query plan ${purge}`).execute(kysely);
      plan = rows.rows.map((row) => row.detail).join('\n');
    } else {
      // The planner scans a table this small whole. With scans made costly,
      // the plan shows whether an index can serve the purge.
      plan = await kysely.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${purge}`).execute(trx);
        return rows.rows.map((row) => row['QUERY PLAN']).join('\n');
      });
    }
    expect(plan).toContain('idempotency_keys_created_at');
  });

  it('dashboard of a limited user sums its own contacts', async () => {
    const fresh = await createTestApp(engine);
    try {
      const limited = await fresh.addUser(['customer.view_own', 'customer.create', 'ledger.view'], 'Vendeuse');
      const mine = await addContact(fresh, { name: 'Client de la vendeuse' }, asToken(fresh, limited.token) as typeof fresh.api);
      const theirs = await addContact(fresh, { name: 'Client du patron' });
      await sale(fresh, mine, '2020-01-01', '30.00');
      await sale(fresh, theirs, '2020-01-01', '500.00');
      // Dated a month ahead, so not yet due.
      const ahead = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await sale(fresh, theirs, ahead, '70.00');

      const all = (await fresh.api('GET', '/api/v1/dashboard/receivables')).json();
      expect(all.totals).toMatchObject({ receivable: '600.00', overdue: '530.00', contactsOwing: 2 });
      const own = await asToken(fresh, limited.token)('GET', '/api/v1/dashboard/receivables');
      expect(own.statusCode, own.body).toBe(200);
      expect(own.json().totals).toMatchObject({ receivable: '30.00', owedToUs: '30.00', overdue: '30.00', contactsOwing: 1 });
      expect(own.json().aging.receivable).toMatchObject({ notDue: '0.00', over90: '30.00', total: '30.00' });
      expect(own.json().overdue.map((o: { contactName: string }) => o.contactName)).toEqual(['Client de la vendeuse']);
      expect(own.body).not.toContain('Client du patron');
    } finally {
      await fresh.close();
    }
  });

  it('statement and ledger of one location', async () => {
    const location = await t.api('POST', '/api/v1/locations', { name: 'Boutique du Marché' });
    expect(location.statusCode, location.body).toBe(201);
    const market = location.json().id as string;
    const id = await addContact(t, { name: 'Client Deux Boutiques' });
    await sale(t, id, '2024-09-01', '111.11');
    await sale(t, id, '2024-09-02', '222.22', { locationId: market });
    await pay(t, { contactId: id, amount: '22.22', date: '2024-09-03', locationId: market });

    expect(await ledgerRows(t, id, `locationId=${market}`)).toEqual([
      ['2024-09-02', 'sale', '222.22', '', '222.22'],
      ['2024-09-03', 'payment_received', '', '22.22', '200.00'],
    ]);
    const unknown = await t.api('GET', `/api/v1/contacts/${id}/statement.pdf?locationId=nowhere`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'locationId', code: 'not_found_ref' });
    expect(unknown.json().errors[0].message).toContain('nowhere');
    expect((await t.api('GET', `/api/v1/contacts/${id}/ledger?locationId=nowhere`)).statusCode).toBe(422);
    for (const route of ['ledger', 'ledger/summary', 'ledger.csv', 'ledger.xlsx', 'statement.pdf']) {
      const empty = await t.api('GET', `/api/v1/contacts/${id}/${route}?locationId=`, undefined, { 'accept-language': 'en' });
      expect(empty.statusCode, route).toBe(422);
      expect(empty.json().errors, route).toEqual([{
        path: 'locationId',
        code: 'id_parameter_empty',
        message: 'locationId: “” contains no id. Give the id of a location, or leave locationId out.',
      }]);
    }
    const blankContact = await t.api('GET', '/api/v1/payments?contactId=%20');
    expect(blankContact.statusCode).toBe(422);
    expect(blankContact.json().errors).toEqual([{
      path: 'contactId',
      code: 'id_parameter_empty',
      message: 'contactId : «   » ne contient aucun identifiant. Indiquez l’identifiant d’un contact, ou retirez contactId.',
    }]);

    const response = await t.api('GET', `/api/v1/contacts/${id}/statement.pdf?from=2024-09-01&to=2024-09-30&locationId=${market}`);
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('Lieu : Boutique du Marché');
    expect(text).toContain('222,22 €');
    expect(text).toContain('+200,00 €');
    expect(text).not.toContain('111,11');
    expect(text).toContain('(tous les lieux)');
    // The account position stays the contact's over both locations.
    expect(text).toContain('+311,11 €');
  });
});
