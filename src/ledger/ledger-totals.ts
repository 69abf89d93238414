/** Writes of `ledger_totals`, the sums of a contact's entries per location and day or month. */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LedgerTotalTable } from '../db/schema.ts';

export type TotalsGranularity = 'day' | 'month';

/** Returns the granularity and period of the day (`YYYY-MM-DD`) and month (`YYYY-MM`) rows that an entry dated `date` adds to. */
export function totalsPeriods(date: string): [TotalsGranularity, string][] {
  return [
    ['day', date],
    ['month', date.slice(0, 7)],
  ];
}

/** Adds debit, credit and entry count to a totals row, creating it with those values when it is missing. */
export async function addToLedgerTotals(trx: Executor, row: LedgerTotalTable): Promise<void> {
  await trx
    .insertInto('ledger_totals')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['business_id', 'contact_id', 'granularity', 'period', 'location_id']).doUpdateSet({
        debit: sql`ledger_totals.debit + excluded.debit`,
        credit: sql`ledger_totals.credit + excluded.credit`,
        entries: sql`ledger_totals.entries + excluded.entries`,
      }),
    )
    .execute();
}
