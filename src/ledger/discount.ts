/**
 * A manual discount (write-off) on a contact, with a reason. A customer
 * discount is a credit that settles open sales and a positive opening
 * balance. A supplier discount is a debit that settles open purchases and a
 * negative opening balance. Either settles oldest due date first and never
 * exceeds what is open.
 */
import { todayIn } from './dates.ts';
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { settleOldestFirst, counterparts, openTotal } from '../payments/settle.ts';
import { invalid, IssueList } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { formatDecimal, formatMoney } from '../shared/money.ts';
import { type Actor, requireActorPermission, resolveLocation } from './actor.ts';
import { checkDate, parsePositiveAmount } from './amounts.ts';
import { loadBusiness } from './business.ts';
import { lockContact } from './contact-lock.ts';
import { defaultSide, type ItemKind, type Side } from './kinds.ts';
import { nextReference } from './numbering.ts';
import { createItem } from './open-items.ts';
import { postEntry } from './post-entry.ts';
import { netOpenItems } from './net-items.ts';

export interface DiscountInput {
  amount: string;
  date: string;
  reason: string;
  side?: 'sale' | 'purchase';
  locationId?: string;
}

export interface DiscountView {
  id: string;
  reference: string;
  amount: string;
  date: string;
  reason: string;
  side: 'sale' | 'purchase';
  allocations: { itemId: string; reference: string; documentId: string | null; amount: string }[];
}

const settles: readonly ItemKind[] = ['sale', 'purchase', 'opening_balance'];

export async function recordDiscount(trx: Executor, actor: Actor, contactId: string, input: DiscountInput): Promise<DiscountView> {
  requireActorPermission(actor, 'ledger.discount');
  const business = await loadBusiness(trx, actor.businessId);
  const contact = await loadVisibleContact(trx, actor, contactId);
  await lockContact(trx, actor.businessId, contactId, actor);

  const sideName = input.side ?? defaultSide(contact.type);
  if (!sideName) throw invalid([{ path: 'side', code: 'side_required' }]);
  const issues = new IssueList();
  const amount = parsePositiveAmount(input.amount, business.currency, 'amount', issues);
  checkDate(input.date, 'date', issues, todayIn(business.timezone));
  if (!input.reason.trim()) issues.add('reason', 'required');
  issues.throwIfAny();
  if (amount === null) throw new Error('amount failed without an issue');

  // A customer discount is a credit against debit items, a supplier one the reverse.
  const side: Side = sideName === 'sale' ? 'credit' : 'debit';
  const id = newId();
  const due = openTotal(await counterparts(trx, { business_id: actor.businessId, contact_id: contactId, side }, settles));
  if (amount > due) {
    issues.add('amount', 'discount_exceeds_due', { available: formatMoney(due, business.currency, actor.locale) });
    issues.throwIfAny();
  }

  const locationId = await resolveLocation(trx, actor, input.locationId);
  const reference = await nextReference(trx, actor.businessId, 'discount', input.date);
  const reason = input.reason.trim();
  const item = await createItem(trx, {
    id,
    businessId: actor.businessId,
    contactId,
    side,
    kind: 'discount',
    sourceType: 'discount',
    sourceId: id,
    reference,
    date: input.date,
    dueDate: input.date,
    locationId,
    amount,
  });
  await postEntry(trx, {
    businessId: actor.businessId,
    contactId,
    date: input.date,
    type: 'discount',
    reference,
    locationId,
    debit: side === 'debit' ? amount : 0,
    credit: side === 'credit' ? amount : 0,
    memo: reason,
    sourceType: 'discount',
    sourceId: id,
    userId: actor.userId,
  });
  const allocations = await settleOldestFirst(trx, item, settles, input.date, actor.userId);
  await netOpenItems(trx, actor.businessId, contactId, actor.userId);

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: contactId,
    action: 'discount',
    changes: { reference, amount, reason, side: sideName },
  });
  return {
    id,
    reference,
    amount: formatDecimal(amount, business.currency),
    date: input.date,
    reason,
    side: sideName,
    allocations: allocations.map((a) => ({
      itemId: a.itemId,
      reference: a.reference,
      documentId: a.sourceType === 'document' ? a.sourceId : null,
      amount: formatDecimal(a.amount, business.currency),
    })),
  };
}
