/**
 * The opening balance of a contact: one ledger entry and one open item that
 * payments can settle. A change posts a reversal of the old entry (dated like
 * it) and a new entry; entries are never updated.
 */
import type { Executor } from '../db/database.ts';
import { newId } from '../shared/ids.ts';
import { businessToday, firstLocationId } from './business.ts';
import { lockContact } from './contact-lock.ts';
import { postEntry, reverseEntry } from './post-entry.ts';
import { nextReference } from './numbering.ts';
import { allocate, createItem, loadItem, type OpenItem, undoAllocations, voidItem } from './open-items.ts';
import { netOpenItems } from './net-items.ts';

export interface OpeningBalanceInput {
  businessId: string;
  contactId: string;
  /** Minor units, signed: positive when the contact owes the shop. */
  amount: number;
  /** `YYYY-MM-DD`; null keeps the current date, or takes today in the business time zone. */
  date: string | null;
  /** Null keeps the current location, or takes the business's first location. */
  locationId: string | null;
  userId: string | null;
}

export interface OpeningBalanceResult {
  changed: boolean;
  /** The open item of the new opening balance, or null when it is zero. */
  itemId: string | null;
}

/**
 * Makes the contact's opening balance equal to `amount` as of `date`. Call it
 * inside the transaction that creates or updates the contact. Payments that
 * settled the old amount are moved to the new one, as far as it goes; the
 * rest becomes the contact's advance.
 */
export async function syncOpeningBalance(trx: Executor, input: OpeningBalanceInput): Promise<OpeningBalanceResult> {
  await lockContact(trx, input.businessId, input.contactId);
  const current = await currentOpeningItem(trx, input.businessId, input.contactId);
  const date = input.date ?? current?.date ?? (await businessToday(trx, input.businessId));
  const locationId = input.locationId ?? current?.location_id ?? (await firstLocationId(trx, input.businessId));

  const currentAmount = current ? signedAmount(current) : 0;
  const unchanged = current
    ? currentAmount === input.amount && current.date === date && current.location_id === locationId
    : input.amount === 0;
  if (unchanged) return { changed: false, itemId: current?.id ?? null };

  const freed = current ? await retire(trx, current, input.userId) : [];
  if (input.amount === 0) {
    await netOpenItems(trx, input.businessId, input.contactId, input.userId);
    return { changed: true, itemId: null };
  }

  const item = await post(trx, input, date, locationId);
  await resettle(trx, item, freed, date, input.userId);
  await netOpenItems(trx, input.businessId, input.contactId, input.userId);
  return { changed: true, itemId: item.id };
}

function signedAmount(item: OpenItem): number {
  return item.side === 'debit' ? item.amount : -item.amount;
}

async function currentOpeningItem(trx: Executor, businessId: string, contactId: string) {
  const row = await trx
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('kind', '=', 'opening_balance')
    .where('status', '!=', 'void')
    .selectAll()
    .executeTakeFirst();
  return row as OpenItem | undefined;
}

/** Reverses the entry of the current opening balance and voids its item. */
async function retire(trx: Executor, item: OpenItem, userId: string | null) {
  const entry = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', item.business_id)
    .where('source_type', '=', 'opening_balance')
    .where('source_id', '=', item.id)
    .where('type', '=', 'opening_balance')
    .selectAll()
    .executeTakeFirstOrThrow();
  await reverseEntry(trx, entry, entry.date, null, userId);
  const freed = await undoAllocations(trx, item, userId);
  await voidItem(trx, item, userId);
  return freed;
}

async function post(trx: Executor, input: OpeningBalanceInput, date: string, locationId: string) {
  const reference = await nextReference(trx, input.businessId, 'opening_balance', date);
  const amount = Math.abs(input.amount);
  const side = input.amount > 0 ? 'debit' : 'credit';
  const id = newId();
  const item = await createItem(trx, {
    id,
    businessId: input.businessId,
    contactId: input.contactId,
    side,
    kind: 'opening_balance',
    sourceType: 'opening_balance',
    sourceId: id,
    reference,
    date,
    dueDate: date,
    locationId,
    amount,
  });
  await postEntry(trx, {
    businessId: input.businessId,
    contactId: input.contactId,
    date,
    type: 'opening_balance',
    reference,
    locationId,
    debit: side === 'debit' ? amount : 0,
    credit: side === 'credit' ? amount : 0,
    memo: null,
    sourceType: 'opening_balance',
    sourceId: item.id,
    userId: input.userId,
  });
  return item;
}

/** Lets the items that settled the old opening balance settle the new one, oldest first. */
async function resettle(
  trx: Executor,
  item: OpenItem,
  freed: { otherItemId: string }[],
  date: string,
  userId: string | null,
) {
  for (const { otherItemId } of freed) {
    const fresh = await loadItem(trx, item.business_id, item.id);
    const other = await loadItem(trx, item.business_id, otherItemId);
    if (!fresh || !other || fresh.open_amount === 0) return;
    if (other.side === fresh.side || other.status === 'void' || other.open_amount === 0) continue;
    const amount = Math.min(fresh.open_amount, other.open_amount);
    const [debitId, creditId] = fresh.side === 'debit' ? [fresh.id, other.id] : [other.id, fresh.id];
    await allocate(trx, debitId, creditId, amount, date, userId, item.business_id);
  }
}
