/**
 * Writes one payment or refund: its row and, for a contact, its ledger entry
 * and open item. Settling the item is the caller's next step.
 */
import type { Executor } from '../db/database.ts';
import type { PaymentTable } from '../db/schema.ts';
import { nextReference } from '../ledger/numbering.ts';
import { createItem, type OpenItem } from '../ledger/open-items.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { type Direction, type PaymentKind, postingOf } from './kinds.ts';

export interface NewPayment {
  /** Lets a caller know the id before the row exists, for an audit entry. */
  id?: string;
  businessId: string;
  contactId: string | null;
  kind: PaymentKind;
  direction: Direction;
  amount: number;
  method: string;
  date: string;
  locationId: string;
  externalReference: string | null;
  note: string | null;
  documentId: string | null;
  userId: string | null;
}

export interface PostedPayment {
  payment: PaymentTable;
  /** Null for the payment of a walk-in sale, which has no ledger. */
  item: OpenItem | null;
}

export async function postPayment(trx: Executor, input: NewPayment): Promise<PostedPayment> {
  const posting = postingOf(input.kind, input.direction);
  const number = await nextReference(trx, input.businessId, posting.entryType, input.date);
  const payment: PaymentTable = {
    id: input.id ?? newId(),
    business_id: input.businessId,
    contact_id: input.contactId,
    kind: input.kind,
    direction: input.direction,
    number,
    amount: input.amount,
    method: input.method,
    date: input.date,
    external_reference: input.externalReference,
    note: input.note,
    location_id: input.locationId,
    document_id: input.documentId,
    status: 'posted',
    created_by: input.userId,
    created_at: nowIso(),
    reversed_at: null,
    reversed_by: null,
    reversal_reason: null,
  };
  await trx.insertInto('payments').values(payment).execute();
  if (input.contactId === null) return { payment, item: null };

  const item = await createItem(trx, {
    businessId: input.businessId,
    contactId: input.contactId,
    side: posting.side,
    kind: posting.entryType,
    sourceType: 'payment',
    sourceId: payment.id,
    reference: number,
    date: input.date,
    dueDate: input.date,
    locationId: input.locationId,
    amount: input.amount,
  });
  await postEntry(trx, {
    businessId: input.businessId,
    contactId: input.contactId,
    date: input.date,
    type: posting.entryType,
    reference: number,
    locationId: input.locationId,
    debit: posting.side === 'debit' ? input.amount : 0,
    credit: posting.side === 'credit' ? input.amount : 0,
    memo: input.note,
    sourceType: 'payment',
    sourceId: payment.id,
    userId: input.userId,
  });
  return { payment, item };
}
