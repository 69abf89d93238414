/**
 * Opening balances in a merge. A contact has one opening balance. When
 * several of the contacts have one, the merged contacts' are retired first,
 * each with a reversal entry through the ledger's own opening balance rule.
 * Then the kept contact's becomes their sum, dated the earliest. Payments
 * that had settled a retired opening balance settle the new one, as far as
 * it goes; the rest stays as the kept contact's advance. With a single
 * opening balance among them, it simply moves with its contact's rows.
 */
import type { Executor } from '../../db/database.ts';
import type { ContactRow, ContactUpdate } from '../../db/schema.ts';
import { businessToday } from '../../ledger/business.ts';
import { allocate, loadItem } from '../../ledger/open-items.ts';
import { syncOpeningBalance } from '../../ledger/opening-balance.ts';
import type { ContactActor } from '../visibility.ts';

export interface RetiredOpeningBalance {
  /** Signed: positive when the contact owed the shop. */
  amount: number;
  date: string;
  /** Items on the other side that had settled it, oldest first. */
  settledBy: string[];
}

function signedAmount(item: { side: string; amount: number }): number {
  return item.side === 'debit' ? Number(item.amount) : -Number(item.amount);
}

async function openingItems(trx: Executor, businessId: string, contactIds: string[]) {
  return trx
    .selectFrom('open_items')
    .selectAll()
    .where('business_id', '=', businessId)
    .where('contact_id', 'in', contactIds)
    .where('kind', '=', 'opening_balance')
    .where('status', '!=', 'void')
    .orderBy('date')
    .orderBy('id')
    .execute();
}

export async function retireMergedOpeningBalances(
  trx: Executor,
  actor: ContactActor,
  kept: ContactRow,
  merged: ContactRow[],
): Promise<RetiredOpeningBalance[]> {
  const items = await openingItems(trx, actor.businessId, [kept.id, ...merged.map((row) => row.id)]);
  if (items.length <= 1) return [];

  const retired: RetiredOpeningBalance[] = [];
  for (const item of items.filter((row) => row.contact_id !== kept.id)) {
    const column = item.side === 'debit' ? 'debit_item_id' : 'credit_item_id';
    const other = item.side === 'debit' ? 'credit_item_id' : 'debit_item_id';
    const allocations = await trx
      .selectFrom('allocations')
      .select(other)
      .where('business_id', '=', actor.businessId)
      .where(column, '=', item.id)
      .where('undone_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    await syncOpeningBalance(trx, {
      businessId: actor.businessId,
      contactId: item.contact_id,
      amount: 0,
      date: null,
      locationId: null,
      userId: actor.userId,
    });
    retired.push({
      amount: signedAmount(item),
      date: item.date,
      settledBy: allocations.map((row) => (row as Record<string, string>)[other] as string),
    });
  }
  return retired;
}

/**
 * Gives the kept contact the opening balance of them all, once the rows
 * moved; returns its opening balance columns.
 */
export async function consolidateOpeningBalances(
  trx: Executor,
  actor: ContactActor,
  kept: ContactRow,
  retired: RetiredOpeningBalance[],
): Promise<Pick<ContactUpdate, 'opening_balance' | 'opening_balance_date'>> {
  if (retired.length > 0) {
    const [current] = await openingItems(trx, actor.businessId, [kept.id]);
    const keptAmount = current ? signedAmount(current) : 0;
    const total = retired.reduce((sum, item) => sum + item.amount, keptAmount);
    const dates = [...retired.map((item) => item.date), ...(current ? [current.date] : [])].sort();
    const result = await syncOpeningBalance(trx, {
      businessId: actor.businessId,
      contactId: kept.id,
      amount: total,
      date: dates[0] ?? null,
      locationId: null,
      userId: actor.userId,
    });
    if (result.itemId) await resettle(trx, actor, result.itemId, retired.flatMap((item) => item.settledBy));
  }

  const [item] = await openingItems(trx, actor.businessId, [kept.id]);
  if (!item) return { opening_balance: 0, opening_balance_date: kept.opening_balance_date };
  return {
    opening_balance: signedAmount(item),
    opening_balance_date: item.date,
  };
}

async function resettle(trx: Executor, actor: ContactActor, itemId: string, settledBy: string[]) {
  const today = await businessToday(trx, actor.businessId);
  for (const otherId of settledBy) {
    const item = await loadItem(trx, actor.businessId, itemId);
    const other = await loadItem(trx, actor.businessId, otherId);
    if (!item || item.open_amount === 0) return;
    if (!other || other.status === 'void' || other.open_amount === 0 || other.side === item.side) continue;
    const amount = Math.min(Number(item.open_amount), Number(other.open_amount));
    const [debitId, creditId] = item.side === 'debit' ? [item.id, other.id] : [other.id, item.id];
    await allocate(trx, debitId, creditId, amount, today, actor.userId, actor.businessId);
  }
}
