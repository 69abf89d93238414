/**
 * The partial index of the contacts with a payable due, by balance, serves
 * a page of them sorted by balance. SQLite cannot take it for a page sorted
 * by another field, whose own index finds the page at once, nor for the
 * totals, which the figures index contains alone. SQLite
 * rejects a query that names an index it cannot use, so a drift between
 * the filter's SQL and the index fails here.
 */
import { expressionBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payableDueCondition } from '../../src/db/migrations/0030_payable_by_balance.ts';
import type { Database } from '../../src/db/schema.ts';
import { filterConditions } from '../../src/contacts/search/filters.ts';
import { type SortField, sortColumn } from '../../src/contacts/search/sort.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('payable by balance index on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Builds the plan query of a page of the filter "has a payable due" sorted by `field` (totals without), naming the partial index. */
  const pageNamingIndex = (field?: SortField) => {
    const context = {
      businessId: t.business.businessId, engine, today: '2026-01-15', timezone: 'Europe/Paris', ...(field ? { sortField: field } : {}),
    } as const;
    const where = expressionBuilder<Database, 'contacts'>()
      .and(filterConditions({ flags: { hasPayableDue: true }, customFields: {} }, context));
    const select = t.database.db.kysely.selectFrom('contacts').where(where);
    const query = field
      ? select.select('contacts.id').orderBy(sortColumn(field), 'desc').orderBy('contacts.id', 'desc').limit(51).compile()
      : select.select((eb) => [eb.fn.countAll().as('count'), eb.fn.sum('contacts.payable').as('payable')]).compile();
    const named = query.sql.replace('from "contacts"', `from "contacts" indexed by ${payableDueCondition.index}`);
    expect(named).not.toBe(query.sql);
    return `explain query plan ${named}`.replace('?', `'${t.business.businessId}'`).replace('?', '51');
  };

  it.runIf(engine === 'sqlite')('a page sorted by balance can use the index', async () => {
    const plan = await sql.raw(pageNamingIndex('balance')).execute(t.database.db.kysely);
    expect(JSON.stringify(plan.rows)).toContain(payableDueCondition.index);
  });

  it.runIf(engine === 'sqlite')('other sorts and totals cannot', async () => {
    for (const field of ['name', 'code', 'createdAt', 'lastActivity', undefined] as const) {
      await expect(sql.raw(pageNamingIndex(field)).execute(t.database.db.kysely), field ?? 'totals').rejects.toThrow(/no query solution/);
    }
  });

  it.runIf(engine === 'postgres')('the index exists', async () => {
    const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'contacts'`
      .execute(t.database.db.kysely);
    expect(indexes.rows.map((row) => row.indexname)).toContain(payableDueCondition.index);
  });

  it('pages owed contacts by balance and name', async () => {
    const openings = ['-40.00', '-5.00', '-200.00', '12.00', '-5.00', '0'];
    for (const [i, openingBalance] of openings.entries()) {
      const created = await t.api('POST', '/api/v1/contacts', {
        kind: 'individual', firstName: `Dette${i}`, lastName: 'Fournisseur', mobile: `06 42 00 00 0${i}`, openingBalance,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const pages = async (query: string) => {
      const names: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.api('GET', `/api/v1/contacts?hasPayableDue=true&limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode, res.body).toBe(200);
        names.push(...res.json().items.map((item: { name: string; balance: string }) => `${item.name.split(' ')[0]} ${item.balance}`));
        cursor = res.json().nextCursor;
      } while (cursor);
      return names;
    };
    const byBalance = await pages('sort=balance&order=desc');
    expect(byBalance.slice(0, 2).map((row) => row.split(' ')[1])).toEqual(['-5.00', '-5.00']);
    expect(byBalance.slice(2)).toEqual(['Dette0 -40.00', 'Dette2 -200.00']);
    expect(await pages('sort=name')).toEqual(['Dette0 -40.00', 'Dette1 -5.00', 'Dette2 -200.00', 'Dette4 -5.00']);
    const totals = await t.api('GET', '/api/v1/contacts/totals?hasPayableDue=true');
    expect(totals.json()).toMatchObject({ count: 4, payable: '250.00' });
  });
});
