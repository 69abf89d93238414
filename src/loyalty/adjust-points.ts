/**
 * A manual change of a customer's points, with a reason, kept in the audit
 * log. Points added form a lot that expires like earned points; points
 * removed are taken soonest-expiring first and never below zero.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { todayIn } from '../ledger/dates.ts';
import { IssueList } from '../shared/errors.ts';
import { addLot, expireContactLots, type MovementInput, takePoints, usableBalance } from './lots.ts';
import { expiryDateOf, loadSettings } from './settings.ts';

export interface Adjustment {
  points: number;
  reason: string;
}

export async function adjustPoints(trx: Executor, actor: Actor, contactId: string, input: Adjustment): Promise<{ points: number }> {
  requireActorPermission(actor, 'loyalty.adjust');
  const contact = await loadVisibleContact(trx, actor, contactId);
  await lockContact(trx, actor.businessId, contact.id, actor);
  const business = await loadBusiness(trx, actor.businessId);
  const today = todayIn(business.timezone);
  await expireContactLots(trx, actor.businessId, contact.id, today);
  const before = await usableBalance(trx, actor.businessId, contact.id, today);

  const issues = new IssueList();
  const reason = input.reason.trim();
  if (contact.type === 'supplier') issues.add('contactId', 'contact_not_customer', { name: contact.name });
  if (!Number.isSafeInteger(input.points) || input.points === 0) issues.add('points', 'invalid_value', { value: String(input.points) });
  if (input.points < 0 && -input.points > before) {
    issues.add('points', 'loyalty_exceeds_balance', { points: -input.points, balance: before });
  }
  if (!reason) issues.add('reason', 'required');
  issues.throwIfAny();

  const movement: MovementInput = {
    businessId: actor.businessId,
    contactId: contact.id,
    date: today,
    type: 'adjust',
    reason,
    userId: actor.userId,
  };
  if (input.points > 0) {
    const settings = await loadSettings(trx, actor.businessId, business.currency);
    await addLot(trx, movement, input.points, expiryDateOf(settings, today));
  } else {
    await takePoints(trx, movement, -input.points, today);
  }
  const after = await usableBalance(trx, actor.businessId, contact.id, today);
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: contact.id,
    action: 'loyalty_adjust',
    changes: { points: input.points, reason, balanceBefore: before, balanceAfter: after },
  });
  return { points: after };
}
