/** The JSON form of a payment or refund with its live allocations. */
import type { Executor } from '../db/database.ts';
import { loadBusiness } from '../ledger/business.ts';
import { notFound } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import type { CreditWarning } from '../documents/credit-limit.ts';

export interface PaymentView {
  id: string;
  kind: string;
  direction: string;
  reference: string;
  contactId: string | null;
  amount: string;
  method: string;
  date: string;
  externalReference: string | null;
  note: string | null;
  locationId: string;
  documentId: string | null;
  status: string;
  allocations: { itemId: string; kind: string; reference: string; documentId: string | null; amount: string }[];
  advance: string;
  contactAdvance: string | null;
  reversedAt: string | null;
  reversalReason: string | null;
  createdAt: string;
  warnings: CreditWarning[];
}

export async function readPayment(
  db: Executor,
  businessId: string,
  id: string,
  warnings: CreditWarning[] = [],
): Promise<PaymentView> {
  const payment = await db
    .selectFrom('payments')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!payment) throw notFound('payment');
  const { currency } = await loadBusiness(db, businessId);
  const money = (minor: number) => formatDecimal(Number(minor), currency);

  const item = await db
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('source_type', '=', 'payment')
    .where('source_id', '=', id)
    .selectAll()
    .executeTakeFirst();
  const allocations = item ? await allocationsOf(db, businessId, item.id, item.side) : [];
  const contact = payment.contact_id
    ? await db.selectFrom('contacts').where('id', '=', payment.contact_id).select('advance').executeTakeFirst()
    : undefined;

  return {
    id: payment.id,
    kind: payment.kind,
    direction: payment.direction,
    reference: payment.number,
    contactId: payment.contact_id,
    amount: money(payment.amount),
    method: payment.method,
    date: payment.date,
    externalReference: payment.external_reference,
    note: payment.note,
    locationId: payment.location_id,
    documentId: payment.document_id,
    status: payment.status,
    allocations: allocations.map((a) => ({ ...a, amount: money(a.amount) })),
    advance: money(item ? Number(item.open_amount) : 0),
    contactAdvance: contact ? money(contact.advance) : null,
    reversedAt: payment.reversed_at,
    reversalReason: payment.reversal_reason,
    createdAt: payment.created_at,
    warnings,
  };
}

async function allocationsOf(db: Executor, businessId: string, itemId: string, side: string) {
  const own = side === 'debit' ? 'allocations.debit_item_id' : 'allocations.credit_item_id';
  const other = side === 'debit' ? 'allocations.credit_item_id' : 'allocations.debit_item_id';
  const rows = await db
    .selectFrom('allocations')
    .innerJoin('open_items', 'open_items.id', other)
    .where('allocations.business_id', '=', businessId)
    .where(own, '=', itemId)
    .where('allocations.undone_at', 'is', null)
    .orderBy('allocations.created_at')
    .orderBy('allocations.id')
    .select(['open_items.id', 'open_items.kind', 'open_items.reference', 'open_items.source_type', 'open_items.source_id', 'allocations.amount'])
    .execute();
  return rows.map((r) => ({
    itemId: r.id,
    kind: r.kind,
    reference: r.reference,
    documentId: r.source_type === 'document' ? r.source_id : null,
    amount: Number(r.amount),
  }));
}
