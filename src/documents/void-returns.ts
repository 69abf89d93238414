/**
 * The returns' part of voiding a document. Voiding a sale or purchase voids
 * its final returns first: each return gets a reversal entry and its open
 * item is closed, which undoes what it settled (the document, a refund of
 * its excess, later documents its credit paid). Money that moved stays
 * recorded. What comes open again is settled afterwards by the netting every
 * posting ends with, so a refund already paid out uses up the payments the
 * void freed instead of showing as a debt.
 */
import type { Executor } from '../db/database.ts';
import type { DocumentTable } from '../db/schema.ts';
import type { Actor } from '../ledger/actor.ts';
import { itemOfSource, type UndoneAllocation, voidItem } from '../ledger/open-items.ts';
import { reverseEntry } from '../ledger/post-entry.ts';
import { nowIso } from '../shared/ids.ts';

/** Final returns of a document, oldest first. */
export async function finalReturnsOf(trx: Executor, businessId: string, documentId: string): Promise<DocumentTable[]> {
  return trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('parent_id', '=', documentId)
    .where('status', '=', 'final')
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();
}

/**
 * Reverses every final return of a document and marks it void. Returns the
 * allocations undone on the way, whose other items may need settling again.
 */
export async function voidReturns(
  trx: Executor,
  actor: Actor,
  returns: DocumentTable[],
  date: string,
  reason: string | null,
): Promise<UndoneAllocation[]> {
  const undone: UndoneAllocation[] = [];
  for (const document of returns) {
    if (document.contact_id) undone.push(...(await reverseReturn(trx, actor, document, date, reason)));
    const now = nowIso();
    await trx
      .updateTable('documents')
      .set({ status: 'void', voided_at: now, voided_by: actor.userId, void_reason: reason, updated_at: now })
      .where('business_id', '=', actor.businessId)
      .where('id', '=', document.id)
      .execute();
  }
  return undone;
}

async function reverseReturn(trx: Executor, actor: Actor, document: DocumentTable, date: string, reason: string | null) {
  // A return worth nothing has no entry and no open item.
  const entry = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', actor.businessId)
    .where('source_type', '=', 'document')
    .where('source_id', '=', document.id)
    .where('type', '!=', 'reversal')
    .selectAll()
    .executeTakeFirst();
  if (!entry) return [];
  await reverseEntry(trx, entry, date, reason, actor.userId);
  const item = await itemOfSource(trx, actor.businessId, 'document', document.id);
  return item ? voidItem(trx, item, actor.userId) : [];
}
