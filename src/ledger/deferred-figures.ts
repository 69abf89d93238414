/**
 * Cached contact figures that one transaction writes once per contact, at
 * its end, instead of at every posting. A sales import posts all its sales
 * in one transaction. On PostgreSQL every update of a row leaves a version
 * that later reads of the row in that transaction step over, so each sale
 * of a customer took longer than the one before.
 *
 * A deferred contact has a row in `deferred_contact_figures`, which only
 * the deferring transaction can read. Until `flush`:
 * - `postEntry` and the open-item functions add their changes of
 *   `balance`, `receivable`, `payable` and `advance`, and of the contact's
 *   day and month rows of `ledger_totals`, to amounts pending in memory
 *   here, and leave the rows alone;
 * - the triggers that keep `last_activity_on`, `last_sale_on` and
 *   `earliest_open_due_on` leave the contact row alone too (migration 0040);
 * - a reader in the transaction adds the pending amounts: the figures with
 *   `withPendingFigures`, the totals with `pendingTotalsOf` (`balancesAt`).
 *   Other readers of `ledger_totals` (the balance chart, reminders, the
 *   merge, the undo, `verifyLedger`) run in transactions of their own.
 *
 * `flush` computes every cached figure of the deferred contacts again from
 * their ledger entries and open items, adds the pending totals to their
 * rows, writes each row once and ends the deferral. So the figures and
 * totals equal the ledger when the transaction commits.
 */
import { sql } from 'kysely';
import { recomputeFigures } from '../contacts/merge/contact-figures.ts';
import { inLists } from '../db/batches.ts';
import { earliestDueSql } from '../db/migrations/0027_earliest_open_due.ts';
import type { Executor } from '../db/database.ts';
import { lockContact } from './contact-lock.ts';
import type { Figure } from './kinds.ts';
import { addToLedgerTotals, type TotalsGranularity, totalsPeriods } from './ledger-totals.ts';
import { SavepointJournal } from './savepoint-journal.ts';

export type CachedFigure = 'balance' | Figure;

type PendingAmounts = Record<CachedFigure, number>;

/** The key of a contact's row of `ledger_totals`. */
interface TotalsRow {
  granularity: TotalsGranularity;
  period: string;
  locationId: string;
}

/** Amounts the transaction has yet to add to one row of `ledger_totals`. */
export interface PendingTotal extends TotalsRow {
  debit: number;
  credit: number;
  entries: number;
}

/** The fields of a posting that the deferral keeps. */
export interface DeferredEntry {
  contactId: string;
  date: string;
  locationId: string;
  debit: number;
  credit: number;
}

const deferrals = new WeakMap<Executor, DeferredFigures>();

export class DeferredFigures {
  private readonly contacts = new Set<string>();
  private readonly pending = new Map<string, PendingAmounts>();
  /** Pending totals per contact, by granularity, period and location. */
  private readonly totals = new Map<string, Map<string, PendingTotal>>();
  private readonly journal = new SavepointJournal();

  private constructor(
    private readonly trx: Executor,
    private readonly businessId: string,
  ) {}

  /** Starts deferring figure writes in `trx`, for the contacts later passed to `defer`. */
  static start(trx: Executor, businessId: string): DeferredFigures {
    if (deferrals.has(trx)) throw new Error('this transaction already defers contact figures');
    const deferred = new DeferredFigures(trx, businessId);
    deferrals.set(trx, deferred);
    return deferred;
  }

  /**
   * Defers the figures of a contact of the business from now until `flush`.
   * Call it outside any savepoint that may be rolled back, because the row
   * it inserts must outlive that savepoint.
   */
  async defer(contactId: string): Promise<void> {
    if (this.contacts.has(contactId)) return;
    await this.trx.insertInto('deferred_contact_figures').values({ contact_id: contactId }).execute();
    this.contacts.add(contactId);
  }

  /** Adds `amount` to a pending figure and returns true, or returns false when the contact is not deferred. */
  add(contactId: string, figure: CachedFigure, amount: number): boolean {
    if (!this.contacts.has(contactId)) return false;
    this.change(contactId, figure, amount);
    this.journal.record(() => this.change(contactId, figure, -amount));
    return true;
  }

  /**
   * Adds a posting to the pending balance and to the pending day and month
   * totals and returns true, or returns false when the contact is not deferred.
   */
  addEntry(entry: DeferredEntry): boolean {
    if (!this.add(entry.contactId, 'balance', entry.debit - entry.credit)) return false;
    for (const [granularity, period] of totalsPeriods(entry.date)) {
      const row: TotalsRow = { granularity, period, locationId: entry.locationId };
      this.changeTotal(entry.contactId, row, entry.debit, entry.credit, 1);
      this.journal.record(() => this.changeTotal(entry.contactId, row, -entry.debit, -entry.credit, -1));
    }
    return true;
  }

  /** Returns the totals rows the transaction has yet to add to, with what it will add. */
  pendingTotalsOf(contactId: string): PendingTotal[] {
    return [...(this.totals.get(contactId)?.values() ?? [])].filter((total) => total.entries !== 0);
  }

  /** Returns what the transaction has yet to add to the contact's row. */
  pendingOf(contactId: string): Readonly<PendingAmounts> | undefined {
    return this.pending.get(contactId);
  }

  /** Marks a savepoint just taken in the transaction. */
  savepoint(): void {
    this.journal.savepoint();
  }

  /** Keeps the changes since the last savepoint, which the transaction released. */
  release(): void {
    this.journal.release();
  }

  /** Drops the changes since the last savepoint, which the transaction rolled back to. */
  rollback(): void {
    this.journal.rollback();
  }

  /**
   * Writes the cached figures of each deferred contact, computed from its
   * ledger entries and open items, adds its pending totals to their rows,
   * and ends the deferral.
   */
  async flush(): Promise<void> {
    const contactIds = [...this.contacts];
    for (const contactId of contactIds) {
      // A contact whose sales all failed holds no lock here, because rolling back to a savepoint releases the row locks taken after it.
      // Without the lock, a posting committed between the reads below and the write would be lost.
      await lockContact(this.trx, this.businessId, contactId);
      const figures = await recomputeFigures(this.trx, this.businessId, contactId);
      // The same date as the triggers of migration 0027 keep.
      await this.trx
        .updateTable('contacts')
        .set({ ...figures, earliest_open_due_on: sql<string | null>`${sql.raw(earliestDueSql('contacts.id'))}` })
        .where('business_id', '=', this.businessId)
        .where('id', '=', contactId)
        .execute();
      await this.writeTotals(contactId);
    }
    for (const list of inLists(contactIds)) {
      await this.trx.deleteFrom('deferred_contact_figures').where('contact_id', 'in', list).execute();
    }
    this.contacts.clear();
    this.pending.clear();
    this.totals.clear();
    this.journal.clear();
    deferrals.delete(this.trx);
  }

  /**
   * Adds the pending totals of a contact to their rows, one statement per
   * row. Each statement adds to the row's current value rather than writing
   * a sum read earlier, so the postings other transactions committed to the
   * row during the deferral stay counted.
   */
  private async writeTotals(contactId: string): Promise<void> {
    for (const total of this.pendingTotalsOf(contactId)) {
      await addToLedgerTotals(this.trx, {
        business_id: this.businessId,
        contact_id: contactId,
        granularity: total.granularity,
        period: total.period,
        location_id: total.locationId,
        debit: total.debit,
        credit: total.credit,
        entries: total.entries,
      });
    }
  }

  private changeTotal(contactId: string, row: TotalsRow, debit: number, credit: number, entries: number): void {
    let rows = this.totals.get(contactId);
    if (!rows) {
      rows = new Map();
      this.totals.set(contactId, rows);
    }
    const key = `${row.granularity}|${row.period}|${row.locationId}`;
    let total = rows.get(key);
    if (!total) {
      total = { ...row, debit: 0, credit: 0, entries: 0 };
      rows.set(key, total);
    }
    total.debit += debit;
    total.credit += credit;
    total.entries += entries;
  }

  private change(contactId: string, figure: CachedFigure, amount: number): void {
    let amounts = this.pending.get(contactId);
    if (!amounts) {
      amounts = { balance: 0, receivable: 0, payable: 0, advance: 0 };
      this.pending.set(contactId, amounts);
    }
    amounts[figure] += amount;
  }
}

/** Returns the deferral that `trx` runs, if any. */
export function deferredFiguresOf(trx: Executor): DeferredFigures | undefined {
  return deferrals.get(trx);
}

/**
 * Returns the figures read from a contact's row plus what the transaction
 * has yet to write there, for a rule that reads them before a deferral ends.
 */
export function withPendingFigures<T extends Partial<Record<CachedFigure, number>>>(trx: Executor, contactId: string, figures: T): T {
  const pending = deferredFiguresOf(trx)?.pendingOf(contactId);
  if (!pending) return figures;
  const current = { ...figures };
  for (const figure of Object.keys(pending) as CachedFigure[]) {
    const stored = current[figure];
    if (stored !== undefined) (current as Record<CachedFigure, number>)[figure] = stored + pending[figure];
  }
  return current;
}
