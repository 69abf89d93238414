/**
 * The earliest open due date kept on each contact, which the overdue filter
 * reads. Triggers on open items write it, so it follows sales, payments
 * and merges, and it equals the date read from the open items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, sale } from '../helpers/ledger-api.ts';

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
});
