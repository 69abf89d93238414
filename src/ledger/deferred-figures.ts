/**
 * Cached contact figures that one transaction writes once per contact, at
 * its end, instead of at every posting. A sales import posts all its sales
 * in one transaction. On PostgreSQL every update of a customer's row leaves
 * a version that later reads of the row in that transaction step over, so
 * each sale of a customer took longer than the one before.
 *
 * A deferred contact has a row in `deferred_contact_figures`, which only
 * the deferring transaction can read. Until `flush`:
 * - `postEntry` and the open-item functions add their changes of
 *   `balance`, `receivable`, `payable` and `advance` to amounts pending in
 *   memory here, and leave the contact row alone;
 * - the triggers that keep `last_activity_on`, `last_sale_on` and
 *   `earliest_open_due_on` leave the row alone too (migration 0040);
 * - a reader of the figures in the transaction adds the pending amounts
 *   with `withPendingFigures`, so each rule reads what the row would contain.
 *
 * `flush` computes every cached figure of the deferred contacts again from
 * their ledger entries and open items, writes each row once and ends the
 * deferral. So the figures equal the ledger when the transaction commits.
 */
import { sql } from 'kysely';
import { recomputeFigures } from '../contacts/merge/contact-figures.ts';
import { inLists } from '../db/batches.ts';
import { earliestDueSql } from '../db/migrations/0027_earliest_open_due.ts';
import type { Executor } from '../db/database.ts';
import { lockContact } from './contact-lock.ts';
import type { Figure } from './kinds.ts';

export type CachedFigure = 'balance' | Figure;

type PendingAmounts = Record<CachedFigure, number>;

interface PendingChange {
  contactId: string;
  figure: CachedFigure;
  amount: number;
}

const deferrals = new WeakMap<Executor, DeferredFigures>();

export class DeferredFigures {
  private readonly contacts = new Set<string>();
  private readonly pending = new Map<string, PendingAmounts>();
  /** The changes made since each savepoint still open, innermost last. */
  private readonly savepoints: PendingChange[][] = [];

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
    this.change({ contactId, figure, amount });
    this.savepoints.at(-1)?.push({ contactId, figure, amount });
    return true;
  }

  /** Returns what the transaction has yet to add to the contact's row. */
  pendingOf(contactId: string): Readonly<PendingAmounts> | undefined {
    return this.pending.get(contactId);
  }

  /** Marks a savepoint just taken in the transaction. */
  savepoint(): void {
    this.savepoints.push([]);
  }

  /** Keeps the changes since the last savepoint, which the transaction released. */
  release(): void {
    const changes = this.savepoints.pop() ?? [];
    this.savepoints.at(-1)?.push(...changes);
  }

  /** Drops the changes since the last savepoint, which the transaction rolled back to. */
  rollback(): void {
    const changes = this.savepoints.pop() ?? [];
    for (const change of changes.reverse()) this.change({ ...change, amount: -change.amount });
  }

  /**
   * Writes the cached figures of each deferred contact, computed from its
   * ledger entries and open items, and ends the deferral.
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
    }
    for (const list of inLists(contactIds)) {
      await this.trx.deleteFrom('deferred_contact_figures').where('contact_id', 'in', list).execute();
    }
    this.contacts.clear();
    this.pending.clear();
    this.savepoints.length = 0;
    deferrals.delete(this.trx);
  }

  private change({ contactId, figure, amount }: PendingChange): void {
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
