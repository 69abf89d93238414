/**
 * Deferred reference counters (ledger/deferred-references.ts): the first
 * reference of a counter updates its row, the later ones are counted in
 * memory, a rolled-back savepoint gives its numbers back, and the flush
 * writes the last number taken. On PostgreSQL, another transaction waits
 * for the deferring one and takes the next number after it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.ts';
import { DeferredReferences, deferredReferencesOf } from '../../src/ledger/deferred-references.ts';
import { nextReference, nextReferences } from '../../src/ledger/numbering.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('deferred reference counters on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Creates a business and returns its id, so that each test starts its counters at zero. */
  async function freshBusiness(): Promise<string> {
    const { business } = await t.addBusiness(`Numéros ${Math.random().toString(36).slice(2, 8)}`);
    return business.businessId;
  }

  async function counterOf(db: Executor, businessId: string, name: string): Promise<number | null> {
    const row = await db.selectFrom('counters').where('business_id', '=', businessId).where('name', '=', name).select('value').executeTakeFirst();
    return row ? Number(row.value) : null;
  }

  it('flush writes the last number taken', async () => {
    const businessId = await freshBusiness();
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const references = DeferredReferences.start(trx);
      const take = () => nextReference(trx, businessId, 'sale', '2026-03-02');

      await sql`savepoint first_sale`.execute(trx);
      references.savepoint();
      expect(await take()).toBe('VE2026-0001');
      await sql`release savepoint first_sale`.execute(trx);
      references.release();
      expect(await counterOf(trx, businessId, 'reference:VE:2026')).toBe(1);

      expect(await take()).toBe('VE2026-0002');
      await sql`savepoint failed_sale`.execute(trx);
      references.savepoint();
      expect(await take()).toBe('VE2026-0003');
      await sql`rollback to savepoint failed_sale`.execute(trx);
      references.rollback();
      expect(await take()).toBe('VE2026-0003');
      expect(await counterOf(trx, businessId, 'reference:VE:2026')).toBe(1);

      expect(await nextReference(trx, businessId, 'sale', '2025-12-30')).toBe('VE2025-0001');
      await references.flush();
      expect(deferredReferencesOf(trx)).toBeUndefined();
    });
    expect(await counterOf(t.database.db.kysely, businessId, 'reference:VE:2026')).toBe(3);
    expect(await counterOf(t.database.db.kysely, businessId, 'reference:VE:2025')).toBe(1);
  });

  it('rollback of the first update drops the counter', async () => {
    const businessId = await freshBusiness();
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const references = DeferredReferences.start(trx);
      const take = () => nextReference(trx, businessId, 'payment_received', '2026-03-02');

      await sql`savepoint failed_sale`.execute(trx);
      references.savepoint();
      expect(await take()).toBe('RG2026-0001');
      expect(await take()).toBe('RG2026-0002');
      await sql`rollback to savepoint failed_sale`.execute(trx);
      references.rollback();
      expect(await counterOf(trx, businessId, 'reference:RG:2026')).toBeNull();

      expect(await take()).toBe('RG2026-0001');
      expect(await counterOf(trx, businessId, 'reference:RG:2026')).toBe(1);
      await references.flush();
    });
    expect(await counterOf(t.database.db.kysely, businessId, 'reference:RG:2026')).toBe(1);
  });
});

const postgres = engines.includes('postgres') ? ['postgres' as const] : [];

describe.each(postgres)('deferred reference counters beside another connection on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function freshBusiness(): Promise<string> {
    const { business } = await t.addBusiness(`Numéros ${Math.random().toString(36).slice(2, 8)}`);
    return business.businessId;
  }

  /** Waits until a query of this database waits for a lock. */
  async function someoneWaitsForLock() {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const waiting = await sql<{ count: number }>`select count(*) as count from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`.execute(t.database.db.kysely);
      if (Number(waiting.rows[0]?.count) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no query waited for a lock within 5 s');
  }

  it('waiting transaction numbers after the flush', async () => {
    const businessId = await freshBusiness();
    let other: Promise<string> | undefined;
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const references = DeferredReferences.start(trx);
      await sql`savepoint first_sale`.execute(trx);
      references.savepoint();
      expect(await nextReference(trx, businessId, 'sale', '2026-03-02')).toBe('VE2026-0001');
      await sql`release savepoint first_sale`.execute(trx);
      references.release();
      expect(await nextReference(trx, businessId, 'sale', '2026-03-03')).toBe('VE2026-0002');

      other = t.database.db.kysely.transaction().execute((second) => nextReference(second, businessId, 'sale', '2026-03-04'));
      await someoneWaitsForLock();
      expect(await nextReference(trx, businessId, 'sale', '2026-03-05')).toBe('VE2026-0003');
      await references.flush();
    });
    expect(await other).toBe('VE2026-0004');
  });

  it('number given back goes to the other transaction', async () => {
    const businessId = await freshBusiness();
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const references = DeferredReferences.start(trx);
      await sql`savepoint failed_sale`.execute(trx);
      references.savepoint();
      expect(await nextReference(trx, businessId, 'sale', '2026-03-02')).toBe('VE2026-0001');
      await sql`rollback to savepoint failed_sale`.execute(trx);
      references.rollback();

      // The rollback released the counter row, so another request takes numbers without waiting.
      const otherNumbers = await t.database.db.kysely.transaction().execute((second) => nextReferences(second, businessId, 'sale', '2026-03-02', 2));
      expect(otherNumbers).toEqual(['VE2026-0001', 'VE2026-0002']);

      expect(await nextReference(trx, businessId, 'sale', '2026-03-03')).toBe('VE2026-0003');
      expect(await nextReference(trx, businessId, 'sale', '2026-03-04')).toBe('VE2026-0004');
      await references.flush();
    });
    const row = await t.database.db.kysely
      .selectFrom('counters')
      .where('business_id', '=', businessId)
      .where('name', '=', 'reference:VE:2026')
      .select('value')
      .executeTakeFirstOrThrow();
    expect(Number(row.value)).toBe(4);
  });
});
