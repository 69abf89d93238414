/**
 * A page sorted by balance whose filter leaves out the contacts at one end
 * of the balance index reads the filter in parts from their own indexes,
 * and merges them. The contacts that are not overdue are split into those
 * with nothing open and those due from today on. Those without a receivable,
 * with one, or without a payable are split at a zero balance. The page's
 * rows and cursors must equal a plain sort of the same contacts, and its
 * plan must not read the balance index past the contacts the filter leaves
 * out.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceSideIndexes, notOverdueIndexes } from '../../src/db/migrations/0034_balance_page_parts.ts';
import { typeBalanceIndex } from '../../src/db/migrations/0037_type_balance_pages.ts';
import { balancePageParts } from '../../src/contacts/search/balance-parts.ts';
import type { ContactFilters } from '../../src/contacts/search/filters.ts';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { type ContactListParams, listContext, sortedPageQuery } from '../../src/contacts/search/list-rows.ts';
import type { SortOrder } from '../../src/contacts/search/sort.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, purchase, sale } from '../helpers/ledger-api.ts';

interface StoredContact {
  id: string;
  name: string;
  type: string;
  balance: number;
  receivable: number;
  payable: number;
  earliestDue: string | null;
}

describe.each(engines)('balance page parts on %s', (engine) => {
  let t: TestApp;
  const today = todayIn('Europe/Paris');
  const terms = { payTerm: { number: 30, unit: 'days', endOfMonth: false } };
  let ownUser = { userId: '', token: '' };

  beforeAll(async () => {
    t = await createTestApp(engine);
    // The plan tests read the plans of a table without statistics. With statistics of a table this small, reading
    // a few rows by any index costs the same, and the planner takes others than it takes at scale.
    if (engine === 'postgres') await sql`alter table contacts set (autovacuum_enabled = off)`.execute(t.database.db.kysely);
    ownUser = await t.addUser(['customer.view_own', 'supplier.view_own', 'ledger.view'], 'Vendeuse');

    // Overdue: sales and purchases due 30 days after a date 60 to 90 days ago, with the largest amounts.
    for (const [i, amount] of ['900.00', '700.00', '700.00', '500.00'].entries()) {
      const id = await addContact(t, { name: `Retard Client ${i}` });
      await sale(t, id, addDays(today, -60 - i * 10), amount, terms);
    }
    for (const [i, amount] of ['800.00', '600.00'].entries()) {
      const id = await addContact(t, { name: `Retard Fournisseur ${i}`, type: 'supplier' });
      await purchase(t, id, addDays(today, -70), amount, terms);
    }
    // Due later: the same sales and purchases dated today, due in 30 days. A sale without a term falls due today.
    for (const [i, amount] of ['40.00', '12.00', '40.00'].entries()) {
      const id = await addContact(t, { name: `Echeance Client ${i}` });
      await sale(t, id, today, amount, terms);
    }
    const dueToday = await addContact(t, { name: 'Echeance Client aujourdhui' });
    await sale(t, dueToday, today, '25.00');
    const supplierLater = await addContact(t, { name: 'Echeance Fournisseur 0', type: 'supplier' });
    await purchase(t, supplierLater, today, '30.00', terms);
    // Nothing open: balances of zero (several, so ties are broken by id) and advances below zero.
    for (let i = 0; i < 4; i += 1) await addContact(t, { name: `Solde Client ${i}` });
    for (const [i, amount] of ['15.00', '5.00'].entries()) {
      const id = await addContact(t, { name: `Avance Client ${i}` });
      await pay(t, { contactId: id, amount, date: today });
    }
    const settled = await addContact(t, { name: 'Solde Client payé' });
    await sale(t, settled, addDays(today, -90), '80.00', terms);
    await pay(t, { contactId: settled, amount: '80.00', date: today });
    // Both sides: a receivable beside a larger payable (balance below zero), and a payable beside a larger receivable.
    for (const [i, [sold, bought]] of [['10.00', '50.00'], ['60.00', '20.00']].entries()) {
      const id = await addContact(t, { name: `Mixte Client ${i}`, type: 'both' });
      await sale(t, id, today, sold!, terms);
      await purchase(t, id, today, bought!, terms);
    }

    // The user who sees only their own contacts follows a few of each kind.
    const followed = (await stored()).filter((contact) => /(0|aujourdhui|payé)$/.test(contact.name));
    for (const contact of followed) {
      const res = await t.api('PATCH', `/api/v1/contacts/${contact.id}`, { assignedUserIds: [ownUser.userId] });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Reads every contact with the columns the filters look at, straight from the table. */
  async function stored(): Promise<StoredContact[]> {
    const rows = await t.database.db.kysely
      .selectFrom('contacts')
      .select(['id', 'name', 'type', 'balance', 'receivable', 'payable', 'earliest_open_due_on'])
      .where('business_id', '=', t.business.businessId)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      balance: Number(row.balance),
      receivable: Number(row.receivable),
      payable: Number(row.payable),
      earliestDue: row.earliest_open_due_on,
    }));
  }

  /** Sorts contacts by balance then id, as the list's keyset does. */
  const plainSort = (contacts: StoredContact[], order: SortOrder) => {
    const sorted = [...contacts].sort((a, b) => {
      if (a.balance !== b.balance) return a.balance - b.balance;
      if (a.id === b.id) return 0;
      return a.id < b.id ? -1 : 1;
    });
    return (order === 'asc' ? sorted : sorted.reverse()).map((contact) => contact.id);
  };

  const notOverdue = (contact: StoredContact) => contact.earliestDue === null || contact.earliestDue >= today;

  /** Reads every page of `query`, `limit` rows at a time, and returns the ids in page order with each page's size. */
  async function allPages(query: string, limit: number, api = t.api, between?: (page: number) => Promise<void>) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const res = await api('GET', `/api/v1/contacts?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.length, `page ${page} of ${query}`).toBeLessThanOrEqual(limit);
      ids.push(...body.items.map((item: { id: string }) => item.id));
      cursor = body.nextCursor;
      if (cursor) expect(body.items.length, `full page ${page} of ${query}`).toBe(limit);
      page += 1;
      if (between) await between(page);
    } while (cursor);
    return ids;
  }

  const cases: { query: string; keeps: (contact: StoredContact) => boolean }[] = [
    { query: 'overdue=false', keeps: notOverdue },
    { query: 'overdue=false&type=customer', keeps: (c) => notOverdue(c) && c.type !== 'supplier' },
    { query: 'overdue=false&type=supplier', keeps: (c) => notOverdue(c) && c.type !== 'customer' },
    { query: 'overdue=false&hasReceivableDue=true', keeps: (c) => notOverdue(c) && c.receivable > 0 },
    { query: 'overdue=false&hasReceivableDue=false', keeps: (c) => notOverdue(c) && c.receivable === 0 },
    { query: 'overdue=false&q=client', keeps: (c) => notOverdue(c) && c.name.includes('Client') },
    { query: 'hasReceivableDue=false', keeps: (c) => c.receivable === 0 },
    { query: 'hasReceivableDue=false&type=customer', keeps: (c) => c.receivable === 0 && c.type !== 'supplier' },
    { query: 'hasReceivableDue=true', keeps: (c) => c.receivable > 0 },
    { query: 'hasReceivableDue=true&overdue=true', keeps: (c) => c.receivable > 0 && !notOverdue(c) },
    { query: 'hasPayableDue=false', keeps: (c) => c.payable === 0 },
    { query: 'hasPayableDue=false&hasReceivableDue=true', keeps: (c) => c.payable === 0 && c.receivable > 0 },
    { query: 'type=customer', keeps: (c) => c.type !== 'supplier' },
    { query: 'type=supplier', keeps: (c) => c.type !== 'customer' },
    { query: 'type=both', keeps: (c) => c.type === 'both' },
    { query: 'type=customer&hasPayableDue=true', keeps: (c) => c.type !== 'supplier' && c.payable > 0 },
    { query: 'type=supplier&hasReceivableDue=false', keeps: (c) => c.type !== 'customer' && c.receivable === 0 },
    { query: 'type=customer&q=client', keeps: (c) => c.type !== 'supplier' && c.name.includes('Client') },
  ];

  for (const order of ['desc', 'asc'] as const) {
    it(`pages equal a plain sort, ${order}`, async () => {
      const contacts = await stored();
      for (const { query, keeps } of cases) {
        const expected = plainSort(contacts.filter(keeps), order);
        expect(expected.length, query).toBeGreaterThan(0);
        for (const limit of [1, 3, 50]) {
          expect(await allPages(`${query}&sort=balance&order=${order}`, limit), `${query} by ${limit}`).toEqual(expected);
        }
      }
    });
  }

  it('pages of own contacts equal a plain sort', async () => {
    const own = new Set((await allPages('sort=name', 50, asOwnUser())));
    expect(own.size).toBeGreaterThan(3);
    const contacts = (await stored()).filter((contact) => own.has(contact.id) && notOverdue(contact));
    for (const order of ['desc', 'asc'] as const) {
      expect(await allPages(`overdue=false&sort=balance&order=${order}`, 2, asOwnUser()), order).toEqual(plainSort(contacts, order));
    }
  });

  it('pages of own contacts of a type equal a plain sort', async () => {
    const own = new Set((await allPages('sort=name', 50, asOwnUser())));
    for (const type of ['customer', 'supplier'] as const) {
      const contacts = (await stored()).filter((contact) => own.has(contact.id) && contact.type !== (type === 'customer' ? 'supplier' : 'customer'));
      expect(contacts.length, type).toBeGreaterThan(1);
      for (const order of ['desc', 'asc'] as const) {
        const label = `${type} ${order}`;
        expect(await allPages(`type=${type}&sort=balance&order=${order}`, 2, asOwnUser()), label).toEqual(plainSort(contacts, order));
      }
    }
  });

  it('pages lose and repeat no row while rows change', async () => {
    const before = await stored();
    const overdueCustomer = before.find((contact) => contact.name === 'Retard Client 3')!;
    let added = '';
    const seen = await allPages('overdue=false&sort=balance&order=desc', 2, t.api, async (page) => {
      if (page !== 1) return;
      // After the first page: a new contact with nothing open, and an overdue contact paid off, both with a balance of zero.
      added = await addContact(t, { name: 'Solde Client nouveau' });
      await pay(t, { contactId: overdueCustomer.id, amount: '500.00', date: today });
    });
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of plainSort(before.filter(notOverdue), 'desc')) expect(seen, id).toContain(id);
    const after = await stored();
    // Both changed rows sort below the first page, which contains the contacts due later.
    expect(seen).toContain(added);
    expect(seen).toContain(overdueCustomer.id);
    expect(seen).toEqual(plainSort(after.filter(notOverdue), 'desc'));
  });

  it('totals and export keep the same contacts', async () => {
    const contacts = (await stored()).filter(notOverdue);
    const totals = await t.api('GET', '/api/v1/contacts/totals?overdue=false');
    expect(totals.statusCode, totals.body).toBe(200);
    expect(totals.json().count).toBe(contacts.length);
    const exported = await t.api('GET', '/api/v1/contacts/export?overdue=false&sort=balance&order=desc&format=csv');
    expect(exported.statusCode, exported.body.slice(0, 300)).toBe(200);
    const lines = exported.body.trim().split('\n');
    expect(lines.length - 1).toBe(contacts.length);
  });

  it('search pages are read whole', () => {
    for (const flags of [{ overdue: false }, { hasReceivableDue: false }]) {
      expect(balancePageParts({ flags, customFields: {} }, 'desc', today), JSON.stringify(flags)).not.toBeNull();
      expect(balancePageParts({ flags, customFields: {}, q: 'martin' }, 'desc', today), JSON.stringify(flags)).toBeNull();
    }
  });

  it('pages keep contacts whose figures disagree', async () => {
    // A balance above zero without a receivable breaks `balance = receivable - payable - advance`, which the
    // usual side of the split relies on. The other side's partial index still finds such a contact.
    const db = t.database.db.kysely;
    const contact = (await stored()).find((row) => row.name === 'Solde Client 1')!;
    await db.updateTable('contacts').set({ balance: 700 }).where('id', '=', contact.id).execute();
    try {
      const contacts = await stored();
      for (const order of ['desc', 'asc'] as const) {
        const expected = plainSort(contacts.filter((row) => row.receivable === 0), order);
        expect(expected, order).toContain(contact.id);
        expect(await allPages(`hasReceivableDue=false&sort=balance&order=${order}`, 2), order).toEqual(expected);
      }
    } finally {
      await db.updateTable('contacts').set({ balance: 0 }).where('id', '=', contact.id).execute();
    }
  });

  /** Builds the page statement of `flags` sorted by balance, after the first page when `withCursor`, and returns its plan as text. */
  async function pagePlan(flags: ContactFilters['flags'], order: SortOrder, withCursor: boolean, type?: ContactFilters['type']): Promise<string> {
    const query = [...Object.entries(flags), ...(type ? [['type', type]] : [])].map(([key, value]) => `${key}=${value}`).join('&');
    const actor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set<string>() };
    const params: ContactListParams = {
      filters: { flags, customFields: {}, ...(type ? { type } : {}) },
      sort: { field: 'balance', order },
      relevanceOrder: 'asc',
      limit: 50,
      fields: null,
      ...(withCursor ? { cursor: await firstPageCursor(query, order) } : {}),
    };
    const db = t.database.db.kysely;
    const context = await listContext(db, actor, params.filters);
    const compiled = sortedPageQuery(db, actor, params, context, params.sort!, ['contacts.id', 'contacts.balance']).compile();
    if (engine === 'sqlite') {
      const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return JSON.stringify(plan.rows);
    }
    // The test table is small enough for a sequential scan to win, so the plan is read with those turned off: it then
    // shows which index each part can read.
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const plan = await trx.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
      return JSON.stringify(plan.rows);
    });
  }

  async function firstPageCursor(query: string, order: SortOrder): Promise<string> {
    const res = await t.api('GET', `/api/v1/contacts?${query}&sort=balance&order=${order}&limit=2`);
    expect(res.json().nextCursor, query).toBeTruthy();
    return res.json().nextCursor as string;
  }

  function asOwnUser() {
    return (method: 'GET', url: string) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${ownUser.token}`, 'accept-language': 'fr' } });
  }

  /**
   * Pages split in parts, with the indexes their plans must read. Only the split at a zero balance may read
   * the balance index, and then as a range that starts at zero.
   */
  const planCases: {
    flags: ContactFilters['flags']; type?: ContactFilters['type']; order: SortOrder; indexes: string[]; balanceRange: boolean;
  }[] = [
    { flags: {}, type: 'customer', order: 'asc', indexes: [typeBalanceIndex], balanceRange: false },
    { flags: {}, type: 'supplier', order: 'desc', indexes: [typeBalanceIndex], balanceRange: false },
    { flags: { overdue: false }, order: 'desc', indexes: Object.values(notOverdueIndexes), balanceRange: false },
    { flags: { overdue: false }, order: 'asc', indexes: Object.values(notOverdueIndexes), balanceRange: false },
    { flags: { hasReceivableDue: false }, order: 'desc', indexes: [balanceSideIndexes.positiveWithoutReceivable.index], balanceRange: true },
    { flags: { hasReceivableDue: true }, order: 'asc', indexes: [balanceSideIndexes.notPositiveWithReceivable.index], balanceRange: true },
    { flags: { hasPayableDue: false }, order: 'asc', indexes: [balanceSideIndexes.negativeWithoutPayable.index], balanceRange: true },
  ];

  it.runIf(engine === 'sqlite')('plan reads each part by its index', async () => {
    for (const { flags, type, order, indexes, balanceRange } of planCases) {
      for (const withCursor of [false, true]) {
        const plan = await pagePlan(flags, order, withCursor, type);
        const label = `${JSON.stringify(flags)} ${type ?? ''} ${order}${withCursor ? ' after a cursor' : ''}: ${plan}`;
        for (const index of indexes) expect(plan, label).toContain(`INDEX ${index} `);
        // The balance index read whole shows as `(business_id=?)`, and as a range with `balance` after it.
        expect(plan, label).not.toContain('INDEX contacts_balance (business_id=?)');
        if (!balanceRange) expect(plan, label).not.toContain('INDEX contacts_balance ');
        expect(plan, label).not.toMatch(/SCAN contacts\b/);
      }
    }
  });

  /** Returns the index scans of a PostgreSQL JSON plan, with their index conditions. */
  function indexScans(planText: string): { index: string; condition: string }[] {
    const scans: { index: string; condition: string }[] = [];
    const visit = (node: Record<string, unknown>) => {
      if (typeof node['Index Name'] === 'string') scans.push({ index: node['Index Name'], condition: String(node['Index Cond'] ?? '') });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
    };
    visit(JSON.parse(planText)[0]['QUERY PLAN'][0].Plan);
    return scans;
  }

  it.runIf(engine === 'postgres')('plan reads each part by its index', async () => {
    for (const { flags, type, order, indexes, balanceRange } of planCases) {
      for (const withCursor of [false, true]) {
        const plan = await pagePlan(flags, order, withCursor, type);
        const label = `${JSON.stringify(flags)} ${type ?? ''} ${order}${withCursor ? ' after a cursor' : ''}: ${plan}`;
        const scans = indexScans(plan);
        // On a table this small the part that is sorted costs the same by any index that has `business_id` first,
        // so the planner may take another than at scale. Only the parts read in balance order must use theirs.
        const ordered = indexes.filter((index) => index !== notOverdueIndexes.dueFromToday);
        for (const index of ordered) expect(scans.map((scan) => scan.index), label).toContain(index);
        for (const scan of scans.filter((found) => found.index === 'contacts_balance')) {
          expect(balanceRange, label).toBe(true);
          expect(scan.condition, label).toMatch(/\(balance [<>]=? /);
        }
      }
    }
  });

  /** Pages of one type that start at their own type's end of the balance index, which are read whole. */
  const ownEndCases: { type: ContactFilters['type']; order: SortOrder; flags: ContactFilters['flags'] }[] = [
    { type: 'customer', order: 'desc', flags: {} },
    { type: 'supplier', order: 'asc', flags: {} },
    { type: 'customer', order: 'desc', flags: { hasReceivableDue: true } },
  ];

  it.runIf(engine === 'sqlite')('plan of a type from its end', async () => {
    for (const { type, order, flags } of ownEndCases) {
      for (const withCursor of [false, true]) {
        const plan = await pagePlan(flags, order, withCursor, type);
        const label = `${JSON.stringify(flags)} ${type} ${order}${withCursor ? ' after a cursor' : ''}: ${plan}`;
        expect(plan, label).toContain('INDEX contacts_balance ');
        expect(plan, label).not.toContain(`INDEX ${typeBalanceIndex} `);
        expect(plan, label).not.toContain('TEMP B-TREE');
      }
    }
  });

  it.runIf(engine === 'postgres')('plan of a type from its end', async () => {
    for (const { type, order, flags } of ownEndCases) {
      for (const withCursor of [false, true]) {
        const plan = await pagePlan(flags, order, withCursor, type);
        const label = `${JSON.stringify(flags)} ${type} ${order}${withCursor ? ' after a cursor' : ''}: ${plan}`;
        expect(indexScans(plan).map((scan) => scan.index), label).toEqual(['contacts_balance']);
        expect(plan, label).not.toContain('"Node Type":"Sort"');
      }
    }
  });
});
