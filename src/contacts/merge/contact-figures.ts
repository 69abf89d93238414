/**
 * A contact's cached figures computed from scratch: the balance from its
 * ledger entries, receivable, payable and advance from its open items (as
 * the ledger counts them, see ledger/kinds.ts), and the dates of its last
 * entry and last sale. A voided sale is no sale, but its entry and its
 * reversal still count as activity.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { figureOf, type ItemKind, type Side } from '../../ledger/kinds.ts';

export interface ContactFigures {
  balance: number;
  receivable: number;
  payable: number;
  advance: number;
  last_activity_on: string;
  last_sale_on: string;
}

/** SQL that is true when a ledger entry was posted by a document that was voided since. */
const voidedSource = sql<boolean>`source_type = 'document' and exists (
  select 1 from documents voided where voided.id = ledger_entries.source_id and voided.status = 'void'
)`;

/**
 * Sets the contact's `last_sale_on` again from its sales that are not void.
 * A void calls it, since the trigger that keeps the date runs on new ledger
 * entries only.
 */
export async function refreshLastSale(trx: Executor, businessId: string, contactId: string): Promise<void> {
  const row = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('type', '=', 'sale')
    .where(sql<boolean>`not (${voidedSource})`)
    .select(sql<string | null>`max(date)`.as('last_sale'))
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('contacts')
    .set({ last_sale_on: row.last_sale ?? '' })
    .where('business_id', '=', businessId)
    .where('id', '=', contactId)
    .execute();
}

export async function recomputeFigures(trx: Executor, businessId: string, contactId: string): Promise<ContactFigures> {
  const ledger = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .select([
      sql<number | string>`coalesce(sum(debit - credit), 0)`.as('balance'),
      sql<string | null>`max(date)`.as('last_activity'),
      sql<string | null>`max(case when type = 'sale' and not (${voidedSource}) then date end)`.as('last_sale'),
    ])
    .executeTakeFirstOrThrow();
  const items = await trx
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('status', '!=', 'void')
    .groupBy(['side', 'kind'])
    .select(['side', 'kind', sql<number | string>`sum(open_amount)`.as('open')])
    .execute();

  const figures: ContactFigures = {
    balance: Number(ledger.balance),
    receivable: 0,
    payable: 0,
    advance: 0,
    last_activity_on: ledger.last_activity ?? '',
    last_sale_on: ledger.last_sale ?? '',
  };
  for (const row of items) figures[figureOf(row.side as Side, row.kind as ItemKind)] += Number(row.open);
  return figures;
}
