import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LedgerEntryTable } from '../db/schema.ts';
import { assertMinor } from '../shared/money.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { deferredFiguresOf } from './deferred-figures.ts';
import { addToLedgerTotals, totalsPeriods } from './ledger-totals.ts';
import type { EntryType, SourceType } from './kinds.ts';

export interface NewEntry {
  businessId: string;
  contactId: string;
  date: string;
  type: EntryType;
  reference: string;
  locationId: string;
  debit: number;
  credit: number;
  memo: string | null;
  sourceType: SourceType;
  sourceId: string;
  reversesEntryId?: string | null;
  userId: string | null;
}

export interface PostedEntry {
  id: string;
  seq: number;
}

/**
 * Appends one entry to a contact's ledger, adds it to the day and month
 * totals, and moves the cached balance by debit minus credit. While the
 * contact's figures are deferred (deferred-figures.ts), the totals and the
 * balance change go to the transaction's pending amounts instead. The
 * caller holds the contact's lock (`lockContact`), which makes the next
 * sequence number and the increments safe.
 */
export async function postEntry(trx: Executor, entry: NewEntry): Promise<PostedEntry> {
  assertMinor(entry.debit);
  assertMinor(entry.credit);
  if (entry.debit < 0 || entry.credit < 0) throw new RangeError('debit and credit must not be negative');

  const last = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', entry.businessId)
    .where('contact_id', '=', entry.contactId)
    .select(sql<number>`cast(coalesce(max(seq), 0) as bigint)`.as('seq'))
    .executeTakeFirstOrThrow();
  const seq = Number(last.seq) + 1;
  const id = newId();

  const row: LedgerEntryTable = {
    id,
    business_id: entry.businessId,
    contact_id: entry.contactId,
    seq,
    date: entry.date,
    type: entry.type,
    reference: entry.reference,
    location_id: entry.locationId,
    debit: entry.debit,
    credit: entry.credit,
    memo: entry.memo,
    source_type: entry.sourceType,
    source_id: entry.sourceId,
    reverses_entry_id: entry.reversesEntryId ?? null,
    created_by: entry.userId,
    created_at: nowIso(),
  };
  await trx.insertInto('ledger_entries').values(row).execute();
  if (deferredFiguresOf(trx)?.addEntry(entry)) return { id, seq };

  for (const [granularity, period] of totalsPeriods(entry.date)) {
    await addToLedgerTotals(trx, {
      business_id: entry.businessId,
      contact_id: entry.contactId,
      granularity,
      period,
      location_id: entry.locationId,
      debit: entry.debit,
      credit: entry.credit,
      entries: 1,
    });
  }
  await trx
    .updateTable('contacts')
    .set({ balance: sql`balance + ${entry.debit - entry.credit}` })
    .where('business_id', '=', entry.businessId)
    .where('id', '=', entry.contactId)
    .execute();
  return { id, seq };
}

/**
 * Posts the mirror of an entry (debit and credit swapped) with type
 * `reversal`, dated `date`, and returns it.
 */
export async function reverseEntry(
  trx: Executor,
  original: { id: string; business_id: string; contact_id: string; reference: string; location_id: string;
    debit: number; credit: number; source_type: string; source_id: string },
  date: string,
  memo: string | null,
  userId: string | null,
): Promise<PostedEntry> {
  return postEntry(trx, {
    businessId: original.business_id,
    contactId: original.contact_id,
    date,
    type: 'reversal',
    reference: original.reference,
    locationId: original.location_id,
    debit: original.credit,
    credit: original.debit,
    memo,
    sourceType: original.source_type as SourceType,
    sourceId: original.source_id,
    reversesEntryId: original.id,
    userId,
  });
}
