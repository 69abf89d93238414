/**
 * Edits a parked sale or purchase before it is finalised: its date,
 * location, pay term, note and lines are replaced by the request's, priced
 * again for the customer's group. Only a parked document can change; a final
 * one reaches the ledger and is corrected by a return or a void. The contact
 * stays the same.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import type { ContactRow, DocumentTable } from '../db/schema.ts';
import { type Actor, requireActorPermission, resolveLocation } from '../ledger/actor.ts';
import { checkDate } from '../ledger/amounts.ts';
import { businessToday, loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { insertLines } from './create-document.ts';
import { loadDocumentRow, readDocument, type DocumentView } from './document-view.ts';
import { documentKinds, type DocumentType } from './kinds.ts';
import { dueDate, payTermOfRow } from './pay-terms.ts';
import { priceLines } from './price-lines.ts';
import type { EditParkedInput } from './schemas.ts';

export async function editParkedDocument(
  trx: Executor,
  actor: Actor,
  type: DocumentType,
  id: string,
  input: EditParkedInput,
): Promise<DocumentView> {
  requireActorPermission(actor, documentKinds[type].permission);
  const business = await loadBusiness(trx, actor.businessId);
  let before = await loadDocumentRow(trx, actor.businessId, id, [type]);
  let contact: ContactRow | null = null;
  if (before.contact_id) {
    contact = await loadVisibleContact(trx, actor, before.contact_id);
    await lockContact(trx, actor.businessId, before.contact_id, actor);
    before = await loadDocumentRow(trx, actor.businessId, id, [type]);
  }
  if (before.status !== 'parked') {
    throw new AppError('document_status', { reference: before.number, status: before.status });
  }

  const issues = new IssueList();
  checkDate(input.date, 'date', issues, await businessToday(trx, actor.businessId));
  const { lines, totals, complete } = await priceLines(
    trx,
    { businessId: actor.businessId, type, contact, currency: business.currency, lines: input.lines, redeemPoints: input.redeemPoints },
    issues,
  );
  if (complete && totals.total <= 0) issues.add('lines', 'total_not_positive');
  issues.throwIfAny();

  const locationId = input.locationId ? await resolveLocation(trx, actor, input.locationId) : before.location_id;
  let term = input.payTerm ?? null;
  if (input.payTerm === undefined && contact) term = payTermOfRow(contact);
  const changes: Partial<DocumentTable> = {
    date: input.date,
    location_id: locationId,
    pay_term_number: term?.number ?? null,
    pay_term_unit: term?.unit ?? null,
    pay_term_end_of_month: term?.endOfMonth ? 1 : 0,
    due_date: dueDate(input.date, term),
    subtotal: totals.subtotal,
    discount_total: totals.discountTotal,
    tax_total: totals.taxTotal,
    total: totals.total,
    note: input.note?.trim() || null,
    updated_at: nowIso(),
  };
  await trx.updateTable('documents').set(changes).where('business_id', '=', actor.businessId).where('id', '=', id).execute();
  await trx.deleteFrom('document_lines').where('business_id', '=', actor.businessId).where('document_id', '=', id).execute();
  await insertLines(trx, actor.businessId, id, lines);

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: id,
    action: 'update',
    changes: { fields: changedFields(before, changes), lines: lines.length },
  });
  return readDocument(trx, actor, id, [type]);
}

function changedFields(before: DocumentTable, after: Partial<DocumentTable>) {
  const fields = Object.keys(after).filter((key) => key !== 'updated_at') as (keyof DocumentTable)[];
  return fields
    .filter((field) => before[field] !== after[field])
    .map((field) => ({ field, from: before[field], to: after[field] }));
}
