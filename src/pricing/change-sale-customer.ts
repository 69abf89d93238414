/**
 * Changes or clears the customer of a parked sale. The sale is repriced for
 * the new customer's group (or for none), and a points redemption made for
 * the previous customer is dropped. The pay term becomes the new customer's
 * (none for a walk-in sale) unless the request gives one, and the due date
 * follows it. Final and void sales keep their customer, because their
 * ledger entries and points already belong to it.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import type { DocumentTable } from '../db/schema.ts';
import { readDocument, type DocumentView } from '../documents/document-view.ts';
import { dueDate, type PayTerm, payTermOfRow } from '../documents/pay-terms.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { requireVisibleRecord } from '../ledger/record-visibility.ts';
import { isPostgres } from '../ledger/engine.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { repriceParkedSale } from './reprice-sale.ts';

export interface SaleCustomerChange {
  contactId: string | null;
  /** Absent, the new customer's term (none without a customer). Null, due on the sale's date. */
  payTerm?: PayTerm | null;
}

export async function changeSaleCustomer(
  trx: Executor,
  actor: Actor,
  documentId: string,
  change: SaleCustomerChange,
): Promise<DocumentView> {
  const { contactId } = change;
  requireActorPermission(actor, 'sale.create');
  const before = await readSale(trx, actor.businessId, documentId, false);
  await requireVisibleRecord(trx, actor, before.contact_id, 'document');
  const contact = contactId ? await loadVisibleContact(trx, actor, contactId) : null;
  if (contact?.type === 'supplier') {
    throw invalid([{ path: 'contactId', code: 'contact_not_customer', params: { name: contact.name } }]);
  }

  // Finalising locks the sale's contact first, so this change takes the
  // contact locks before the sale's row, in id order between the two.
  const contactIds = [...new Set([before.contact_id, contact?.id].filter((id): id is string => Boolean(id)))].sort();
  for (const id of contactIds) await lockContact(trx, actor.businessId, id, actor);
  const document = await readSale(trx, actor.businessId, documentId, true);
  if (document.status !== 'parked') {
    throw new AppError('document_status', { reference: document.number, status: document.status });
  }
  if (document.contact_id !== before.contact_id) {
    throw new AppError('sale_customer_changed', { reference: document.number });
  }

  const previous = document.contact_id;
  const customerChanged = previous !== (contact?.id ?? null);
  let term: PayTerm | null | undefined = change.payTerm;
  if (term === undefined && customerChanged) term = contact ? payTermOfRow(contact) : null;
  if (!customerChanged && term === undefined) return readDocument(trx, actor, documentId, ['sale']);

  if (customerChanged) await repriceParkedSale(trx, actor.businessId, documentId, contact);
  const changes: Partial<DocumentTable> = { contact_id: contact?.id ?? null, updated_at: nowIso() };
  if (term !== undefined) {
    Object.assign(changes, {
      pay_term_number: term?.number ?? null,
      pay_term_unit: term?.unit ?? null,
      pay_term_end_of_month: term?.endOfMonth ? 1 : 0,
      due_date: dueDate(document.date, term),
    });
  }
  await trx
    .updateTable('documents')
    .set(changes)
    .where('business_id', '=', actor.businessId)
    .where('id', '=', documentId)
    .execute();
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: documentId,
    action: 'update',
    changes: changedFields(document, changes),
  });
  return readDocument(trx, actor, documentId, ['sale']);
}

const auditedFields = {
  contact_id: 'contactId',
  pay_term_number: 'payTerm.number',
  pay_term_unit: 'payTerm.unit',
  pay_term_end_of_month: 'payTerm.endOfMonth',
  due_date: 'dueDate',
} as const;

/** Lists the audited fields that the change gives a new value, with their values before and after. */
function changedFields(before: Pick<DocumentTable, keyof typeof auditedFields>, after: Partial<DocumentTable>) {
  return (Object.keys(auditedFields) as (keyof typeof auditedFields)[])
    .filter((column) => column in after && after[column] !== before[column])
    .map((column) => ({ field: auditedFields[column], from: before[column], to: after[column] }));
}

/** Reads the sale; with `lock` on PostgreSQL, also locks its row until the transaction ends. */
async function readSale(trx: Executor, businessId: string, id: string, lock: boolean) {
  let query = trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('type', '=', 'sale')
    .select(['id', 'number', 'status', 'contact_id', 'date', 'pay_term_number', 'pay_term_unit', 'pay_term_end_of_month', 'due_date']);
  if (lock && isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('document');
  return row;
}
