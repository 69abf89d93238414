/**
 * Voids a sale or purchase. A final one gets a reversal entry in the ledger
 * and its open item is closed: payments that settled it go back to being the
 * contact's advance. Nothing is deleted. Its final returns are voided
 * first, the same way (see void-returns.ts), then the refunds and documents
 * they had settled are settled again against the credit left.
 */
import { recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { checkDate } from '../ledger/amounts.ts';
import { businessToday } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { itemOfSource, type UndoneAllocation, voidItem } from '../ledger/open-items.ts';
import { reverseEntry } from '../ledger/post-entry.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { loadDocumentRow, readDocument, type DocumentView } from './document-view.ts';
import { documentKinds, type DocumentType } from './kinds.ts';
import type { VoidInput } from './schemas.ts';
import { voidSaleLoyalty } from '../loyalty/void-loyalty.ts';
import { finalReturnsOf, voidReturns } from './void-returns.ts';
import { netOpenItems } from '../ledger/net-items.ts';
import { refreshLastSale } from '../contacts/merge/contact-figures.ts';
import { requireVoidPermission } from './void-permission.ts';

export async function voidDocument(
  trx: Executor,
  actor: Actor,
  type: DocumentType,
  id: string,
  input: VoidInput,
): Promise<DocumentView> {
  requireActorPermission(actor, documentKinds[type].permission);
  let document = await loadDocumentRow(trx, actor.businessId, id, [type]);
  if (document.contact_id) {
    await loadVisibleContact(trx, actor, document.contact_id);
    await lockContact(trx, actor.businessId, document.contact_id, actor);
    document = await loadDocumentRow(trx, actor.businessId, id, [type]);
  }
  if (document.status === 'void') {
    throw new AppError('document_status', { reference: document.number, status: document.status });
  }
  const issues = new IssueList();
  const today = await businessToday(trx, actor.businessId);
  if (input.date) checkDate(input.date, 'date', issues, today);
  issues.throwIfAny();

  const date = input.date ?? today;
  const reason = input.reason?.trim() || null;
  const returns = await finalReturnsOf(trx, actor.businessId, id);
  await requireVoidPermission(trx, actor, document, returns.map((r) => r.id));
  await voidReturns(trx, actor, returns, date, reason);
  if (document.status === 'final') await reverseDocument(trx, actor, document, returns, date, reason);
  if (document.contact_id) await netOpenItems(trx, actor.businessId, document.contact_id, actor.userId);
  await voidSaleLoyalty(trx, actor, document, date, reason);
  if (document.status === 'final' && document.contact_id) {
    await enqueueEventMessages(trx, { type: 'balance.changed', businessId: actor.businessId, contactId: document.contact_id });
  }

  const now = nowIso();
  await trx
    .updateTable('documents')
    .set({ status: 'void', voided_at: now, voided_by: actor.userId, void_reason: reason, updated_at: now })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', id)
    .execute();
  if (type === 'sale' && document.status === 'final' && document.contact_id) {
    await refreshLastSale(trx, actor.businessId, document.contact_id);
  }
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: id,
    action: 'void',
    changes: { from: document.status, reason, date, returns: returns.map((r) => r.number) },
  });
  return readDocument(trx, actor, id, [type]);
}

async function reverseDocument(
  trx: Executor,
  actor: Actor,
  document: { id: string; contact_id: string | null },
  returns: { id: string }[],
  date: string,
  reason: string | null,
): Promise<UndoneAllocation[]> {
  if (document.contact_id === null) {
    // A walk-in sale has no ledger: the money taken with it is given back,
    // less what its returns refunded, whose refunds are reversed with it.
    await trx
      .updateTable('payments')
      .set({ status: 'reversed', reversed_at: nowIso(), reversed_by: actor.userId, reversal_reason: reason })
      .where('business_id', '=', actor.businessId)
      .where('document_id', 'in', [document.id, ...returns.map((r) => r.id)])
      .where('status', '=', 'posted')
      .execute();
    return [];
  }
  const entry = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', actor.businessId)
    .where('source_type', '=', 'document')
    .where('source_id', '=', document.id)
    .where('type', '!=', 'reversal')
    .selectAll()
    .executeTakeFirstOrThrow();
  await reverseEntry(trx, entry, date, reason, actor.userId);
  const item = await itemOfSource(trx, actor.businessId, 'document', document.id);
  return item ? voidItem(trx, item, actor.userId) : [];
}
