/**
 * Applies a contact's advances to its open debts, so that one contact never
 * shows both a debt and a credit on the same side of its business with the
 * shop. Every posting that opens or frees an item calls it last, under the
 * contact lock.
 *
 * The sales side pairs what the contact owes as a customer (sales, a positive
 * opening balance, a refund paid out) with what it has to its credit (unused
 * payments, returns' excess, discounts, a negative opening balance). The
 * purchase side does the same for a supplier. The opening balance is a net
 * figure, so it takes part on both sides. A `both` contact keeps its sales
 * and purchases apart: a purchase never settles a sale.
 *
 * Debts are settled oldest due date first, with the oldest credit first. An
 * allocation is dated the later of the two items' dates, the first day both
 * existed. Accounts written before this rule were netted once by the
 * migration 0013_net_old_accounts.
 */
import type { Executor } from '../db/database.ts';
import type { ItemKind, Side } from './kinds.ts';
import { allocate, type OpenItem } from './open-items.ts';

interface Family {
  debit: readonly ItemKind[];
  credit: readonly ItemKind[];
}

export const nettingFamilies: readonly Family[] = [
  { debit: ['sale', 'opening_balance', 'refund_paid'], credit: ['payment_received', 'sale_return', 'discount', 'opening_balance'] },
  { debit: ['payment_made', 'purchase_return', 'discount', 'opening_balance'], credit: ['purchase', 'opening_balance', 'refund_received'] },
];

/** Settles the contact's open debts from its open credits and returns the total applied. */
export async function netOpenItems(trx: Executor, businessId: string, contactId: string, userId: string | null): Promise<number> {
  let applied = 0;
  for (const family of nettingFamilies) {
    // Credits first: most contacts have none, while a regular customer who
    // pays later may have hundreds of open sales, read for nothing otherwise.
    const credits = await openOf(trx, businessId, contactId, 'credit', family.credit);
    if (credits.length === 0) continue;
    const debits = await openOf(trx, businessId, contactId, 'debit', family.debit);
    if (debits.length === 0) continue;
    let c = 0;
    for (const debit of debits) {
      while (debit.open_amount > 0 && c < credits.length) {
        const credit = credits[c]!;
        const amount = Math.min(debit.open_amount, credit.open_amount);
        const date = debit.date > credit.date ? debit.date : credit.date;
        await allocate(trx, debit.id, credit.id, amount, date, userId, businessId);
        debit.open_amount -= amount;
        credit.open_amount -= amount;
        applied += amount;
        if (credit.open_amount === 0) c += 1;
      }
      if (c >= credits.length) break;
    }
  }
  return applied;
}

async function openOf(trx: Executor, businessId: string, contactId: string, side: Side, kinds: readonly ItemKind[]) {
  let query = trx
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('status', '=', 'open')
    .where('side', '=', side)
    .where('kind', 'in', kinds)
    .where('open_amount', '>', 0);
  query = side === 'debit' ? query.orderBy('due_date').orderBy('date') : query.orderBy('date').orderBy('due_date');
  const rows = await query.orderBy('created_at').orderBy('id').selectAll().execute();
  return rows.map((row) => ({ ...row, open_amount: Number(row.open_amount) })) as OpenItem[];
}
