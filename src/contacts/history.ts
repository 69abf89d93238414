/**
 * A contact's history: every row elsewhere that records business done with
 * it. A contact with history cannot be deleted, only deactivated or
 * anonymised, so its ledger and documents stay whole.
 */
import { sql } from 'kysely';
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
