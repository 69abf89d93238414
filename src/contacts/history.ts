/**
 * A contact's history: every row elsewhere that records business done with
 * it. A contact with history cannot be deleted, only deactivated or
 * anonymised, so its ledger and documents stay whole.
 */
import { sql } from 'kysely';
import { IDS_PER_STATEMENT, inLists } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';

/**
 * Tables whose rows are history, each with `business_id` and `contact_id`.
 * Voided, returned and refunded rows count too: they are history as well.
 * A feature that records business with contacts (loyalty movements,
 * messages sent) adds its table here.
 */
export const historyTables: readonly string[] = ['documents', 'payments', 'loyalty_movements'];

/**
 * Opening balances and manual discounts are ledger business with no document
 * or payment behind them; each counts once, through its open item, while
 * ledger entries are not counted because they repeat the documents and
 * payments (a sale and its void would count twice).
 */
async function countLedgerOnlyItems(db: Executor, businessId: string, contactId: string): Promise<number> {
  const result = await sql<{ count: number | string }>`
    select count(*) as count from open_items
    where business_id = ${businessId} and contact_id = ${contactId}
    and kind in ('opening_balance', 'discount')`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

async function countRows(db: Executor, table: string, businessId: string, contactId: string): Promise<number> {
  const result = await sql<{ count: number | string }>`
    select count(*) as count from ${sql.table(table)}
    where business_id = ${businessId} and contact_id = ${contactId}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/** The number of history rows of the contact: `historyTables` plus its opening balances and discounts. */
export async function countContactHistory(db: Executor, businessId: string, contactId: string): Promise<number> {
  let total = 0;
  for (const table of historyTables) total += await countRows(db, table, businessId, contactId);
  return total + (await countLedgerOnlyItems(db, businessId, contactId));
}

/** History rows per contact and source: a table of `historyTables`, or `ledger_only_items` for the open items counted above. */
export type HistoryBySource = Map<string, Map<string, number>>;

/**
 * Counts the history rows of many contacts with one grouped query per
 * table and list of ids, as `countContactHistory` counts them for one.
 * Contacts without history are left out of the result.
 */
export async function countHistoryBySource(db: Executor, businessId: string, contactIds: readonly string[]): Promise<HistoryBySource> {
  const counts: HistoryBySource = new Map();
  const add = (contactId: string, source: string, count: number | string) => {
    let sources = counts.get(contactId);
    if (!sources) counts.set(contactId, (sources = new Map()));
    sources.set(source, Number(count));
  };
  for (const list of inLists([...new Set(contactIds)], IDS_PER_STATEMENT)) {
    for (const table of historyTables) {
      const result = await sql<{ contact_id: string; count: number | string }>`
        select contact_id, count(*) as count from ${sql.table(table)}
        where business_id = ${businessId} and contact_id in (${sql.join(list)})
        group by contact_id`.execute(db);
      for (const row of result.rows) add(row.contact_id, table, row.count);
    }
    const items = await sql<{ contact_id: string; count: number | string }>`
      select contact_id, count(*) as count from open_items
      where business_id = ${businessId} and contact_id in (${sql.join(list)})
      and kind in ('opening_balance', 'discount')
      group by contact_id`.execute(db);
    for (const row of items.rows) add(row.contact_id, 'ledger_only_items', row.count);
  }
  return counts;
}

/** Returns the total of a contact's counts from `countHistoryBySource`, 0 for a contact left out. */
export function historyTotal(counts: HistoryBySource, contactId: string): number {
  let total = 0;
  for (const count of counts.get(contactId)?.values() ?? []) total += count;
  return total;
}
