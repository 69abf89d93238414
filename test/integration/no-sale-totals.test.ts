/**
 * The totals of "no sale since" read the last sale index alone, which contains
 * the figures they sum, and must equal the sums of the contacts the filter
 * keeps, computed here from the table, never-sold contacts included.
 */
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastSaleIndex } from '../../src/db/migrations/0038_no_sale_totals.ts';
import { totalsQuery } from '../../src/contacts/search/contact-totals.ts';
import type { ContactFilters } from '../../src/contacts/search/filters.ts';
import { listContext } from '../../src/contacts/search/list-rows.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, sale } from '../helpers/ledger-api.ts';

describe.each(engines)('no sale totals on %s', (engine) => {
  let t: TestApp;
  let ownUser = { userId: '', token: '' };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ownUser = await t.addUser(['customer.view_own', 'supplier.view_own', 'ledger.view'], 'Vendeuse');
    const dates = ['2023-05-10', '2023-12-31', '2024-01-01', '2024-03-15', null, '2022-08-01', null, '2024-06-30'];
    for (const [i, date] of dates.entries()) {
      const id = await addContact(t, { name: `Client ${i}`, type: i % 3 === 2 ? 'both' : 'customer' });
      if (date) await sale(t, id, date, `${(i + 1) * 11}.25`);
      if (i % 2 === 0) {
        const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { assignedUserIds: [ownUser.userId] });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    await addContact(t, { name: 'Fournisseur', type: 'supplier' });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function expected(since: string, keep: (row: { type: string; id: string }) => boolean) {
    const rows = (await t.database.db.kysely
      .selectFrom('contacts')
      .select(['id', 'type', 'last_sale_on', 'receivable', 'payable', 'advance'])
      .where('business_id', '=', t.business.businessId)
      .execute()).filter((row) => row.last_sale_on < since && keep(row));
    const euros = (pick: (row: (typeof rows)[number]) => unknown) =>
      (rows.reduce((sum, row) => sum + Number(pick(row)), 0) / 100).toFixed(2);
    return { count: rows.length, receivable: euros((row) => row.receivable), payable: euros((row) => row.payable), advance: euros((row) => row.advance) };
  }

  it('totals equal the sums', async () => {
    for (const since of ['2024-01-01', '2023-01-01', '2025-01-01']) {
      for (const [query, keep] of [['', () => true], ['&type=customer', (row: { type: string }) => row.type !== 'supplier']] as const) {
        const res = await t.api('GET', `/api/v1/contacts/totals?noSaleSince=${since}${query}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json(), `${since}${query}`).toMatchObject(await expected(since, keep));
      }
    }
  });

  it('totals of own contacts equal the sums', async () => {
    const headers = { authorization: `Bearer ${ownUser.token}`, 'accept-language': 'fr' };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/contacts?limit=100', headers });
    const own = new Set((list.json().items as { id: string }[]).map((item) => item.id));
    expect(own.size).toBe(4);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/totals?noSaleSince=2024-01-01', headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject(await expected('2024-01-01', (row) => own.has(row.id)));
  });

  it.runIf(engine === 'sqlite')('plan reads the index alone', async () => {
    const actor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set<string>() };
    const filters: ContactFilters = { flags: {}, customFields: {}, noSaleSince: '2024-01-01' };
    const db = t.database.db.kysely;
    const compiled = totalsQuery(db, actor, filters, await listContext(db, actor, filters)).compile();
    // Named, the index must serve the statement. Its plan must then read no row of the table.
    const named = compiled.sql.replace('from "contacts"', `from "contacts" indexed by ${lastSaleIndex}`);
    const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${named}`, [...compiled.parameters]));
    expect(JSON.stringify(plan.rows)).toContain(`COVERING INDEX ${lastSaleIndex} `);
  });
});
