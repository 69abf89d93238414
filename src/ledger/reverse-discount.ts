/**
 * Reverses a manual discount (write-off): a reversal entry in the ledger,
 * the discount's allocations undone so the documents it wrote off are open
 * again, and its open item closed. Like every correction, nothing is deleted.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import { AppError, IssueList, notFound } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import { type Actor, requireActorPermission } from './actor.ts';
import { checkDate } from './amounts.ts';
import { businessToday, loadBusiness } from './business.ts';
import { netOpenItems } from './net-items.ts';
import { lockContact } from './contact-lock.ts';
import { itemOfSource, voidItem } from './open-items.ts';
import { reverseEntry } from './post-entry.ts';

export interface ReverseDiscountInput {
  reason: string;
  date?: string;
}

export interface ReversedDiscount {
  id: string;
  reference: string;
  amount: string;
  date: string;
  reason: string;
  /** The documents whose open amount came back, and by how much. */
  reopened: { itemId: string; amount: string }[];
}

export async function reverseDiscount(
  trx: Executor,
  actor: Actor,
  contactId: string,
  discountId: string,
  input: ReverseDiscountInput,
): Promise<ReversedDiscount> {
  requireActorPermission(actor, 'ledger.discount');
  const business = await loadBusiness(trx, actor.businessId);
  const contact = await loadVisibleContact(trx, actor, contactId);
  await lockContact(trx, actor.businessId, contact.id, actor);

  const item = await itemOfSource(trx, actor.businessId, 'discount', discountId);
  if (!item || item.contact_id !== contact.id) throw notFound('discount');
  if (item.status === 'void') throw new AppError('discount_already_reversed', { reference: item.reference });
  const today = await businessToday(trx, actor.businessId);
  const issues = new IssueList();
  if (input.date && checkDate(input.date, 'date', issues, today) && input.date < item.date) {
    issues.add('date', 'date_before_document', { value: input.date, date: item.date });
  }
  if (!input.reason.trim()) issues.add('reason', 'required');
  issues.throwIfAny();

  const date = input.date ?? today;
  const reason = input.reason.trim();
  const entry = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', actor.businessId)
    .where('source_type', '=', 'discount')
    .where('source_id', '=', discountId)
    .where('type', '=', 'discount')
    .selectAll()
    .executeTakeFirstOrThrow();
  await reverseEntry(trx, entry, date, reason, actor.userId);
  const undone = await voidItem(trx, item, actor.userId);
  // What the discount had settled is due again, and the contact's other credits settle it.
  await netOpenItems(trx, actor.businessId, contact.id, actor.userId);
  await enqueueEventMessages(trx, { type: 'balance.changed', businessId: actor.businessId, contactId: contact.id });

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: contact.id,
    action: 'reverse_discount',
    changes: { reference: item.reference, amount: Number(item.amount), reason, date },
  });
  const money = (minor: number) => formatDecimal(minor, business.currency);
  return {
    id: discountId,
    reference: item.reference,
    amount: money(Number(item.amount)),
    date,
    reason,
    reopened: undone.map((u) => ({ itemId: u.otherItemId, amount: money(Number(u.amount)) })),
  };
}
