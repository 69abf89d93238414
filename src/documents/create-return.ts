/**
 * Records a return against a final sale or purchase. The return first lowers
 * the document's open amount. What exceeds it becomes the contact's advance,
 * or, when `refund` is asked for, is paid back at once: never both. Each line
 * gives back at most what is left of the sold or bought quantity.
 */
import { todayIn } from '../ledger/dates.ts';
import { recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import type { DocumentLineTable, DocumentTable } from '../db/schema.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { checkDate } from '../ledger/amounts.ts';
import { loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { nextReference } from '../ledger/numbering.ts';
import { allocate, itemOfSource, loadItem, type OpenItem } from '../ledger/open-items.ts';
import { isUsableMethod } from '../payments/methods.ts';
import { postPayment } from '../payments/post-payment.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { formatDecimal } from '../shared/money.ts';
import { insertLines } from './create-document.ts';
import { readDocument, loadDocumentRow, type ReturnView } from './document-view.ts';
import { documentKinds, type DocumentKind, type DocumentType } from './kinds.ts';
import { type ComputedLine, divideRounded, parseScaled, totalsOf } from './lines.ts';
import { postDocument } from './post-document.ts';
import type { ReturnInput } from './schemas.ts';
import { applyReturnLoyalty } from '../loyalty/return-loyalty.ts';
import { netOpenItems } from '../ledger/net-items.ts';

export interface ReturnResult extends ReturnView {
  parentId: string;
  /** The part of the return that lowered the document's open amount. */
  appliedToDocument: string;
  /** The part left as the contact's advance, once the contact's other open documents took what they could. */
  advance: string;
  refund: { paymentId: string; reference: string; amount: string; method: string } | null;
}

export async function createReturn(
  trx: Executor,
  actor: Actor,
  type: DocumentType,
  parentId: string,
  input: ReturnInput,
): Promise<ReturnResult> {
  const kind = documentKinds[type];
  requireActorPermission(actor, kind.permission);
  const business = await loadBusiness(trx, actor.businessId);
  let parent = await loadDocumentRow(trx, actor.businessId, parentId, [type]);
  if (parent.contact_id) {
    await loadVisibleContact(trx, actor, parent.contact_id);
    await lockContact(trx, actor.businessId, parent.contact_id, actor);
    parent = await loadDocumentRow(trx, actor.businessId, parentId, [type]);
  }
  if (parent.status !== 'final') {
    throw new AppError('document_status', { reference: parent.number, status: parent.status });
  }

  const issues = new IssueList();
  if (checkDate(input.date, 'date', issues, todayIn(business.timezone)) && input.date < parent.date) {
    issues.add('date', 'date_before_document', { value: input.date, date: parent.date });
  }
  const lines = await returnLines(trx, parent, input, issues);
  if (input.refund && !(await isUsableMethod(trx, actor.businessId, input.refund.method))) {
    issues.add('refund.method', 'unknown_payment_method', { value: input.refund.method });
  }
  if (!parent.contact_id && !input.refund) issues.add('refund', 'walk_in_refund_required');
  issues.throwIfAny();

  const document = await applyReturnLoyalty(trx, actor, parent, await insertReturn(trx, actor, kind, parent, input, lines));
  const item = await postDocument(trx, document, { entryType: kind.returnType, side: kind.side === 'debit' ? 'credit' : 'debit' }, actor.userId);
  const applied = item ? await applyToParent(trx, actor, item, parent.id, input.date) : 0;
  const excess = Number(document.total) - applied;
  const refund = input.refund && excess > 0 ? await refundExcess(trx, actor, kind, document, item, excess, input.refund.method) : null;
  if (parent.contact_id) await netOpenItems(trx, actor.businessId, parent.contact_id, actor.userId);
  const left = item ? ((await loadItem(trx, actor.businessId, item.id))?.open_amount ?? 0) : 0;
  if (parent.contact_id) await enqueueEventMessages(trx, { type: 'balance.changed', businessId: actor.businessId, contactId: parent.contact_id });

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: document.id,
    action: 'create',
    changes: { type: kind.returnType, reference: document.number, parentId, total: document.total, refund: refund?.amount ?? 0 },
  });

  const money = (minor: number) => formatDecimal(minor, business.currency);
  const view = await readDocument(trx, actor, parent.id, [type]);
  const returned = view.returns.find((r) => r.id === document.id);
  if (!returned) throw new Error(`return ${document.id} missing from its document`);
  return {
    ...returned,
    parentId: parent.id,
    appliedToDocument: money(applied),
    advance: money(Number(left)),
    refund: refund ? { ...refund, amount: money(refund.amount), method: input.refund!.method } : null,
  };
}

async function returnLines(trx: Executor, parent: DocumentTable, input: ReturnInput, issues: IssueList) {
  const sold = await trx
    .selectFrom('document_lines')
    .where('business_id', '=', parent.business_id)
    .where('document_id', '=', parent.id)
    .selectAll()
    .execute();
  const earlier = await trx
    .selectFrom('document_lines')
    .innerJoin('documents', 'documents.id', 'document_lines.document_id')
    .where('documents.business_id', '=', parent.business_id)
    .where('documents.parent_id', '=', parent.id)
    .where('documents.status', '=', 'final')
    .selectAll('document_lines')
    .execute();

  const computed: (ComputedLine & { returnedLineId: string })[] = [];
  input.lines.forEach((request, index) => {
    const path = `lines.${index}`;
    const line = sold.find((l) => l.id === request.lineId);
    if (!line) {
      issues.add(`${path}.lineId`, 'not_found_ref', { value: request.lineId });
      return;
    }
    const quantity = parseScaled(request.quantity, 3);
    if (quantity === null || quantity <= 0) {
      issues.add(`${path}.quantity`, 'invalid_quantity', { value: String(request.quantity) });
      return;
    }
    const before = [...earlier, ...computed.map(asLineRow)].filter((l) => l.returned_line_id === line.id);
    const remaining = Number(line.quantity_milli) - before.reduce((sum, l) => sum + Number(l.quantity_milli), 0);
    if (quantity > remaining) {
      issues.add(`${path}.quantity`, 'return_exceeds_sold', { value: String(request.quantity), remaining: remaining / 1000 });
      return;
    }
    computed.push(share(line, before, quantity, remaining, computed.length + 1));
  });
  return computed;
}

function asLineRow(line: ComputedLine & { returnedLineId: string }) {
  return {
    returned_line_id: line.returnedLineId,
    quantity_milli: line.quantityMilli,
    gross: line.gross,
    discount: line.discount,
    tax: line.tax,
    total: line.total,
  };
}

type ReturnedPart = { quantity_milli: number; gross: number; discount: number; tax: number; total: number };

/**
 * Computes the part of a line that `quantity` gives back, in proportion, as
 * a return line priced like the line (tax included or before tax). Giving
 * back all that is left takes exactly what earlier returns left over, so the
 * returns of a line never add up to more or less than the line.
 */
function share(
  line: DocumentLineTable,
  before: ReturnedPart[],
  quantity: number,
  remaining: number,
  position: number,
): ComputedLine & { returnedLineId: string } {
  const unitPriceWithTax = line.unit_price_with_tax === null || line.unit_price_with_tax === undefined ? null : Number(line.unit_price_with_tax);
  const amounts = unitPriceWithTax === null
    ? sharePricedBeforeTax(line, before, quantity, remaining)
    : shareTaxIncluded(line, before, quantity, remaining);
  return {
    position,
    productId: line.product_id,
    description: line.description,
    quantityMilli: quantity,
    unitPrice: Number(line.unit_price),
    unitPriceWithTax,
    discountBp: line.discount_bp,
    taxBp: line.tax_bp,
    ...amounts,
    returnedLineId: line.id,
  };
}

function sumOf(parts: ReturnedPart[], field: keyof ReturnedPart): number {
  return parts.reduce((sum, part) => sum + Number(part[field]), 0);
}

/** Shares gross, discount and tax of a line priced before tax, each in proportion to the quantity. */
function sharePricedBeforeTax(line: DocumentLineTable, before: ReturnedPart[], quantity: number, remaining: number) {
  const part = (field: 'gross' | 'discount' | 'tax') => {
    const whole = Number(line[field]);
    if (quantity === remaining) return whole - sumOf(before, field);
    return divideRounded(BigInt(whole) * BigInt(quantity), BigInt(line.quantity_milli));
  };
  const gross = part('gross');
  const discount = part('discount');
  const tax = part('tax');
  return { gross, discount, tax, total: gross - discount + tax };
}

/**
 * Shares a tax-included line by what the customer paid: the total, tax and
 * discount given back so far are each the line's amount times the quantity
 * returned so far over the quantity sold, rounded once. A return takes that
 * minus what earlier returns took, so the total given back never passes the
 * line's total, and the last return ends exactly on it. The gross is what
 * keeps gross - discount + tax = total.
 */
function shareTaxIncluded(line: DocumentLineTable, before: ReturnedPart[], quantity: number, remaining: number) {
  const sold = Number(line.quantity_milli);
  const returnedAfter = sold - remaining + quantity;
  const part = (field: 'total' | 'discount' | 'tax') => {
    const whole = Number(line[field]);
    const target = quantity === remaining ? whole : divideRounded(BigInt(whole) * BigInt(returnedAfter), BigInt(sold));
    return target - sumOf(before, field);
  };
  const total = part('total');
  const discount = part('discount');
  const tax = part('tax');
  return { gross: total - tax + discount, discount, tax, total };
}

async function insertReturn(
  trx: Executor,
  actor: Actor,
  kind: DocumentKind,
  parent: DocumentTable,
  input: ReturnInput,
  lines: (ComputedLine & { returnedLineId: string })[],
): Promise<DocumentTable> {
  const totals = totalsOf(lines);
  const now = nowIso();
  const document: DocumentTable = {
    id: newId(),
    business_id: actor.businessId,
    type: kind.returnType,
    number: await nextReference(trx, actor.businessId, kind.returnType, input.date),
    contact_id: parent.contact_id,
    location_id: parent.location_id,
    date: input.date,
    status: 'final',
    parent_id: parent.id,
    pay_term_number: null,
    pay_term_unit: null,
    pay_term_end_of_month: 0,
    due_date: input.date,
    subtotal: totals.subtotal,
    discount_total: totals.discountTotal,
    tax_total: totals.taxTotal,
    total: totals.total,
    note: input.note?.trim() || null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    finalised_at: now,
    voided_at: null,
    voided_by: null,
    void_reason: null,
  };
  await trx.insertInto('documents').values(document).execute();
  await insertLines(trx, actor.businessId, document.id, lines);
  return document;
}

/** Lowers the document's open amount by as much of the return as it can take. */
async function applyToParent(trx: Executor, actor: Actor, item: OpenItem, parentId: string, date: string): Promise<number> {
  const parentItem = await itemOfSource(trx, actor.businessId, 'document', parentId);
  if (!parentItem || parentItem.status !== 'open') return 0;
  const amount = Math.min(item.open_amount, parentItem.open_amount);
  if (amount <= 0) return 0;
  const [debitId, creditId] = item.side === 'debit' ? [item.id, parentItem.id] : [parentItem.id, item.id];
  await allocate(trx, debitId, creditId, amount, date, actor.userId, actor.businessId);
  return amount;
}

async function refundExcess(
  trx: Executor,
  actor: Actor,
  kind: DocumentKind,
  document: DocumentTable,
  item: OpenItem | null,
  amount: number,
  method: string,
) {
  const posted = await postPayment(trx, {
    businessId: actor.businessId,
    contactId: document.contact_id,
    kind: 'refund',
    direction: kind.refundDirection,
    amount,
    method,
    date: document.date,
    locationId: document.location_id,
    externalReference: null,
    note: null,
    documentId: document.id,
    userId: actor.userId,
  });
  if (item && posted.item) {
    const fresh = await loadItem(trx, actor.businessId, item.id);
    const [debitId, creditId] = posted.item.side === 'debit' ? [posted.item.id, item.id] : [item.id, posted.item.id];
    if (fresh) await allocate(trx, debitId, creditId, amount, document.date, actor.userId, actor.businessId);
  }
  return { paymentId: posted.payment.id, reference: posted.payment.number, amount };
}
