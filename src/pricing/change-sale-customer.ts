/**
 * Changes or clears the customer of a parked sale. The sale is repriced for
 * the new customer's group (or for none), and a points redemption made for
 * the previous customer is dropped. Final and void sales keep their customer,
 * because their ledger entries and points already belong to it.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { readDocument, type DocumentView } from '../documents/document-view.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { isPostgres } from '../ledger/engine.ts';
import { AppError, invalid, notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { repriceParkedSale } from './reprice-sale.ts';

export async function changeSaleCustomer(
  trx: Executor,
  actor: Actor,
  documentId: string,
  contactId: string | null,
): Promise<DocumentView> {
  requireActorPermission(actor, 'sale.create');
  const before = await readSale(trx, actor.businessId, documentId, false);
  const contact = contactId ? await loadVisibleContact(trx, actor, contactId) : null;
  if (contact?.type === 'supplier') {
    throw invalid([{ path: 'contactId', code: 'contact_not_customer', params: { name: contact.name } }]);
  }

  // Finalising locks the sale's contact first, so this change takes the
  // contact locks before the sale's row, in id order between the two.
  const contactIds = [...new Set([before.contact_id, contact?.id].filter((id): id is string => Boolean(id)))].sort();
  for (const id of contactIds) await lockContact(trx, actor.businessId, id);
  const document = await readSale(trx, actor.businessId, documentId, true);
  if (document.status !== 'parked') {
    throw new AppError('document_status', { reference: document.number, status: document.status });
  }
  if (document.contact_id !== before.contact_id) {
    throw new AppError('sale_customer_changed', { reference: document.number });
  }

  const previous = document.contact_id;
  if (previous !== (contact?.id ?? null)) {
    await repriceParkedSale(trx, actor.businessId, documentId, contact);
    await trx
      .updateTable('documents')
      .set({ contact_id: contact?.id ?? null, updated_at: nowIso() })
      .where('business_id', '=', actor.businessId)
      .where('id', '=', documentId)
      .execute();
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'document',
      entityId: documentId,
      action: 'update',
      changes: [{ field: 'contactId', from: previous, to: contact?.id ?? null }],
    });
  }
  return readDocument(trx, actor, documentId, ['sale']);
}

/** Reads the sale; with `lock` on PostgreSQL, also locks its row until the transaction ends. */
async function readSale(trx: Executor, businessId: string, id: string, lock: boolean) {
  let query = trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('type', '=', 'sale')
    .select(['id', 'number', 'status', 'contact_id']);
  if (lock && isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('document');
  return row;
}
