/**
 * The partial indexes of the rare list filters (an advance, an opening
 * balance, over the credit limit) can serve the filters' own SQL. SQLite
 * rejects a query that names an index it cannot prove usable, so a filter
 * whose condition drifts from its index fails here rather than reading the
 * whole table in a shop. PostgreSQL has the indexes and the statistics its
 * planner needs to pick them.
 */
import { expressionBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rareFlagConditions } from '../../src/db/migrations/0026_rare_flag_indexes.ts';
import type { Database } from '../../src/db/schema.ts';
import { type FlagFilter, filterConditions } from '../../src/contacts/search/filters.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

const flags = Object.keys(rareFlagConditions) as (keyof typeof rareFlagConditions & FlagFilter)[];

describe.each(engines)('rare flag indexes on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.close();
  });

  const condition = (flag: FlagFilter) => {
    const context = { businessId: t.business.businessId, engine, today: '2026-01-15', timezone: 'Europe/Paris' } as const;
    return expressionBuilder<Database, 'contacts'>().and(filterConditions({ flags: { [flag]: true }, customFields: {} }, context));
  };

  it.runIf(engine === 'sqlite')('each filter can use its index', async () => {
    for (const flag of flags) {
      const where = t.database.db.kysely.selectFrom('contacts').select('contacts.id').where(condition(flag)).compile();
      const indexed = where.sql.replace('from "contacts"', `from "contacts" indexed by ${rareFlagConditions[flag].index}`);
      expect(indexed, flag).not.toBe(where.sql);
      const plan = await sql.raw(`explain query plan ${indexed}`.replaceAll('?', `'${t.business.businessId}'`))
        .execute(t.database.db.kysely);
      expect(JSON.stringify(plan.rows), flag).toContain(rareFlagConditions[flag].index);
    }
  });

  it.runIf(engine === 'postgres')('indexes and statistics exist', async () => {
    const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'contacts'`
      .execute(t.database.db.kysely);
    const names = indexes.rows.map((row) => row.indexname);
    for (const flag of flags) expect(names, flag).toContain(rareFlagConditions[flag].index);
    const statistics = await sql<{ stxname: string }>`select stxname from pg_statistic_ext`.execute(t.database.db.kysely);
    expect(statistics.rows.map((row) => row.stxname)).toContain('contacts_credit_exposure');
  });

  it('filters keep the contacts they name', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Rare', lastName: 'Limite', mobile: '06 41 00 00 01', creditLimit: '10.00', openingBalance: '25.00',
    });
    expect(created.statusCode, created.body).toBe(201);
    for (const [flag, expected] of [['overCreditLimit', 1], ['hasOpeningBalance', 1], ['hasAdvance', 0]] as const) {
      const list = await t.api('GET', `/api/v1/contacts?${flag}=true&sort=name`);
      expect(list.json().items.length, flag).toBe(expected);
      const totals = await t.api('GET', `/api/v1/contacts/totals?${flag}=true`);
      expect(totals.json().count, flag).toBe(expected);
    }
  });
});
