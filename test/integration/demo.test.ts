import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadDemoShop } from '../../src/cli/demo.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

describe.each(engines)('demo shop on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('loads contacts whose balances equal their ledger', async () => {
    const result = await loadDemo(database.db.kysely, {
      email: `demo.${engine}@comptoir.test`, password: 'demo comptoir 2026', contacts: 40, seed: 7,
    });
    expect(result.contacts).toBe(40);
    const db = database.db.kysely;
    const contacts = await db.selectFrom('contacts').where('business_id', '=', result.businessId)
      .select(['id', 'balance', 'opening_balance', 'mobile_e164', 'code']).execute();
    expect(contacts).toHaveLength(40);
    expect(contacts.every((c) => c.mobile_e164?.startsWith('+'))).toBe(true);
    expect(new Set(contacts.map((c) => c.code)).size).toBe(40);
    const withOpening = contacts.filter((c) => c.opening_balance !== 0);
    expect(withOpening.length).toBeGreaterThan(0);
    for (const contact of withOpening) {
      const sums = await db.selectFrom('ledger_entries').where('contact_id', '=', contact.id)
        .select((eb) => [eb.fn.sum<number>('debit').as('debit'), eb.fn.sum<number>('credit').as('credit')])
        .executeTakeFirstOrThrow();
      expect(Number(sums.debit) - Number(sums.credit)).toBe(contact.balance);
      expect(contact.balance).toBe(contact.opening_balance);
    }
  });

  it('gives the same shop for the same seed', async () => {
    const again = await createTestDatabase(engine);
    try {
      const first = await loadDemo(again.db.kysely, { email: 'a@comptoir.test', password: 'demo comptoir 2026', contacts: 10, seed: 7 });
      const names = await again.db.kysely.selectFrom('contacts').where('business_id', '=', first.businessId)
        .select('name').orderBy('code').execute();
      const original = await database.db.kysely.selectFrom('contacts').select('name').orderBy('code').limit(10).execute();
      expect(names).toEqual(original);
    } finally {
      await again.drop();
    }
  });

  it.runIf(engine === 'postgres')('demo command analyses its tables', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      await loadDemoShop(fresh.db, { email: 'stats@comptoir.test', password: 'demo comptoir 2026', contacts: 30, seed: 3 });
      // Without ANALYZE, reltuples stays at the 0 or -1 that the migrations leave.
      const { rows } = await sql<{ relname: string; reltuples: number }>`select relname, reltuples from pg_class
        where relname in ('contacts', 'contact_words') and relkind = 'r'`.execute(fresh.db.kysely);
      const tuples = new Map(rows.map((row) => [row.relname, Number(row.reltuples)]));
      expect(tuples.get('contacts')).toBe(30);
      expect(tuples.get('contact_words')).toBeGreaterThan(30);
    } finally {
      await fresh.drop();
    }
  });
});
