/**
 * The extra permission a void needs. Voiding a final document reverses the
 * money tied to it: the payments taken with a walk-in sale, or the
 * allocations that settled the document or its returns, which go back to
 * being the contact's advance. Undoing money needs `payment.reverse`, so a
 * user with only `sale.create` or `purchase.create` may void a document
 * only while nothing has settled it.
 */
import type { Executor } from '../db/database.ts';
import { type Actor, can } from '../ledger/actor.ts';
import { AppError } from '../shared/errors.ts';

interface VoidedDocument {
  id: string;
  number: string;
  status: string;
  contact_id: string | null;
}

/**
 * Returns true when voiding the document would reverse a payment, or undo an
 * allocation between the document or one of its final returns and any other
 * item (a payment, a credit, an advance).
 */
export async function voidReversesMoney(
  db: Executor,
  businessId: string,
  document: VoidedDocument,
  returnIds: readonly string[],
): Promise<boolean> {
  if (document.status !== 'final') return false;
  const documentIds = [document.id, ...returnIds];

  if (document.contact_id === null) {
    const payment = await db
      .selectFrom('payments')
      .where('business_id', '=', businessId)
      .where('document_id', 'in', documentIds)
      .where('status', '=', 'posted')
      .select('id')
      .executeTakeFirst();
    return payment !== undefined;
  }

  // A return settling its own document moves no money, and the void undoes
  // both sides, so only allocations with an item outside the group count.
  const items = db
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('source_type', '=', 'document')
    .where('source_id', 'in', documentIds)
    .select('id');
  const allocation = await db
    .selectFrom('allocations')
    .where('business_id', '=', businessId)
    .where('undone_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('debit_item_id', 'in', items), eb('credit_item_id', 'not in', items)]),
        eb.and([eb('credit_item_id', 'in', items), eb('debit_item_id', 'not in', items)]),
      ]),
    )
    .select('id')
    .executeTakeFirst();
  return allocation !== undefined;
}

/** Throws `void_reverses_payments` (403) when the void would reverse money and the actor lacks `payment.reverse`. */
export async function requireVoidPermission(
  db: Executor,
  actor: Actor,
  document: VoidedDocument,
  returnIds: readonly string[],
): Promise<void> {
  if (can(actor, 'payment.reverse')) return;
  if (!(await voidReversesMoney(db, actor.businessId, document, returnIds))) return;
  throw new AppError('void_reverses_payments', { reference: document.number, permission: 'payment.reverse' }, [], {
    permission: 'payment.reverse',
  });
}
