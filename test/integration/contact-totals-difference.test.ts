/**
 * The totals of "not X", for a flag X that few contacts meet, are read as
 * the totals of the other filters minus those of X. They must equal the
 * count and sums of the contacts the filters keep, computed here from the
 * table. Each flag is checked with other filters and for a user who sees
 * only their own contacts. With a search text the statement stays whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rareFlagConditions } from '../../src/db/migrations/0026_rare_flag_indexes.ts';
import { totalsQuery } from '../../src/contacts/search/contact-totals.ts';
import { listContext } from '../../src/contacts/search/list-rows.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact } from '../helpers/ledger-api.ts';

interface StoredContact {
  id: string;
  name: string;
  type: string;
  status: string;
  receivable: number;
  payable: number;
  advance: number;
  openingBalance: number;
  creditLimit: number | null;
}

const types = ['customer', 'supplier', 'both'] as const;
/** Opening balances, before the contact's index is subtracted, by that index modulo 7. */
const openingBalances: Record<number, number> = { 2: 4_000, 3: -300 };

function creditLimit(i: number): number | null {
  if (i % 3 === 0) return 2_000;
  if (i % 4 === 1) return 500;
  return null;
}

describe.each(engines)('contact totals by difference on %s', (engine) => {
  let t: TestApp;
  let ownUser = { userId: '', token: '' };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ownUser = await t.addUser(['customer.view_own', 'supplier.view_own', 'ledger.view'], 'Vendeuse');
    const db = t.database.db.kysely;
    // The figures are written straight to the table, in a pattern that puts contacts on both sides of each flag.
    for (let i = 0; i < 24; i += 1) {
      const type = types[i % 3]!;
      const id = await addContact(t, { name: `${i % 4 === 0 ? 'Martin' : 'Durand'} ${type} ${i}`, type });
      await db.updateTable('contacts').set({
        receivable: (i % 5) * 1_000 + i,
        payable: type === 'customer' ? 0 : (i % 4) * 700 + i,
        advance: i % 6 === 1 ? 250 + i : 0,
        opening_balance: openingBalances[i % 7] === undefined ? 0 : openingBalances[i % 7]! - i,
        credit_limit: creditLimit(i),
        status: i % 8 === 5 ? 'inactive' : 'active',
      }).where('id', '=', id).execute();
      if (i % 3 !== 2) {
        const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { assignedUserIds: [ownUser.userId] });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  async function stored(): Promise<StoredContact[]> {
    const rows = await t.database.db.kysely
      .selectFrom('contacts')
      .select(['id', 'name', 'type', 'status', 'receivable', 'payable', 'advance', 'opening_balance', 'credit_limit'])
      .where('business_id', '=', t.business.businessId)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      status: row.status,
      receivable: Number(row.receivable),
      payable: Number(row.payable),
      advance: Number(row.advance),
      openingBalance: Number(row.opening_balance),
      creditLimit: row.credit_limit === null ? null : Number(row.credit_limit),
    }));
  }

  const flags = {
    hasAdvance: (c: StoredContact) => c.advance > 0,
    hasOpeningBalance: (c: StoredContact) => c.openingBalance !== 0,
    overCreditLimit: (c: StoredContact) => c.creditLimit !== null && c.receivable - c.advance > c.creditLimit,
  };

  /** Formats minor units as the API writes an amount in euros. */
  const euros = (minor: number) => (minor / 100).toFixed(2);

  const expectedTotals = (contacts: StoredContact[]) => ({
    count: contacts.length,
    receivable: euros(contacts.reduce((sum, c) => sum + c.receivable, 0)),
    payable: euros(contacts.reduce((sum, c) => sum + c.payable, 0)),
    advance: euros(contacts.reduce((sum, c) => sum + c.advance, 0)),
  });

  const others: { query: string; keeps: (c: StoredContact) => boolean }[] = [
    { query: '', keeps: () => true },
    { query: 'type=customer', keeps: (c) => c.type !== 'supplier' },
    { query: 'status=inactive', keeps: (c) => c.status === 'inactive' },
    { query: 'hasPayableDue=true', keeps: (c) => c.payable > 0 },
    { query: 'hasAdvance=true', keeps: flags.hasAdvance },
    { query: 'overCreditLimit=false', keeps: (c) => !flags.overCreditLimit(c) },
    { query: 'hasOpeningBalance=true&type=supplier', keeps: (c) => flags.hasOpeningBalance(c) && c.type !== 'customer' },
    { query: 'q=martin', keeps: (c) => c.name.startsWith('Martin') && c.status === 'active' },
  ];

  async function checkTotals(api: TestApp['api'], visible: (c: StoredContact) => boolean) {
    const contacts = (await stored()).filter(visible);
    for (const [flag, meets] of Object.entries(flags)) {
      expect(contacts.filter(meets).length, flag).toBeGreaterThan(0);
      for (const other of others.filter((candidate) => !candidate.query.includes(`${flag}=`))) {
        const query = [`${flag}=false`, other.query].filter(Boolean).join('&');
        const res = await api('GET', `/api/v1/contacts/totals?${query}`);
        expect(res.statusCode, res.body).toBe(200);
        const kept = contacts.filter((c) => !meets(c) && other.keeps(c));
        expect(res.json(), query).toMatchObject(expectedTotals(kept));
      }
    }
  }

  it('totals of not a rare flag equal the sums', async () => {
    await checkTotals(t.api, () => true);
  });

  it('totals of own contacts equal the sums', async () => {
    const ownApi = ((method: 'GET', url: string) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${ownUser.token}`, 'accept-language': 'fr' } })) as TestApp['api'];
    const own = new Set<string>();
    const res = await ownApi('GET', '/api/v1/contacts?limit=100&includeInactive=true');
    expect(res.statusCode, res.body).toBe(200);
    for (const item of res.json().items as { id: string }[]) own.add(item.id);
    expect(own.size).toBeGreaterThan(5);
    await checkTotals(ownApi, (c) => own.has(c.id));
  });

  it.runIf(engine === 'sqlite')('plan reads the flag by its partial index', async () => {
    for (const flag of Object.keys(flags) as (keyof typeof flags)[]) {
      const actor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set<string>() };
      const filters = { flags: { [flag]: false }, customFields: {} };
      const db = t.database.db.kysely;
      const compiled = totalsQuery(db, actor, filters, await listContext(db, actor, filters)).compile();
      const plan = await db.executeQuery({ ...compiled, sql: `explain query plan ${compiled.sql}` });
      const text = JSON.stringify(plan.rows);
      expect(text, flag).toContain(`INDEX ${rareFlagConditions[flag].index} `);
      expect(text, flag).toContain('COVERING INDEX contacts_figures');
    }
  });

  // One more text column in contacts made SQLite read the wider last sale index for these totals.
  it.runIf(engine === 'sqlite')('plain totals read the figures index', async () => {
    const actor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set<string>() };
    const cases = { every: {}, receivable: { hasReceivableDue: true } };
    for (const [name, flags] of Object.entries(cases)) {
      const filters = { flags, customFields: {} };
      const db = t.database.db.kysely;
      const compiled = totalsQuery(db, actor, filters, await listContext(db, actor, filters)).compile();
      const plan = await db.executeQuery({ ...compiled, sql: `explain query plan ${compiled.sql}` });
      expect(JSON.stringify(plan.rows), name).toContain('COVERING INDEX contacts_figures');
    }
  });
});
