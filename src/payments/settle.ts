/**
 * Settling one open item against the contact's open items on the other side:
 * oldest due date first (then oldest date, then creation order), or as the
 * caller lists them.
 */
import type { Executor } from '../db/database.ts';
import type { ItemKind } from '../ledger/kinds.ts';
import { allocate, loadItem, type OpenItem } from '../ledger/open-items.ts';
import { IssueList } from '../shared/errors.ts';

export interface Settlement {
  itemId: string;
  kind: string;
  reference: string;
  sourceType: string;
  sourceId: string;
  amount: number;
}

/** Open items on the other side of `item`, of the given kinds, oldest due first. */
export async function counterparts(
  trx: Executor,
  item: Pick<OpenItem, 'business_id' | 'contact_id' | 'side'>,
  kinds: readonly ItemKind[],
): Promise<OpenItem[]> {
  const rows = await trx
    .selectFrom('open_items')
    .where('business_id', '=', item.business_id)
    .where('contact_id', '=', item.contact_id)
    .where('status', '=', 'open')
    .where('side', '=', item.side === 'debit' ? 'credit' : 'debit')
    .where('kind', 'in', kinds)
    .orderBy('due_date')
    .orderBy('date')
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();
  return rows as OpenItem[];
}

/** Sum of the open amounts of `items`. */
export function openTotal(items: { open_amount: number }[]): number {
  return items.reduce((sum, row) => sum + Number(row.open_amount), 0);
}

/** Settles as much of `item` as the counterparts allow, up to `max`, oldest first. */
export async function settleOldestFirst(
  trx: Executor,
  item: OpenItem,
  kinds: readonly ItemKind[],
  date: string,
  userId: string | null,
  max: number = item.open_amount,
): Promise<Settlement[]> {
  const settled: Settlement[] = [];
  let left = Math.min(max, item.open_amount);
  for (const other of await counterparts(trx, item, kinds)) {
    if (left <= 0) break;
    const amount = Math.min(left, other.open_amount);
    await pair(trx, item, other, amount, date, userId);
    settled.push(settlementOf(other, amount));
    left -= amount;
  }
  return settled;
}

export interface ChosenAllocation {
  /** A document id (sale, purchase, return) or an open item id (opening balance, payment). */
  target: string;
  amount: number;
}

/**
 * Settles `item` against the items the caller chose. Every target must be an
 * open counterpart of a settleable kind, no allocation may exceed its
 * target's open amount, and together they may not exceed the item's.
 */
export async function settleChosen(
  trx: Executor,
  item: OpenItem,
  kinds: readonly ItemKind[],
  chosen: ChosenAllocation[],
  date: string,
  userId: string | null,
  path = 'allocations',
): Promise<Settlement[]> {
  const candidates = await counterparts(trx, item, kinds);
  const issues = new IssueList();
  const plan: { other: OpenItem; amount: number }[] = [];
  const planned = new Map<string, number>();
  let total = 0;

  chosen.forEach((choice, index) => {
    const other = candidates.find((c) => c.id === choice.target || (c.source_type === 'document' && c.source_id === choice.target));
    if (!other) {
      issues.add(`${path}.${index}.documentId`, 'not_open_item', { value: choice.target });
      return;
    }
    const already = planned.get(other.id) ?? 0;
    if (choice.amount <= 0) issues.add(`${path}.${index}.amount`, 'amount_not_positive');
    else if (already + choice.amount > other.open_amount) {
      issues.add(`${path}.${index}.amount`, 'allocation_exceeds_open', { reference: other.reference });
    }
    planned.set(other.id, already + choice.amount);
    total += choice.amount;
    plan.push({ other, amount: choice.amount });
  });
  if (total > item.open_amount) issues.add(path, 'allocations_exceed_amount');
  issues.throwIfAny();

  const settled: Settlement[] = [];
  for (const { other, amount } of plan) {
    const fresh = await loadItem(trx, item.business_id, other.id);
    if (!fresh) continue;
    await pair(trx, item, fresh, amount, date, userId);
    settled.push(settlementOf(fresh, amount));
  }
  return settled;
}

async function pair(trx: Executor, item: OpenItem, other: OpenItem, amount: number, date: string, userId: string | null) {
  const [debit, credit] = item.side === 'debit' ? [item, other] : [other, item];
  await allocate(trx, debit.id, credit.id, amount, date, userId, item.business_id);
  const fresh = await loadItem(trx, item.business_id, item.id);
  if (fresh) item.open_amount = fresh.open_amount;
}

function settlementOf(other: OpenItem, amount: number): Settlement {
  return {
    itemId: other.id,
    kind: other.kind,
    reference: other.reference,
    sourceType: other.source_type,
    sourceId: other.source_id,
    amount,
  };
}
