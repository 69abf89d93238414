/**
 * Deferred contact figures (ledger/deferred-figures.ts): postings to a
 * deferred contact leave its row and its ledger totals alone, readers in
 * the transaction see the pending amounts, a rolled-back savepoint drops
 * its own, and the flush writes what the ledger gives.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.ts';
import { balancesAt } from '../../src/ledger/balance-at.ts';
import { lockContact } from '../../src/ledger/contact-lock.ts';
import { DeferredFigures, deferredFiguresOf, withPendingFigures } from '../../src/ledger/deferred-figures.ts';
import { createItem } from '../../src/ledger/open-items.ts';
import { postEntry } from '../../src/ledger/post-entry.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer } from '../helpers/pricing.ts';

describe.each(engines)('deferred contact figures on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Posts a sale of `amount` minor units to the contact: its open item, then its entry. */
  async function postSale(trx: Executor, contactId: string, amount: number, date: string, reference: string) {
    const businessId = t.business.businessId;
    const location = await trx.selectFrom('locations').where('business_id', '=', businessId).select('id').executeTakeFirstOrThrow();
    const common = { businessId, contactId, reference, date, locationId: location.id, sourceType: 'document' as const, sourceId: reference };
    await createItem(trx, { ...common, side: 'debit', kind: 'sale', dueDate: date, amount });
    await postEntry(trx, { ...common, type: 'sale', debit: amount, credit: 0, memo: null, userId: null });
  }

  async function stored(trx: Executor, contactId: string) {
    return trx
      .selectFrom('contacts')
      .where('id', '=', contactId)
      .select(['balance', 'receivable', 'advance', 'last_activity_on', 'last_sale_on', 'earliest_open_due_on'])
      .executeTakeFirstOrThrow();
  }

  it('flush writes the ledger once', async () => {
    const contactId = await addCustomer(t, 'Différée');
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const figures = DeferredFigures.start(trx, t.business.businessId);
      await figures.defer(contactId);
      await postSale(trx, contactId, 1000, '2026-03-02', 'D-1');

      const row = await stored(trx, contactId);
      expect(Number(row.balance)).toBe(0);
      expect(Number(row.receivable)).toBe(0);
      expect(row.last_sale_on).toBe('');
      expect(row.earliest_open_due_on).toBeNull();
      expect(withPendingFigures(trx, contactId, { balance: 0, receivable: 0, advance: 0 })).toEqual({ balance: 1000, receivable: 1000, advance: 0 });

      await sql`savepoint failed_sale`.execute(trx);
      figures.savepoint();
      await postSale(trx, contactId, 500, '2026-03-03', 'D-2');
      expect(figures.pendingOf(contactId)?.balance).toBe(1500);
      await sql`rollback to savepoint failed_sale`.execute(trx);
      figures.rollback();
      expect(figures.pendingOf(contactId)?.balance).toBe(1000);

      await sql`savepoint kept_sale`.execute(trx);
      figures.savepoint();
      await postSale(trx, contactId, 250, '2026-03-01', 'D-3');
      await sql`release savepoint kept_sale`.execute(trx);
      figures.release();
      expect(figures.pendingOf(contactId)?.receivable).toBe(1250);

      await figures.flush();
      const flushed = await stored(trx, contactId);
      expect(Number(flushed.balance)).toBe(1250);
      expect(Number(flushed.receivable)).toBe(1250);
      expect(Number(flushed.advance)).toBe(0);
      expect(flushed.last_activity_on).toBe('2026-03-02');
      expect(flushed.last_sale_on).toBe('2026-03-02');
      expect(flushed.earliest_open_due_on).toBe('2026-03-01');
      expect(deferredFiguresOf(trx)).toBeUndefined();
      expect(await trx.selectFrom('deferred_contact_figures').selectAll().execute()).toEqual([]);
    });
    const report = await verifyLedger(t.database.db.kysely);
    expect(report.differences.filter((difference) => difference.id === contactId)).toEqual([]);
  });

  /** Returns the contact's rows of `ledger_totals`, sorted. */
  async function totalsOf(db: Executor, contactId: string) {
    const rows = await db
      .selectFrom('ledger_totals')
      .where('contact_id', '=', contactId)
      .select(['granularity', 'period', 'debit', 'credit', 'entries'])
      .orderBy('granularity')
      .orderBy('period')
      .execute();
    return rows.map((row) => ({ ...row, debit: Number(row.debit), credit: Number(row.credit), entries: Number(row.entries) }));
  }

  it('pending totals reach their rows once', async () => {
    const contactId = await addCustomer(t, 'Totaux');
    const scope = { businessId: t.business.businessId, contactId, locationId: null };
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const figures = DeferredFigures.start(trx, t.business.businessId);
      await figures.defer(contactId);
      await postSale(trx, contactId, 1000, '2026-02-27', 'T-1');

      await sql`savepoint failed_sale`.execute(trx);
      figures.savepoint();
      await postSale(trx, contactId, 500, '2026-03-02', 'T-2');
      await sql`rollback to savepoint failed_sale`.execute(trx);
      figures.rollback();

      await sql`savepoint kept_sale`.execute(trx);
      figures.savepoint();
      await postSale(trx, contactId, 250, '2026-03-02', 'T-3');
      await postSale(trx, contactId, 40, '2026-03-05', 'T-4');
      await sql`release savepoint kept_sale`.execute(trx);
      figures.release();

      expect(await totalsOf(trx, contactId)).toEqual([]);
      expect(figures.pendingTotalsOf(contactId).map((total) => [total.granularity, total.period, total.debit, total.entries]).sort()).toEqual([
        ['day', '2026-02-27', 1000, 1],
        ['day', '2026-03-02', 250, 1],
        ['day', '2026-03-05', 40, 1],
        ['month', '2026-02', 1000, 1],
        ['month', '2026-03', 290, 2],
      ]);
      // Points before March, on 5 March, just after T-3 (the second kept entry) and in April.
      const points = [{ date: '2026-03-01' }, { date: '2026-03-05' }, { date: '2026-03-02', seq: 2 }, { date: '2026-04-01' }];
      const pending = await balancesAt(trx, scope, points);
      expect(pending).toEqual([1000, 1250, 1250, 1290]);

      await figures.flush();
      expect(await balancesAt(trx, scope, points)).toEqual(pending);
    });
    expect(await totalsOf(t.database.db.kysely, contactId)).toEqual([
      { granularity: 'day', period: '2026-02-27', debit: 1000, credit: 0, entries: 1 },
      { granularity: 'day', period: '2026-03-02', debit: 250, credit: 0, entries: 1 },
      { granularity: 'day', period: '2026-03-05', debit: 40, credit: 0, entries: 1 },
      { granularity: 'month', period: '2026-02', debit: 1000, credit: 0, entries: 1 },
      { granularity: 'month', period: '2026-03', debit: 290, credit: 0, entries: 2 },
    ]);
    const report = await verifyLedger(t.database.db.kysely);
    expect(report.differences.filter((difference) => difference.id.includes(contactId))).toEqual([]);
  });

  it('contact not deferred is written at once', async () => {
    const deferred = await addCustomer(t, 'Attendue');
    const direct = await addCustomer(t, 'Directe');
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const figures = DeferredFigures.start(trx, t.business.businessId);
      await figures.defer(deferred);
      await postSale(trx, direct, 700, '2026-03-04', 'D-4');
      const row = await stored(trx, direct);
      expect(Number(row.balance)).toBe(700);
      expect(Number(row.receivable)).toBe(700);
      expect(row.last_sale_on).toBe('2026-03-04');
      expect(row.earliest_open_due_on).toBe('2026-03-04');
      expect(figures.pendingOf(direct)).toBeUndefined();
      await figures.flush();
    });
  });
});

const postgres = engines.includes('postgres') ? ['postgres' as const] : [];

describe.each(postgres)('deferred ledger totals beside another connection on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Locks the contact and posts a sale of `amount` minor units dated `date` to its ledger, as the use cases do. */
  async function postLockedSale(trx: Executor, contactId: string, amount: number, date: string, reference: string) {
    const businessId = t.business.businessId;
    await lockContact(trx, businessId, contactId);
    const location = await trx.selectFrom('locations').where('business_id', '=', businessId).select('id').executeTakeFirstOrThrow();
    const common = { businessId, contactId, reference, date, locationId: location.id, sourceType: 'document' as const, sourceId: reference };
    await createItem(trx, { ...common, side: 'debit', kind: 'sale', dueDate: date, amount });
    await postEntry(trx, { ...common, type: 'sale', debit: amount, credit: 0, memo: null, userId: null });
  }

  async function dayTotal(contactId: string, date: string) {
    const row = await t.database.db.kysely
      .selectFrom('ledger_totals')
      .where('contact_id', '=', contactId)
      .where('granularity', '=', 'day')
      .where('period', '=', date)
      .select(['debit', 'entries'])
      .executeTakeFirstOrThrow();
    return { debit: Number(row.debit), entries: Number(row.entries) };
  }

  async function differencesOf(contactId: string) {
    const report = await verifyLedger(t.database.db.kysely);
    return report.differences.filter((difference) => difference.id.includes(contactId));
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

  it('posting committed between sales stays counted', async () => {
    const contactId = await addCustomer(t, 'Entre deux');
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const figures = DeferredFigures.start(trx, t.business.businessId);
      await figures.defer(contactId);
      await sql`savepoint failed_sale`.execute(trx);
      figures.savepoint();
      await postLockedSale(trx, contactId, 500, '2026-03-02', 'C-1');
      await sql`rollback to savepoint failed_sale`.execute(trx);
      figures.rollback();

      // The rollback released the contact's lock, so another request posts to the same day and commits.
      await t.database.db.kysely.transaction().execute((other) => postLockedSale(other, contactId, 300, '2026-03-02', 'C-2'));

      await sql`savepoint kept_sale`.execute(trx);
      figures.savepoint();
      await postLockedSale(trx, contactId, 1000, '2026-03-02', 'C-3');
      await sql`release savepoint kept_sale`.execute(trx);
      figures.release();
      await figures.flush();
    });
    expect(await dayTotal(contactId, '2026-03-02')).toEqual({ debit: 1300, entries: 2 });
    expect(await differencesOf(contactId)).toEqual([]);
  });

  it('posting waiting on the lock follows the flush', async () => {
    const contactId = await addCustomer(t, 'En attente');
    let other: Promise<void> | undefined;
    await t.database.db.kysely.transaction().execute(async (trx) => {
      const figures = DeferredFigures.start(trx, t.business.businessId);
      await figures.defer(contactId);
      await sql`savepoint kept_sale`.execute(trx);
      figures.savepoint();
      await postLockedSale(trx, contactId, 1000, '2026-03-02', 'W-1');
      await sql`release savepoint kept_sale`.execute(trx);
      figures.release();

      other = t.database.db.kysely.transaction().execute((second) => postLockedSale(second, contactId, 300, '2026-03-02', 'W-2'));
      await someoneWaitsForLock();
      await figures.flush();
    });
    await other;
    expect(await dayTotal(contactId, '2026-03-02')).toEqual({ debit: 1300, entries: 2 });
    const contact = await t.database.db.kysely.selectFrom('contacts').where('id', '=', contactId).select('balance').executeTakeFirstOrThrow();
    expect(Number(contact.balance)).toBe(1300);
    expect(await differencesOf(contactId)).toEqual([]);
  });
});
