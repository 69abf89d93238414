/**
 * Reference counters that one transaction writes once each, at its end,
 * instead of at every reference it takes. A sales import numbers all its
 * sales in one transaction. On PostgreSQL each update of the counter row
 * left a version that the next update of it stepped over.
 *
 * The first reference taken from a counter increments its row as without
 * a deferral. On PostgreSQL that also locks the row until the transaction
 * ends, so no other transaction can take a number meanwhile. The later
 * references are counted in memory from the value that update returned,
 * and `flush` writes the last value taken.
 *
 * Rolling back to a savepoint releases the row locks taken after it. So
 * when the savepoint of a counter's first reference is rolled back, the
 * deferral drops the counter with the journal, and the next reference
 * updates and locks the row again.
 */
import type { Executor } from '../db/database.ts';
import { SavepointJournal } from './savepoint-journal.ts';

interface TakenCounter {
  businessId: string;
  name: string;
  /** The last number taken. */
  value: number;
  /** The value stored in the counter row by this transaction. */
  stored: number;
}

const deferrals = new WeakMap<Executor, DeferredReferences>();

export class DeferredReferences {
  private readonly counters = new Map<string, TakenCounter>();
  private readonly journal = new SavepointJournal();

  private constructor(private readonly trx: Executor) {}

  /** Starts deferring the counter writes of `nextReferences` in `trx`. */
  static start(trx: Executor): DeferredReferences {
    if (deferrals.has(trx)) throw new Error('this transaction already defers reference counters');
    const deferred = new DeferredReferences(trx);
    deferrals.set(trx, deferred);
    return deferred;
  }

  /**
   * Returns the last of `count` numbers taken from a counter whose row this
   * transaction already updated, or null when it has not, in which case the
   * caller updates the row and passes the result to `taken`.
   */
  take(businessId: string, name: string, count: number): number | null {
    const counter = this.counters.get(`${businessId}|${name}`);
    if (!counter) return null;
    counter.value += count;
    this.journal.record(() => {
      counter.value -= count;
    });
    return counter.value;
  }

  /** Keeps the value a counter row was just updated to by this transaction. */
  taken(businessId: string, name: string, value: number): void {
    const key = `${businessId}|${name}`;
    this.counters.set(key, { businessId, name, value, stored: value });
    this.journal.record(() => this.counters.delete(key));
  }

  /** Marks a savepoint just taken in the transaction. */
  savepoint(): void {
    this.journal.savepoint();
  }

  /** Keeps the numbers taken since the last savepoint, which the transaction released. */
  release(): void {
    this.journal.release();
  }

  /** Gives back the numbers taken since the last savepoint, which the transaction rolled back to. */
  rollback(): void {
    this.journal.rollback();
  }

  /** Writes the last number taken of each counter and ends the deferral. */
  async flush(): Promise<void> {
    for (const counter of this.counters.values()) {
      if (counter.value === counter.stored) continue;
      await this.trx
        .updateTable('counters')
        .set({ value: counter.value })
        .where('business_id', '=', counter.businessId)
        .where('name', '=', counter.name)
        .execute();
    }
    this.counters.clear();
    this.journal.clear();
    deferrals.delete(this.trx);
  }
}

/** Returns the deferral of reference counters that `trx` runs, if any. */
export function deferredReferencesOf(trx: Executor): DeferredReferences | undefined {
  return deferrals.get(trx);
}
