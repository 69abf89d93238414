/**
 * Open items and the allocations that settle them. Each allocation pairs a
 * debit item with a credit item of the same contact and lowers both open
 * amounts by its amount, so Σ open debit - Σ open credit always equals the
 * ledger balance. The contact's receivable, payable and advance move with
 * every open amount, under the contact lock the caller holds.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { OpenItemTable } from '../db/schema.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { assertMinor } from '../shared/money.ts';
import { deferredFiguresOf } from './deferred-figures.ts';
import { type Figure, figureOf, type ItemKind, type Side, type SourceType } from './kinds.ts';

export type OpenItem = OpenItemTable & { side: Side; kind: ItemKind };

export interface NewItem {
  businessId: string;
  contactId: string;
  side: Side;
  kind: ItemKind;
  sourceType: SourceType;
  sourceId: string;
  reference: string;
  date: string;
  dueDate: string;
  locationId: string;
  amount: number;
  /** Lets a caller name the id, for items that are their own source. */
  id?: string;
}

export async function createItem(trx: Executor, item: NewItem): Promise<OpenItem> {
  assertMinor(item.amount);
  if (item.amount <= 0) throw new RangeError('an open item amount must be positive');
  const row: OpenItem = {
    id: item.id ?? newId(),
    business_id: item.businessId,
    contact_id: item.contactId,
    side: item.side,
    kind: item.kind,
    source_type: item.sourceType,
    source_id: item.sourceId,
    reference: item.reference,
    date: item.date,
    due_date: item.dueDate,
    location_id: item.locationId,
    amount: item.amount,
    open_amount: item.amount,
    status: 'open',
    created_at: nowIso(),
  };
  await trx.insertInto('open_items').values(row).execute();
  await bumpFigure(trx, row, item.amount);
  return row;
}

export async function loadItem(trx: Executor, businessId: string, itemId: string): Promise<OpenItem | undefined> {
  const row = await trx
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('id', '=', itemId)
    .selectAll()
    .executeTakeFirst();
  return row as OpenItem | undefined;
}

export async function itemOfSource(
  trx: Executor,
  businessId: string,
  sourceType: SourceType,
  sourceId: string,
): Promise<OpenItem | undefined> {
  const row = await trx
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .selectAll()
    .executeTakeFirst();
  return row as OpenItem | undefined;
}

/**
 * Settles `amount` of a debit item with a credit item. Both rows are read
 * again, so the check against their open amounts uses the figures the lock
 * protects.
 */
export async function allocate(
  trx: Executor,
  debitItemId: string,
  creditItemId: string,
  amount: number,
  date: string,
  userId: string | null,
  businessId: string,
): Promise<string> {
  assertMinor(amount);
  const debit = await loadItem(trx, businessId, debitItemId);
  const credit = await loadItem(trx, businessId, creditItemId);
  if (!debit || !credit || debit.side !== 'debit' || credit.side !== 'credit') {
    throw new Error('allocate needs a debit item and a credit item');
  }
  if (debit.contact_id !== credit.contact_id) throw new Error('allocated items belong to different contacts');
  if (amount <= 0 || amount > debit.open_amount || amount > credit.open_amount) {
    throw new RangeError(`allocation ${amount} exceeds an open amount (${debit.open_amount}, ${credit.open_amount})`);
  }

  const id = newId();
  await trx
    .insertInto('allocations')
    .values({
      id,
      business_id: businessId,
      contact_id: debit.contact_id,
      debit_item_id: debit.id,
      credit_item_id: credit.id,
      amount,
      date,
      created_by: userId,
      created_at: nowIso(),
      undone_at: null,
      undone_by: null,
    })
    .execute();
  await changeOpenAmount(trx, debit, -amount);
  await changeOpenAmount(trx, credit, -amount);
  return id;
}

export interface UndoneAllocation {
  id: string;
  /** The item on the other side of the allocation. */
  otherItemId: string;
  amount: number;
}

/**
 * Undoes every live allocation that touches an item: both open amounts come
 * back. Returns what was undone, so a caller can settle the freed items again.
 */
export async function undoAllocations(
  trx: Executor,
  item: OpenItem,
  userId: string | null,
): Promise<UndoneAllocation[]> {
  const column = item.side === 'debit' ? 'debit_item_id' : 'credit_item_id';
  const rows = await trx
    .selectFrom('allocations')
    .where('business_id', '=', item.business_id)
    .where(column, '=', item.id)
    .where('undone_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();

  const undone: UndoneAllocation[] = [];
  for (const row of rows) {
    await trx
      .updateTable('allocations')
      .set({ undone_at: nowIso(), undone_by: userId })
      .where('id', '=', row.id)
      .execute();
    const otherId = item.side === 'debit' ? row.credit_item_id : row.debit_item_id;
    const other = await loadItem(trx, item.business_id, otherId);
    if (other) await changeOpenAmount(trx, other, row.amount);
    undone.push({ id: row.id, otherItemId: otherId, amount: row.amount });
  }
  const total = undone.reduce((sum, u) => sum + u.amount, 0);
  if (total > 0) {
    const fresh = await loadItem(trx, item.business_id, item.id);
    if (fresh) await changeOpenAmount(trx, fresh, total);
  }
  return undone;
}

/** Undoes the item's allocations, then closes it with nothing left open. */
export async function voidItem(trx: Executor, item: OpenItem, userId: string | null): Promise<UndoneAllocation[]> {
  const undone = await undoAllocations(trx, item, userId);
  const fresh = await loadItem(trx, item.business_id, item.id);
  if (!fresh) return undone;
  await bumpFigure(trx, fresh, -fresh.open_amount);
  await trx
    .updateTable('open_items')
    .set({ open_amount: 0, status: 'void' })
    .where('id', '=', item.id)
    .execute();
  return undone;
}

async function changeOpenAmount(trx: Executor, item: OpenItem, delta: number): Promise<void> {
  const open = item.open_amount + delta;
  if (open < 0 || open > item.amount) {
    throw new RangeError(`open amount of item ${item.id} would be ${open} of ${item.amount}`);
  }
  let status = open > 0 ? 'open' : 'settled';
  if (item.status === 'void') status = 'void';
  await trx
    .updateTable('open_items')
    .set({ open_amount: open, status })
    .where('id', '=', item.id)
    .execute();
  item.open_amount = open;
  if (item.status !== 'void') await bumpFigure(trx, item, delta);
}

/** Moves the contact's figure of the item by `delta`, or adds it to the pending figures while they are deferred. */
async function bumpFigure(trx: Executor, item: OpenItem, delta: number): Promise<void> {
  if (delta === 0) return;
  const figure: Figure = figureOf(item.side, item.kind);
  if (deferredFiguresOf(trx)?.add(item.contact_id, figure, delta)) return;
  await trx
    .updateTable('contacts')
    .set({ [figure]: sql`${sql.ref(figure)} + ${delta}` })
    .where('business_id', '=', item.business_id)
    .where('id', '=', item.contact_id)
    .execute();
}
