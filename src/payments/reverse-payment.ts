/**
 * Reverses a payment or refund: a reversal entry in the ledger, its
 * allocations undone (the documents it settled are open again), and the
 * payment marked reversed. This is the only way to delete or correct one: a
 * correction is a reversal followed by a new payment.
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
import { AppError, IssueList, notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { readPayment, type PaymentView } from './payment-view.ts';
import type { ReverseInput } from './schemas.ts';
import { netOpenItems } from '../ledger/net-items.ts';

export async function reversePayment(trx: Executor, actor: Actor, id: string, input: ReverseInput): Promise<PaymentView> {
  requireActorPermission(actor, 'payment.reverse');
  const payment = await loadPaymentRow(trx, actor.businessId, id);
  if (payment.contact_id === null) throw new AppError('payment_not_reversible', { reference: payment.number });
  await loadVisibleContact(trx, actor, payment.contact_id);
  await lockContact(trx, actor.businessId, payment.contact_id, actor);

  const current = await loadPaymentRow(trx, actor.businessId, id);
  if (current.status !== 'posted') throw new AppError('payment_already_reversed', { reference: current.number });
  const issues = new IssueList();
  const today = await businessToday(trx, actor.businessId);
  if (input.date) checkDate(input.date, 'date', issues, today);
  issues.throwIfAny();

  // NOTE: a reversal re-opens what the payment settled without a credit limit
  // check, because it records a fact (a bounced cheque) that cannot be refused.
  const date = input.date ?? today;
  const entry = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', actor.businessId)
    .where('source_type', '=', 'payment')
    .where('source_id', '=', id)
    .where('type', '!=', 'reversal')
    .selectAll()
    .executeTakeFirstOrThrow();
  await reverseEntry(trx, entry, date, input.reason, actor.userId);
  const item = await itemOfSource(trx, actor.businessId, 'payment', id);
  if (item) await voidItem(trx, item, actor.userId);
  await netOpenItems(trx, actor.businessId, payment.contact_id, actor.userId);
  if (current.contact_id) await enqueueEventMessages(trx, { type: 'balance.changed', businessId: actor.businessId, contactId: current.contact_id });

  await trx
    .updateTable('payments')
    .set({ status: 'reversed', reversed_at: nowIso(), reversed_by: actor.userId, reversal_reason: input.reason })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', id)
    .execute();
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'payment',
    entityId: id,
    action: 'reverse',
    changes: { reference: current.number, amount: current.amount, reason: input.reason, date },
  });
  return readPayment(trx, actor.businessId, id);
}

async function loadPaymentRow(trx: Executor, businessId: string, id: string) {
  const row = await trx
    .selectFrom('payments')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('payment');
  return row;
}
