/**
 * Finalises a parked sale or purchase: the credit limit is checked again at
 * this moment, with the exposure of today, then the document is posted.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { contextOf } from './create-document.ts';
import { checkCreditLimit } from './credit-limit.ts';
import { loadDocumentRow, readDocument, type DocumentView } from './document-view.ts';
import { documentKinds, type DocumentType } from './kinds.ts';
import { postDocument } from './post-document.ts';
import type { FinaliseInput } from './schemas.ts';
import { parseTillPayments, takeTillPayments, tillTotal } from './till-payments.ts';
import { recordFinalSale } from '../loyalty/sale-loyalty.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { netOpenItems } from '../ledger/net-items.ts';
import { rejectCreditToInactive } from './inactive-contact.ts';
import type { ContactRow } from '../db/schema.ts';

export async function finaliseDocument(
  trx: Executor,
  actor: Actor,
  type: DocumentType,
  id: string,
  input: FinaliseInput,
): Promise<DocumentView> {
  const kind = documentKinds[type];
  requireActorPermission(actor, kind.permission);
  const business = await loadBusiness(trx, actor.businessId);
  let document = await loadDocumentRow(trx, actor.businessId, id, [type]);
  let contact: ContactRow | null = null;
  if (document.contact_id) {
    await loadVisibleContact(trx, actor, document.contact_id);
    contact = await lockContact(trx, actor.businessId, document.contact_id, actor);
    document = await loadDocumentRow(trx, actor.businessId, id, [type]);
  }
  if (document.status !== 'parked') {
    throw new AppError('document_status', { reference: document.number, status: document.status });
  }

  const issues = new IssueList();
  const payments = await parseTillPayments(trx, actor.businessId, business.currency, input.payments, issues);
  const paid = tillTotal(payments);
  if (paid > document.total) issues.add('payments', 'payments_exceed_total');
  else if (!document.contact_id && paid !== document.total) issues.add('payments', 'walk_in_must_pay_in_full');
  issues.throwIfAny();
  if (contact && type === 'sale') rejectCreditToInactive(contact, document.total - paid);

  const warnings =
    document.contact_id && type === 'sale'
      ? await checkCreditLimit(trx, actor, {
          business,
          contactId: document.contact_id,
          amount: document.total - paid,
          override: input.creditLimitOverride,
          entity: { type: 'document', id },
        })
      : [];

  const now = nowIso();
  await trx
    .updateTable('documents')
    .set({ status: 'final', finalised_at: now, updated_at: now })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', id)
    .execute();
  const item = await postDocument(trx, { ...document, status: 'final' }, kind, actor.userId);
  await takeTillPayments(trx, { ...contextOf(actor, document), kind }, item, payments);
  if (document.contact_id) await netOpenItems(trx, actor.businessId, document.contact_id, actor.userId);
  await recordFinalSale(trx, actor, document);
  await enqueueEventMessages(trx, { type: `${type}.finalised`, businessId: actor.businessId, documentId: id, contactId: document.contact_id });

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: id,
    action: 'finalise',
    changes: [{ field: 'status', from: 'parked', to: 'final' }],
  });
  return readDocument(trx, actor, id, [type], warnings);
}
