/**
 * Pays money back: to a customer out of the credit it has (an unused
 * payment, a return's excess), or from a supplier out of what it owes back
 * (an unused prepayment, a purchase return's excess). A refund never exceeds
 * that credit. Paying a customer back adds debit, so the credit limit applies.
 */
import { todayIn } from '../ledger/dates.ts';
import { recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { checkCreditLimit, type CreditWarning } from '../documents/credit-limit.ts';
import { type Actor, requireActorPermission, resolveLocation } from '../ledger/actor.ts';
import { checkDate, parsePositiveAmount } from '../ledger/amounts.ts';
import { loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { IssueList } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { formatMoney } from '../shared/money.ts';
import { postingOf } from './kinds.ts';
import { isUsableMethod } from './methods.ts';
import { parseChosen, resolveDirection } from './parse.ts';
import { readPayment, type PaymentView } from './payment-view.ts';
import { postPayment } from './post-payment.ts';
import type { RefundInput } from './schemas.ts';
import { openTotal, settleChosen, settleOldestFirst } from './settle.ts';
import { netOpenItems } from '../ledger/net-items.ts';

export async function recordRefund(trx: Executor, actor: Actor, input: RefundInput): Promise<PaymentView> {
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
  const direction = resolveDirection(contact, 'refund', input.direction, issues);
  const chosen = parseChosen(input.sources, business.currency, 'sources', issues);
  issues.throwIfAny();
  if (amount === null || direction === null) throw new Error('amount and direction failed without an issue');

  const posting = postingOf('refund', direction);
  const available = await trx
    .selectFrom('open_items')
    .where('business_id', '=', actor.businessId)
    .where('contact_id', '=', contact.id)
    .where('status', '=', 'open')
    .where('side', '=', posting.side === 'debit' ? 'credit' : 'debit')
    .where('kind', 'in', posting.settles)
    .select('open_amount')
    .execute();
  if (amount > openTotal(available)) {
    issues.add('amount', 'refund_exceeds_credit', {
      available: formatMoney(openTotal(available), business.currency, actor.locale),
    });
    issues.throwIfAny();
  }

  if (chosen && chosen.reduce((sum, c) => sum + c.amount, 0) !== amount) {
    issues.add('sources', 'sources_total_mismatch');
    issues.throwIfAny();
  }

  const locationId = await resolveLocation(trx, actor, input.locationId);
  const paymentId = newId();
  // Paying a customer back uses up its advance, so its exposure grows by the amount.
  const warnings: CreditWarning[] =
    direction === 'paid'
      ? await checkCreditLimit(trx, actor, {
          business,
          contactId: contact.id,
          amount,
          override: input.creditLimitOverride,
          entity: { type: 'payment', id: paymentId },
        })
      : [];

  const posted = await postPayment(trx, {
    id: paymentId,
    businessId: actor.businessId,
    contactId: contact.id,
    kind: 'refund',
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
  if (!item) throw new Error(`refund ${paymentId} has no open item`);
  if (chosen) await settleChosen(trx, item, posting.settles, chosen, input.date, actor.userId, 'sources');
  else await settleOldestFirst(trx, item, posting.settles, input.date, actor.userId);
  await netOpenItems(trx, actor.businessId, contact.id, actor.userId);
  await enqueueEventMessages(trx, { type: 'balance.changed', businessId: actor.businessId, contactId: contact.id });

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'payment',
    entityId: paymentId,
    action: 'create',
    changes: { kind: 'refund', reference: posted.payment.number, contactId: contact.id, amount, direction },
  });
  return readPayment(trx, actor.businessId, paymentId, warnings);
}
