/**
 * Applies the credit a contact has (unused payments, returns' excess) to
 * its open documents: oldest due date first, or to the documents chosen,
 * always using the oldest credit first.
 */
import { recordAudit } from '../auth/audit.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { businessToday, loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { defaultSide, type ItemKind, type Side } from '../ledger/kinds.ts';
import { allocate, loadItem, type OpenItem } from '../ledger/open-items.ts';
import { invalid, IssueList } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import { parseChosen } from './parse.ts';
import type { ApplyAdvanceInput } from './schemas.ts';

interface AdvanceSide {
  /** Side of the documents being settled. */
  documentSide: Side;
  creditKinds: readonly ItemKind[];
  documentKinds: readonly ItemKind[];
}

const sides: Record<'sale' | 'purchase', AdvanceSide> = {
  sale: { documentSide: 'debit', creditKinds: ['payment_received', 'sale_return'], documentKinds: ['sale', 'opening_balance'] },
  purchase: {
    documentSide: 'credit',
    creditKinds: ['payment_made', 'purchase_return'],
    documentKinds: ['purchase', 'opening_balance'],
  },
};

export interface AppliedAdvance {
  allocations: {
    itemId: string;
    kind: string;
    reference: string;
    documentId: string | null;
    amount: string;
    creditItemId: string;
    creditReference: string;
  }[];
  advance: string;
}

export async function applyAdvance(
  trx: Executor,
  actor: Actor,
  contactId: string,
  input: ApplyAdvanceInput,
): Promise<AppliedAdvance> {
  requireActorPermission(actor, 'payment.create');
  const business = await loadBusiness(trx, actor.businessId);
  const contact = await loadVisibleContact(trx, actor, contactId);
  await lockContact(trx, actor.businessId, contactId, actor);

  const sideName = input.side ?? defaultSide(contact.type);
  if (!sideName) throw invalid([{ path: 'side', code: 'side_required' }]);
  const side = sides[sideName];
  const issues = new IssueList();
  const chosen = parseChosen(input.allocations, business.currency, 'allocations', issues);
  issues.throwIfAny();

  const documents = await openItems(trx, actor.businessId, contactId, side.documentSide, side.documentKinds);
  const credits = await openItems(trx, actor.businessId, contactId, side.documentSide === 'debit' ? 'credit' : 'debit', side.creditKinds);
  const plan = chosen
    ? planChosen(documents, chosen, issues)
    : documents.map((d) => ({ document: d, amount: d.open_amount }));
  issues.throwIfAny();

  const date = await businessToday(trx, actor.businessId);
  const money = (minor: number) => formatDecimal(minor, business.currency);
  const applied: AppliedAdvance['allocations'] = [];
  for (const { document, amount } of plan) {
    let remaining = amount;
    for (const credit of credits) {
      if (remaining <= 0) break;
      if (credit.open_amount <= 0) continue;
      const fresh = await loadItem(trx, actor.businessId, document.id);
      const share = Math.min(remaining, credit.open_amount, fresh?.open_amount ?? 0);
      if (share <= 0) break;
      const [debitId, creditId] = document.side === 'debit' ? [document.id, credit.id] : [credit.id, document.id];
      await allocate(trx, debitId, creditId, share, date, actor.userId, actor.businessId);
      credit.open_amount -= share;
      remaining -= share;
      applied.push({
        itemId: document.id,
        kind: document.kind,
        reference: document.reference,
        documentId: document.source_type === 'document' ? document.source_id : null,
        amount: money(share),
        creditItemId: credit.id,
        creditReference: credit.reference,
      });
    }
  }

  if (applied.length > 0) {
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: contactId,
      action: 'apply_advance',
      changes: { allocations: applied.map((a) => ({ reference: a.reference, from: a.creditReference, amount: a.amount })) },
    });
  }
  const left = credits.reduce((sum, c) => sum + c.open_amount, 0);
  return { allocations: applied, advance: money(left) };
}

async function openItems(trx: Executor, businessId: string, contactId: string, side: Side, kinds: readonly ItemKind[]) {
  const rows = await trx
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('status', '=', 'open')
    .where('side', '=', side)
    .where('kind', 'in', kinds)
    .orderBy('due_date')
    .orderBy('date')
    .orderBy('created_at')
    .orderBy('id')
    .selectAll()
    .execute();
  return rows as OpenItem[];
}

function planChosen(documents: OpenItem[], chosen: { target: string; amount: number }[], issues: IssueList) {
  const plan: { document: OpenItem; amount: number }[] = [];
  chosen.forEach((choice, index) => {
    const document = documents.find((d) => d.id === choice.target || (d.source_type === 'document' && d.source_id === choice.target));
    if (!document) issues.add(`allocations.${index}.documentId`, 'not_open_item', { value: choice.target });
    else if (choice.amount > document.open_amount) {
      issues.add(`allocations.${index}.amount`, 'allocation_exceeds_open', { reference: document.reference });
    } else plan.push({ document, amount: choice.amount });
  });
  return plan;
}
