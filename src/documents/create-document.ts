/**
 * Creates a sale or a purchase, parked or final. A final one is posted to
 * the contact's ledger with the payments taken with it. A walk-in sale (no
 * contact) has no ledger, so it must be paid in full at once.
 */
import { todayIn } from '../ledger/dates.ts';
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import type { ContactRow, DocumentTable } from '../db/schema.ts';
import { type Actor, requireActorPermission, resolveLocation } from '../ledger/actor.ts';
import { checkDate } from '../ledger/amounts.ts';
import { type BusinessSettings, loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { nextReference } from '../ledger/numbering.ts';
import { IssueList } from '../shared/errors.ts';
import { formatDecimal, MAX_AMOUNT_MINOR } from '../shared/money.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { checkCreditLimit, type CreditWarning } from './credit-limit.ts';
import { readDocument, type DocumentView } from './document-view.ts';
import { type DocumentKind, documentKinds, type DocumentType } from './kinds.ts';
import { type ComputedLine, totalsOf } from './lines.ts';
import { dueDate, type PayTerm, payTermOfRow } from './pay-terms.ts';
import { postDocument } from './post-document.ts';
import { priceLines } from './price-lines.ts';
import type { DocumentInput } from './schemas.ts';
import { parseTillPayments, takeTillPayments, tillTotal } from './till-payments.ts';
import { recordFinalSale } from '../loyalty/sale-loyalty.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { netOpenItems } from '../ledger/net-items.ts';
import { rejectCreditToInactive } from './inactive-contact.ts';

/** The origin of a document created by an import, kept on the document for the undo and the reader. */
export interface DocumentOrigin {
  importId: string;
  /** The sale's reference in the imported file. */
  sourceReference: string;
  /** A payment method that pays the final document in full, for files that give the method but not the amount. */
  paidInFullBy?: string | null;
}

export async function createDocument(
  trx: Executor,
  actor: Actor,
  type: DocumentType,
  input: DocumentInput,
  origin: DocumentOrigin | null = null,
): Promise<DocumentView> {
  const kind = documentKinds[type];
  requireActorPermission(actor, kind.permission);
  const business = await loadBusiness(trx, actor.businessId);

  const contact = input.contactId ? await loadVisibleContact(trx, actor, input.contactId) : null;
  if (contact) await lockContact(trx, actor.businessId, contact.id, actor);

  const issues = new IssueList();
  checkDate(input.date, 'date', issues, todayIn(business.timezone));
  checkContact(contact, kind, issues);
  const { lines, totals, complete } = await priceLines(
    trx,
    { businessId: actor.businessId, type, contact, currency: business.currency, lines: input.lines, redeemPoints: input.redeemPoints },
    issues,
  );
  const payments = origin?.paidInFullBy && complete && input.status === 'final'
    ? [{ amount: totals.total, method: origin.paidInFullBy }]
    : await parseTillPayments(trx, actor.businessId, business.currency, input.payments, issues);
  checkAmounts(
    input,
    contact,
    { total: complete ? totals.total : null, paid: tillTotal(payments), currency: business.currency },
    issues,
  );
  issues.throwIfAny();

  const locationId = await resolveLocation(trx, actor, input.locationId);
  let term = input.payTerm ?? null;
  if (input.payTerm === undefined && contact) term = payTermOfRow(contact);
  const id = newId();

  let warnings: CreditWarning[] = [];
  if (input.status === 'final' && contact && kind.type === 'sale') {
    rejectCreditToInactive(contact, totals.total - tillTotal(payments));
    warnings = await checkCreditLimit(trx, actor, {
      business,
      contactId: contact.id,
      amount: totals.total - tillTotal(payments),
      override: input.creditLimitOverride,
      entity: { type: 'document', id },
    });
  }

  const document = await insertDocument(trx, actor, business, {
    id,
    kind,
    input,
    contactId: contact?.id ?? null,
    locationId,
    term,
    lines,
    origin,
  });
  if (input.status === 'final') {
    const item = await postDocument(trx, document, kind, actor.userId);
    await takeTillPayments(trx, { ...contextOf(actor, document), kind }, item, payments);
    if (contact) await netOpenItems(trx, actor.businessId, contact.id, actor.userId);
    await recordFinalSale(trx, actor, document);
    await enqueueEventMessages(trx, { type: `${type}.finalised`, businessId: actor.businessId, documentId: id, contactId: document.contact_id });
  }

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: id,
    action: 'create',
    changes: {
      type,
      reference: document.number,
      status: document.status,
      total: document.total,
      contactId: document.contact_id,
      ...(origin ? { importId: origin.importId, sourceReference: origin.sourceReference } : {}),
    },
  });
  return readDocument(trx, actor, id, [type], warnings);
}

function checkContact(contact: ContactRow | null, kind: DocumentKind, issues: IssueList) {
  if (!contact) {
    if (kind.type === 'purchase') issues.add('contactId', 'required');
    return;
  }
  if (!kind.contactTypes.includes(contact.type)) {
    issues.add('contactId', kind.type === 'sale' ? 'contact_not_customer' : 'contact_not_supplier', { name: contact.name });
  }
}

function checkAmounts(
  input: DocumentInput,
  contact: ContactRow | null,
  amounts: { total: number | null; paid: number; currency: string },
  issues: IssueList,
) {
  const { total, paid, currency } = amounts;
  if (total === null) return;
  if (total > MAX_AMOUNT_MINOR) {
    issues.add('lines', 'total_too_large', { total: formatDecimal(total, currency), max: formatDecimal(MAX_AMOUNT_MINOR, currency) });
    return;
  }
  if (total <= 0) {
    issues.add('lines', 'total_not_positive');
    return;
  }
  if (input.status === 'parked' && paid > 0) issues.add('payments', 'parked_with_payments');
  if (paid > total) issues.add('payments', 'payments_exceed_total');
  // A parked walk-in sale is paid in full when it is finalised. An overpaid
  // one already has its issue above.
  else if (!contact && input.status === 'final' && paid !== total) issues.add('payments', 'walk_in_must_pay_in_full');
}

export function contextOf(actor: Actor, document: DocumentTable) {
  return {
    businessId: actor.businessId,
    contactId: document.contact_id,
    documentId: document.id,
    date: document.date,
    locationId: document.location_id,
    userId: actor.userId,
  };
}

async function insertDocument(
  trx: Executor,
  actor: Actor,
  business: BusinessSettings,
  draft: {
    id: string;
    kind: DocumentKind;
    input: DocumentInput;
    contactId: string | null;
    locationId: string;
    term: PayTerm | null;
    lines: ComputedLine[];
    origin: DocumentOrigin | null;
  },
): Promise<DocumentTable> {
  const now = nowIso();
  const totals = totalsOf(draft.lines);
  const document: DocumentTable = {
    id: draft.id,
    business_id: business.id,
    type: draft.kind.type,
    number: await nextReference(trx, business.id, draft.kind.type, draft.input.date),
    contact_id: draft.contactId,
    location_id: draft.locationId,
    date: draft.input.date,
    status: draft.input.status,
    parent_id: null,
    pay_term_number: draft.term?.number ?? null,
    pay_term_unit: draft.term?.unit ?? null,
    pay_term_end_of_month: draft.term?.endOfMonth ? 1 : 0,
    due_date: dueDate(draft.input.date, draft.term),
    subtotal: totals.subtotal,
    discount_total: totals.discountTotal,
    tax_total: totals.taxTotal,
    total: totals.total,
    note: draft.input.note?.trim() || null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    finalised_at: draft.input.status === 'final' ? now : null,
    voided_at: null,
    voided_by: null,
    void_reason: null,
    import_id: draft.origin?.importId ?? null,
    source_reference: draft.origin?.sourceReference ?? null,
  };
  await trx.insertInto('documents').values(document).execute();
  await insertLines(trx, business.id, document.id, draft.lines);
  return document;
}

export async function insertLines(
  trx: Executor,
  businessId: string,
  documentId: string,
  lines: (ComputedLine & { returnedLineId?: string | null })[],
): Promise<void> {
  for (const line of lines) {
    await trx
      .insertInto('document_lines')
      .values({
        id: newId(),
        business_id: businessId,
        document_id: documentId,
        position: line.position,
        product_id: line.productId,
        description: line.description,
        quantity_milli: line.quantityMilli,
        unit_price: line.unitPrice,
        unit_price_with_tax: line.unitPriceWithTax ?? null,
        discount_bp: line.discountBp,
        tax_bp: line.taxBp,
        gross: line.gross,
        discount: line.discount,
        tax: line.tax,
        total: line.total,
        returned_line_id: line.returnedLineId ?? null,
        list_price: line.listPrice ?? null,
        group_discount: line.groupDiscount ?? 0,
        loyalty_points: line.loyaltyPoints ?? null,
      })
      .execute();
  }
}
