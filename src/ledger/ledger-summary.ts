/**
 * Totals of a ledger range by entry type, with the balances around it: the
 * account summary of the ledger tab and the statement. A reversal is its
 * own type, so a voided sale shows as a sale and a reversal of the same
 * amount, and widening the range never changes how a line is counted.
 */
import type { Executor } from '../db/database.ts';
import { addDays } from './dates.ts';
import { balancesAt, LEDGER_START, type LedgerScope } from './balance-at.ts';

export interface TypeTotal {
  type: string;
  debit: number;
  credit: number;
  count: number;
}

export async function ledgerSummary(
  db: Executor,
  scope: LedgerScope,
  range: { from?: string; to?: string },
): Promise<{ openingBalance: number; closingBalance: number; byType: TypeTotal[] }> {
  let query = db
    .selectFrom('ledger_entries')
    .where('business_id', '=', scope.businessId)
    .where('contact_id', '=', scope.contactId)
    .groupBy('type')
    .orderBy('type')
    .select((eb) => [
      'type',
      eb.fn.sum<number | string>('debit').as('debit'),
      eb.fn.sum<number | string>('credit').as('credit'),
      eb.fn.countAll<number | string>().as('count'),
    ]);
  if (scope.locationId) query = query.where('location_id', '=', scope.locationId);
  if (range.from) query = query.where('date', '>=', range.from);
  if (range.to) query = query.where('date', '<=', range.to);

  const [rows, [openingBalance = 0, closingBalance = 0]] = await Promise.all([
    query.execute(),
    balancesAt(db, scope, [{ date: range.from ?? LEDGER_START }, { date: range.to ? addDays(range.to, 1) : '9999-12-31' }]),
  ]);
  return {
    openingBalance,
    closingBalance,
    byType: rows.map((row) => ({ type: row.type, debit: Number(row.debit), credit: Number(row.credit), count: Number(row.count) })),
  };
}
