/** A contact's balance at the end of each day its ledger changed, for a chart. */
import type { Executor } from '../db/database.ts';
import { formatDecimal } from '../shared/money.ts';
import { balancesAt, LEDGER_START } from './balance-at.ts';

export interface BalancePoint {
  date: string;
  balance: string;
}

export async function balanceHistory(
  db: Executor,
  scope: { businessId: string; contactId: string },
  range: { from?: string; to?: string },
  currency: string,
): Promise<{ openingBalance: string; points: BalancePoint[] }> {
  const from = range.from ?? LEDGER_START;
  let query = db
    .selectFrom('ledger_totals')
    .where('business_id', '=', scope.businessId)
    .where('contact_id', '=', scope.contactId)
    .where('granularity', '=', 'day')
    .where('period', '>=', from)
    .groupBy('period')
    .orderBy('period')
    .select((eb) => ['period', eb.fn.sum<number | string>(eb('debit', '-', eb.ref('credit'))).as('change')]);
  if (range.to) query = query.where('period', '<=', range.to);

  const [rows, [opening = 0]] = await Promise.all([
    query.execute(),
    balancesAt(db, { ...scope, locationId: null }, [{ date: from }]),
  ]);
  let balance = opening;
  const points = rows.map((row) => {
    balance += Number(row.change);
    return { date: row.period, balance: formatDecimal(balance, currency) };
  });
  return { openingBalance: formatDecimal(opening, currency), points };
}
