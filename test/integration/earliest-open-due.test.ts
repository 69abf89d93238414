/**
 * The earliest open due date kept on each contact, which the overdue filter
 * reads. Triggers on open items write it, so it follows sales, payments,
 * corrections, opening balances, merges, imports and restores, and it
 * equals the date read from the open items.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { backupDatabase, restoreDatabase } from '../../src/ops/backup.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, engines } from '../helpers/databases.ts';
import { addContact, pay, purchase, sale } from '../helpers/ledger-api.ts';
import { multipart } from '../helpers/transfer-files.ts';

describe.each(engines)('earliest open due date on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Returns the stored date and the one the contact's open sales, purchases and opening balances give. */
  const dates = async (contactId: string) => {
    const db = t.database.db.kysely;
    const stored = await db.selectFrom('contacts').select('earliest_open_due_on').where('id', '=', contactId).executeTakeFirstOrThrow();
    const items = await db.selectFrom('open_items').select('due_date')
      .where('contact_id', '=', contactId).where('status', '=', 'open')
      .where('kind', 'in', ['sale', 'purchase', 'opening_balance'])
      .orderBy('due_date').execute();
    return { stored: stored.earliest_open_due_on, computed: items[0]?.due_date ?? null };
  };

  const overdueIds = async () => {
    const res = await t.api('GET', '/api/v1/contacts?overdue=true&limit=200');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((item: { id: string }) => item.id);
  };

  it('follows sales and payments', async () => {
    const id = await addContact(t, { name: 'Échéance Roux' });
    expect(await dates(id)).toEqual({ stored: null, computed: null });

    await sale(t, id, '2024-03-01', '50.00');
    const first = await dates(id);
    expect(first.stored).not.toBeNull();
    expect(first.stored).toBe(first.computed);

    await sale(t, id, '2024-01-10', '20.00');
    const second = await dates(id);
    expect(second.stored).toBe(second.computed);
    expect(second.stored! < first.stored!).toBe(true);
    expect(await overdueIds()).toContain(id);

    await pay(t, { contactId: id, amount: '70.00', date: '2024-04-01' });
    expect(await dates(id)).toEqual({ stored: null, computed: null });
    expect(await overdueIds()).not.toContain(id);
  });

  it('moves with a merge', async () => {
    const keep = await addContact(t, { name: 'Fusion Garnier' });
    const merged = await addContact(t, { name: 'Fusion Garnier bis' });
    await sale(t, merged, '2023-06-01', '15.00');
    const before = await dates(merged);
    expect(before.stored).not.toBeNull();

    const res = await t.api('POST', '/api/v1/contacts/merge', { keepId: keep, mergeIds: [merged] });
    expect(res.statusCode, res.body).toBe(200);
    expect(await dates(keep)).toEqual({ stored: before.stored, computed: before.stored });
    expect(await overdueIds()).toContain(keep);
  });

  it('overdue totals count the kept date', async () => {
    const res = await t.api('GET', '/api/v1/contacts/totals?overdue=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().count).toBe((await overdueIds()).length);
  });

  it('not overdue includes contacts without items', async () => {
    const fresh = await addContact(t, { name: 'Sans Facture' });
    const res = await t.api('GET', '/api/v1/contacts?overdue=false&limit=200');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((item: { id: string }) => item.id);
    expect(ids).toContain(fresh);
    const overdue = await overdueIds();
    expect(ids.filter((id: string) => overdue.includes(id))).toEqual([]);
    const all = await t.api('GET', '/api/v1/contacts/totals');
    const notOverdue = await t.api('GET', '/api/v1/contacts/totals?overdue=false');
    expect(notOverdue.json().count + overdue.length).toBe(all.json().count);
  });

  /** Lists the contacts whose kept date differs from their open items, as `comptoir verify` reports them. */
  const keptDateDifferences = async (db = t.database.db.kysely) =>
    (await verifyLedger(db)).differences.filter((difference) => difference.field === 'earliest_open_due_on');

  /** Checks every kept date after `step`, and that `contactId` is in the overdue list exactly when an open item is due before today. */
  const expectKept = async (step: string, contactId: string) => {
    expect(await keptDateDifferences(), step).toEqual([]);
    const { computed } = await dates(contactId);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const overdue = computed !== null && computed < today;
    expect((await overdueIds()).includes(contactId), `${step}: overdue with ${computed ?? 'nothing'} open`).toBe(overdue);
  };

  const post = async (url: string, body: unknown) => {
    const res = await t.api('POST', url, body);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };

  /** Uploads a file to `POST /api/v1/imports` and returns the committed import. */
  const upload = async (text: string, name: string, options: Record<string, unknown>) => {
    const body = multipart(Buffer.from(text, 'utf8'), name, options);
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/imports', headers: { authorization: `Bearer ${t.adminToken}`, ...body.headers }, payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('committed');
    return res.json();
  };

  it('follows corrections and pay terms', async () => {
    const id = await addContact(t, { name: 'Correction Perrin', payTerm: { number: 30, unit: 'days' } });
    const first = await sale(t, id, '2024-02-01', '50.00');
    const second = await sale(t, id, '2024-01-01', '30.00', { payTerm: { number: 2, unit: 'months', endOfMonth: true } });
    await expectKept('sales with pay terms', id);

    const payment = await pay(t, { contactId: id, amount: '25.00', date: '2024-03-01' });
    await expectKept('payment', id);
    await post(`/api/v1/payments/${payment.id}/reverse`, { reason: 'chèque rejeté', date: '2024-03-02' });
    await expectKept('payment reversed', id);
    await post(`/api/v1/sales/${second.id}/returns`, { date: '2024-03-02', lines: [{ lineId: second.lines[0].id, quantity: '1' }] });
    await expectKept('return', id);
    await post(`/api/v1/sales/${first.id}/void`, { reason: 'commande annulée', date: '2024-03-05' });
    await expectKept('void', id);

    const later = await sale(t, id, '2024-03-06', '20.00');
    const discount = await post(`/api/v1/contacts/${id}/discounts`, { amount: '20.00', date: '2024-03-07', reason: 'geste' });
    await expectKept('discount', id);
    await post(`/api/v1/contacts/${id}/discounts/${discount.id}/reverse`, { reason: 'accordée par erreur', date: '2024-03-08' });
    await expectKept('discount reversed', id);

    await pay(t, { contactId: id, amount: '100.00', date: '2024-03-09' });
    await sale(t, id, '2024-03-10', '40.00');
    await post(`/api/v1/contacts/${id}/apply-advance`, {});
    await expectKept('advance applied', id);
    expect((await dates(id)).stored, `sale ${later.id} settled by the advance`).toBeNull();

    const supplier = await addContact(t, { name: 'Fournisseur Lemoine', type: 'supplier', openingBalance: '-20.00', openingBalanceDate: '2024-01-02' });
    await purchase(t, supplier, '2024-02-02', '80.00', { payTerm: { number: 10, unit: 'days' } });
    await expectKept('purchase', supplier);
  });

  it('follows opening balance changes', async () => {
    const id = await addContact(t, { name: 'Ouverture Colas', openingBalance: '10.00', openingBalanceDate: '2024-01-05' });
    await expectKept('created', id);
    for (const change of [
      { openingBalance: '-4.00' },
      { openingBalance: '6.00', openingBalanceDate: '2019-01-01' },
      { openingBalance: '0' },
      { openingBalance: '9.00', openingBalanceDate: '2018-06-01' },
    ]) {
      const res = await t.api('PATCH', `/api/v1/contacts/${id}`, change);
      expect(res.statusCode, res.body).toBe(200);
      await expectKept(JSON.stringify(change), id);
    }
    expect((await dates(id)).stored).toBe('2018-06-01');
  });

  it('follows a merge of opening balances and anonymising', async () => {
    const keep = await addContact(t, { name: 'Fusion Marchand', openingBalance: '12.00', openingBalanceDate: '2022-01-01' });
    const merged = await addContact(t, { name: 'Fusion Marchand bis', openingBalance: '-12.00', openingBalanceDate: '2021-01-01' });
    await sale(t, merged, '2020-01-01', '3.00');
    await post('/api/v1/contacts/merge', { keepId: keep, mergeIds: [merged] });
    await expectKept('merge', keep);
    await post(`/api/v1/contacts/${keep}/anonymise`, {});
    await expectKept('anonymise', keep);
  });

  it('follows concurrent postings', async () => {
    const id = await addContact(t, { name: 'Course Vidal' });
    const line = [{ description: 'Marchandises', quantity: 1, unitPrice: '10.00' }];
    const responses = await Promise.all([
      t.api('POST', '/api/v1/sales', { contactId: id, date: '2024-05-01', status: 'final', lines: line }),
      t.api('POST', '/api/v1/sales', { contactId: id, date: '2024-04-01', status: 'final', lines: line }),
      t.api('POST', '/api/v1/payments', { contactId: id, amount: '10.00', method: 'cash', date: '2024-05-02' }),
      t.api('POST', '/api/v1/sales', { contactId: id, date: '2024-03-01', status: 'final', lines: line }),
    ]);
    expect(responses.map((res) => res.statusCode)).toEqual([201, 201, 201, 201]);
    await expectKept('concurrent sales and payment', id);
  });

  it('follows contact and sales imports and their undo', async () => {
    const header = "Nom;Mobile;Ville;Solde d'ouverture";
    const created = await upload(`${header}\nImport Arnaud;0600009101;Lyon;15,00\nImport Blanc;0600009102;Lyon;-8,00\n`, 'contacts.csv', {});
    const arnaud = await t.database.db.kysely.selectFrom('contacts').select('id').where('name', '=', 'Import Arnaud').executeTakeFirstOrThrow();
    await expectKept('contacts created', arnaud.id);
    const updated = await upload(`${header}\nImport Arnaud;0600009101;Nice;30,00\nImport Blanc;0600009102;Nice;0\n`, 'contacts.csv', {
      mode: 'upsert', matchOn: ['mobile'],
    });
    await expectKept('contacts updated', arnaud.id);
    const restored = await t.api('DELETE', `/api/v1/imports/${updated.id}`);
    expect(restored.statusCode, restored.body).toBe(200);
    await expectKept('contact update undone', arnaud.id);
    // The first import's contacts have entries from the second one, so only a fresh import can be undone whole.
    expect(created.totals).toMatchObject({ created: 2 });
    const fresh = await upload(`${header}\nImport Colin;0600009103;Lyon;15,00\nImport Dumas;0600009104;Lyon;-8,00\n`, 'contacts.csv', {});
    const deleted = await t.api('DELETE', `/api/v1/imports/${fresh.id}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json().status).toBe('undone');
    expect(await keptDateDifferences(), 'contact creation undone').toEqual([]);

    const customer = await addContact(t, { name: 'Client Importé', payTerm: { number: 15, unit: 'days' } });
    const code = (await t.api('GET', `/api/v1/contacts/${customer}`)).json().code;
    const rows = [
      ['Référence de la vente', 'Date', 'Client', 'Désignation', 'Quantité', 'Prix unitaire HT', 'TVA %'],
      ['V1', '01/03/2024', code, 'Café', '1', '10,00', '0'],
      ['V2', '01/01/2024', code, 'Thé', '2', '5,00', '0'],
    ];
    const sales = await upload(`${rows.map((row) => row.join(';')).join('\n')}\n`, 'ventes.csv', { kind: 'sales' });
    await expectKept('sales imported', customer);
    expect((await dates(customer)).stored).not.toBeNull();
    const undo = await t.api('DELETE', `/api/v1/imports/${sales.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    await expectKept('sales import undone', customer);
    expect((await dates(customer)).stored).toBeNull();
  });

  it.each(engines)('restores the kept dates into %s', async (target) => {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-earliest-due-'));
    const fresh = await createTestDatabase(target);
    try {
      const file = join(dir, 'copy.backup.gz');
      await backupDatabase(t.database.db, file);
      await restoreDatabase(fresh.db, file);
      const datedContacts = await fresh.db.kysely.selectFrom('contacts').select('earliest_open_due_on')
        .where('earliest_open_due_on', 'is not', null).execute();
      expect(datedContacts.length).toBeGreaterThan(0);
      expect(await keptDateDifferences(fresh.db.kysely)).toEqual([]);
    } finally {
      await fresh.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
