/**
 * Advances are applied to open items as they appear. So the dashboard, the
 * contact, its account and its open items agree: a contact in credit owes
 * nothing and is overdue for nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/ledger/dates.ts';
import { loadCandidateItems } from '../../src/messages/reminder-queries.ts';
import { remindedKinds } from '../../src/messages/run-reminders.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { account, addContact, pay, readSale } from '../helpers/ledger-api.ts';

describe.each(engines)('advances applied to open items on %s', (engine) => {
  let t: TestApp;
  const today = todayIn('Europe/Paris');
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function dashboard() {
    const response = await t.api('GET', '/api/v1/dashboard/receivables');
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  async function contact(id: string) {
    const response = await t.api('GET', `/api/v1/contacts/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('return excess settles overdue items', async () => {
    const dupain = await addContact(t, { name: 'Dupain', openingBalance: '50.00', openingBalanceDate: '2024-01-10' });
    const first = await t.api('POST', '/api/v1/sales', {
      contactId: dupain, date: today, status: 'final', payTerm: { number: 30, unit: 'days', endOfMonth: false },
      lines: [{ description: 'Corbeille', quantity: 1, unitPrice: '64.55' }],
    });
    expect(first.statusCode, first.body).toBe(201);
    let board = await dashboard();
    expect(board.totals.owedToUs).toBe('114.55');
    expect(board.totals.overdue).toBe('50.00');

    const big = await t.api('POST', '/api/v1/sales', {
      contactId: dupain, date: today, status: 'final', creditLimitOverride: { reason: 'client connu' },
      lines: [
        { description: 'Vitrine réfrigérée', quantity: 1, unitPrice: '1234.50' },
        { description: 'Livraison', quantity: 1, unitPrice: '30.92' },
      ],
      payments: [{ amount: '500.00', method: 'cheque' }],
    });
    expect(big.statusCode, big.body).toBe(201);
    const sold = big.json();
    const returned = await t.api('POST', `/api/v1/sales/${sold.id}/returns`, {
      date: today, lines: [{ lineId: sold.lines[0].id, quantity: 1 }],
    });
    expect(returned.statusCode, returned.body).toBe(201);
    expect(returned.json().appliedToDocument).toBe('765.42');
    // 469.08 left over settles the opening balance (50.00) and the invoice (64.55).
    expect(returned.json().advance).toBe('354.53');

    const row = await contact(dupain);
    expect(row).toMatchObject({ balance: '-354.53', receivable: '0.00', advance: '354.53', overdue: '0.00' });
    expect(await account(t, dupain)).toMatchObject({ balance: '-354.53', receivable: '0.00', advance: '354.53', overdue: '0.00' });
    expect((await readSale(t, first.json().id)).openAmount).toBe('0.00');

    board = await dashboard();
    expect(board.totals).toMatchObject({ owedToUs: '0.00', overdue: '0.00', contactsOwing: 0, owedByUs: '354.53' });
    expect(board.aging.receivable.total).toBe('0.00');
    expect(board.overdue).toEqual([]);

    const items = await t.api('GET', `/api/v1/contacts/${dupain}/open-items`);
    expect(items.statusCode, items.body).toBe(200);
    const open = JSON.stringify(items.json());
    expect(open).not.toContain('"kind":"opening_balance"');
  });

  it('negative opening balance settles a sale', async () => {
    const credited = await addContact(t, { name: 'Avoir Martin', openingBalance: '-500.00', openingBalanceDate: '2024-01-10' });
    const before = await dashboard();
    const created = await t.api('POST', '/api/v1/sales', {
      contactId: credited, date: today, status: 'final', lines: [{ description: 'Pain', quantity: 1, unitPrice: '1.00' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().openAmount).toBe('0.00');
    expect(await contact(credited)).toMatchObject({ balance: '-499.00', receivable: '0.00', payable: '499.00' });
    const after = await dashboard();
    expect(after.aging.receivable.total).toBe(before.aging.receivable.total);
    expect(after.totals.owedToUs).toBe(before.totals.owedToUs);
  });

  it('void frees a payment for others', async () => {
    const client = await addContact(t, { name: 'Lefèvre' });
    const a = await t.api('POST', '/api/v1/sales', {
      contactId: client, date: '2024-02-01', status: 'final', lines: [{ description: 'A', quantity: 1, unitPrice: '40.00' }],
    });
    const b = await t.api('POST', '/api/v1/sales', {
      contactId: client, date: '2024-02-02', status: 'final', lines: [{ description: 'B', quantity: 1, unitPrice: '60.00' }],
    });
    await pay(t, { contactId: client, amount: '40.00', date: '2024-02-03' });
    expect((await readSale(t, a.json().id)).openAmount).toBe('0.00');
    const voided = await t.api('POST', `/api/v1/sales/${a.json().id}/void`, { reason: 'erreur de saisie' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect((await readSale(t, b.json().id)).openAmount).toBe('20.00');
    expect(await contact(client)).toMatchObject({ balance: '20.00', receivable: '20.00', advance: '0.00' });
  });

  it('contact in credit is not reminded', async () => {
    const both = await addContact(t, { name: 'Meunier Frères', type: 'both' });
    const owing = await addContact(t, { name: 'Garnier' });
    for (const id of [both, owing]) {
      const created = await t.api('POST', '/api/v1/sales', {
        contactId: id, date: '2024-02-01', status: 'final', lines: [{ description: 'Farine', quantity: 1, unitPrice: '100.00' }],
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const bought = await t.api('POST', '/api/v1/purchases', {
      contactId: both, date: '2024-02-05', status: 'final', lines: [{ description: 'Blé', quantity: 1, unitPrice: '300.00' }],
    });
    expect(bought.statusCode, bought.body).toBe(201);
    // A purchase never settles a sale: both parts stay, the balance is netted.
    expect(await contact(both)).toMatchObject({ balance: '-200.00', receivable: '100.00', payable: '300.00' });
    const items = await loadCandidateItems(t.database.db.kysely, t.business.businessId, today, remindedKinds);
    const chased = new Set(items.map((item) => item.contactId));
    expect(chased.has(owing)).toBe(true);
    expect(chased.has(both)).toBe(false);
  });
});
