/**
 * A contact's balance at a point of its ledger, from the month and day
 * totals plus the entries of the point's own day. That reads about 12 rows
 * a year, up to 31 day rows and one day's entries, however long the ledger.
 * In a transaction that defers the contact's totals (deferred-figures.ts),
 * the totals it has yet to write are added.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { deferredFiguresOf, type PendingTotal } from './deferred-figures.ts';

export interface LedgerScope {
  businessId: string;
  contactId: string;
  /** Only the entries of this location, when set. */
  locationId: string | null;
}

/** A point in posting order: before `date` begins, or just after the entry `seq` of `date`. */
export interface LedgerPoint {
  date: string;
  seq?: number;
}

function sumBefore(scope: LedgerScope, point: LedgerPoint): RawBuilder<number> {
  const month = point.date.slice(0, 7);
  const location = scope.locationId === null ? sql`` : sql` and location_id = ${scope.locationId}`;
  const sameDay =
    point.seq === undefined
      ? sql`0`
      : sql`(select coalesce(sum(debit - credit), 0) from ledger_entries
          where business_id = ${scope.businessId} and contact_id = ${scope.contactId}
          and date = ${point.date} and seq <= ${point.seq}${location})`;
  return sql<number>`cast(
    (select coalesce(sum(debit - credit), 0) from ledger_totals
      where business_id = ${scope.businessId} and contact_id = ${scope.contactId}
      and granularity = 'month' and period < ${month}${location})
    + (select coalesce(sum(debit - credit), 0) from ledger_totals
      where business_id = ${scope.businessId} and contact_id = ${scope.contactId}
      and granularity = 'day' and period >= ${`${month}-01`} and period < ${point.date}${location})
    + ${sameDay} as bigint)`;
}

/** Sums the pending totals that the query of `sumBefore` would read from `ledger_totals` for the same point. */
function pendingBefore(pending: PendingTotal[], scope: LedgerScope, point: LedgerPoint): number {
  const month = point.date.slice(0, 7);
  let sum = 0;
  for (const total of pending) {
    if (scope.locationId !== null && total.locationId !== scope.locationId) continue;
    const counted = total.granularity === 'month'
      ? total.period < month
      : total.period >= `${month}-01` && total.period < point.date;
    if (counted) sum += total.debit - total.credit;
  }
  return sum;
}

/** The first business date: nothing is posted before it. */
export const LEDGER_START = '0000-01-01';

/**
 * Computes the balances at several points in one query. The balance before
 * `LEDGER_START` is zero without a query, and a point listed twice is
 * computed once.
 */
export async function balancesAt(db: Executor, scope: LedgerScope, points: LedgerPoint[]): Promise<number[]> {
  const keyOf = (point: LedgerPoint) => `${point.date}|${point.seq ?? ''}`;
  const distinct = new Map<string, LedgerPoint>();
  for (const point of points) {
    if (point.date > LEDGER_START || point.seq !== undefined) distinct.set(keyOf(point), point);
  }
  if (distinct.size === 0) return points.map(() => 0);

  const keys = [...distinct.keys()];
  const columns = [...distinct.values()].map((point, index) => sql`${sumBefore(scope, point)} as ${sql.ref(`b${index}`)}`);
  const result = await sql<Record<string, number | string>>`select ${sql.join(columns)}`.execute(db);
  const row = result.rows[0] ?? {};
  const pending = deferredFiguresOf(db)?.pendingTotalsOf(scope.contactId) ?? [];
  return points.map((point) => {
    const index = keys.indexOf(keyOf(point));
    if (index < 0) return 0;
    return Number(row[`b${index}`] ?? 0) + pendingBefore(pending, scope, point);
  });
}
