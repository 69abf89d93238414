/**
 * Records a payment received from or paid to a contact. Without chosen
 * allocations the money settles open items oldest due date first, the
 * opening balance included; what is left is the contact's advance.
 */
import { todayIn } from '../ledger/dates.ts';
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission, resolveLocation } from '../ledger/actor.ts';
import { checkDate, parsePositiveAmount } from '../ledger/amounts.ts';
import { loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { IssueList } from '../shared/errors.ts';
import { postingOf } from './kinds.ts';
import { isUsableMethod } from './methods.ts';
import { parseChosen, resolveDirection } from './parse.ts';
import { readPayment, type PaymentView } from './payment-view.ts';
import { postPayment } from './post-payment.ts';
import type { PaymentInput } from './schemas.ts';
import { settleChosen, settleOldestFirst } from './settle.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { netOpenItems } from '../ledger/net-items.ts';

export async function recordPayment(trx: Executor, actor: Actor, input: PaymentInput): Promise<PaymentView> {
  requireActorPermission(actor, 'payment.create');
  const business = await loadBusiness(trx, actor.businessId);
  const contact = await loadVisibleContact(trx, actor, input.contactId);
  await lockContact(trx, actor.businessId, contact.id, actor);

  const issues = new IssueList();
  const amount = parsePositiveAmount(input.amount, business.currency, 'amount', issues);
  checkDate(input.date, 'date', issues, todayIn(business.timezone));
  if (!(await isUsableMethod(trx, actor.businessId, input.method))) {
    issues.add('method', 'unknown_payment_method', { value: input.method });
  }
  const direction = resolveDirection(contact, 'payment', input.direction, issues);
  const chosen = parseChosen(input.allocations, business.currency, 'allocations', issues);
  issues.throwIfAny();
  if (amount === null || direction === null) throw new Error('amount and direction failed without an issue');

  const locationId = await resolveLocation(trx, actor, input.locationId);
  const posted = await postPayment(trx, {
    businessId: actor.businessId,
    contactId: contact.id,
    kind: 'payment',
    direction,
    amount,
    method: input.method,
    date: input.date,
    locationId,
    externalReference: input.reference?.trim() || null,
    note: input.note?.trim() || null,
    documentId: null,
    userId: actor.userId,
  });
  const item = posted.item;
  if (!item) throw new Error(`payment ${posted.payment.id} has no open item`);
  const { settles } = postingOf('payment', direction);
  if (chosen) await settleChosen(trx, item, settles, chosen, input.date, actor.userId);
  else await settleOldestFirst(trx, item, settles, input.date, actor.userId);
  await netOpenItems(trx, actor.businessId, contact.id, actor.userId);
  await enqueueEventMessages(trx, { type: 'payment.recorded', businessId: actor.businessId, paymentId: posted.payment.id, contactId: contact.id });

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'payment',
    entityId: posted.payment.id,
    action: 'create',
    changes: { reference: posted.payment.number, contactId: contact.id, amount, method: input.method, direction },
  });
  return readPayment(trx, actor.businessId, posted.payment.id);
}
