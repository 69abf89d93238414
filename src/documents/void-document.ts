/**
 * Voids a sale or purchase. A final one gets a reversal entry in the ledger
 * and its open item is closed: payments that settled it go back to being the
 * contact's advance. Nothing is deleted. A document with returns cannot be
 * voided, because the returns record goods that came back against it.
 */
import { recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { checkDate } from '../ledger/amounts.ts';
import { businessToday } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { itemOfSource, voidItem } from '../ledger/open-items.ts';
import { reverseEntry } from '../ledger/post-entry.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { loadDocumentRow, readDocument, type DocumentView } from './document-view.ts';
import { documentKinds, type DocumentType } from './kinds.ts';
import type { VoidInput } from './schemas.ts';
import { voidSaleLoyalty } from '../loyalty/void-loyalty.ts';
import { netOpenItems } from '../ledger/net-items.ts';

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
    await lockContact(trx, actor.businessId, document.contact_id);
    document = await loadDocumentRow(trx, actor.businessId, id, [type]);
  }
  if (document.status === 'void') {
    throw new AppError('document_status', { reference: document.number, status: document.status });
  }
  const issues = new IssueList();
  if (input.date) checkDate(input.date, 'date', issues);
  issues.throwIfAny();

  const returns = await trx
    .selectFrom('documents')
    .where('business_id', '=', actor.businessId)
    .where('parent_id', '=', id)
    .where('status', '=', 'final')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(returns.count) > 0) {
    throw new AppError('document_has_returns', { reference: document.number, count: Number(returns.count) });
  }

  const date = input.date ?? (await businessToday(trx, actor.businessId));
  const reason = input.reason?.trim() || null;
  if (document.status === 'final') await reverseDocument(trx, actor, document, date, reason);
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
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'document',
    entityId: id,
    action: 'void',
    changes: { from: document.status, reason, date },
  });
  return readDocument(trx, actor, id, [type]);
}

async function reverseDocument(
  trx: Executor,
  actor: Actor,
  document: { id: string; contact_id: string | null },
  date: string,
  reason: string | null,
) {
  if (document.contact_id === null) {
    // A walk-in sale has no ledger: the money taken with it is given back.
    await trx
      .updateTable('payments')
      .set({ status: 'reversed', reversed_at: nowIso(), reversed_by: actor.userId, reversal_reason: reason })
      .where('business_id', '=', actor.businessId)
      .where('document_id', '=', document.id)
      .where('status', '=', 'posted')
      .execute();
    return;
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
  if (item) await voidItem(trx, item, actor.userId);
}
