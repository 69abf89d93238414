/**
 * Deferred contact figures (ledger/deferred-figures.ts): postings to a
 * deferred contact leave its row alone, readers in the transaction see the
 * pending amounts, a rolled-back savepoint drops its own, and the flush
 * writes what the ledger gives.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.ts';
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
