/** Brings a final sale, purchase or return into its contact's ledger. */
import type { Executor } from '../db/database.ts';
import type { DocumentTable } from '../db/schema.ts';
import type { EntryType } from '../ledger/kinds.ts';
import { createItem, type OpenItem } from '../ledger/open-items.ts';
import { postEntry } from '../ledger/post-entry.ts';
import type { Side } from '../ledger/kinds.ts';

/**
 * Posts the document's entry and creates its open item. A document with no
 * contact (a walk-in sale) has no ledger, so this returns null for it. It
 * also returns null for a document worth nothing, such as the return of a
 * line that discounts had brought to a cent or less, because that return
 * moves goods and no money.
 */
export async function postDocument(
  trx: Executor,
  document: DocumentTable,
  posting: { entryType: EntryType; side: Side },
  userId: string | null,
): Promise<OpenItem | null> {
  const amount = Number(document.total);
  if (document.contact_id === null || amount === 0) return null;
  const item = await createItem(trx, {
    businessId: document.business_id,
    contactId: document.contact_id,
    side: posting.side,
    kind: posting.entryType as Exclude<EntryType, 'reversal'>,
    sourceType: 'document',
    sourceId: document.id,
    reference: document.number,
    date: document.date,
    dueDate: document.due_date,
    locationId: document.location_id,
    amount,
  });
  await postEntry(trx, {
    businessId: document.business_id,
    contactId: document.contact_id,
    date: document.date,
    type: posting.entryType,
    reference: document.number,
    locationId: document.location_id,
    debit: posting.side === 'debit' ? amount : 0,
    credit: posting.side === 'credit' ? amount : 0,
    memo: document.note,
    sourceType: 'document',
    sourceId: document.id,
    userId,
  });
  return item;
}
