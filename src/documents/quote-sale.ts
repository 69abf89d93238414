/**
 * Prices a sale before it is saved, for the sale form's running total: each
 * line with the customer group's price, a points redemption and the totals,
 * through the code that saving the sale runs (price-lines.ts). Nothing is
 * written, and nothing that only the save checks (date, payments, credit
 * limit) is checked here. Points that break a loyalty limit do not fail the
 * quote: it prices the lines without them and says why, as the save would.
 */
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { groupOf } from '../pricing/group-pricing.ts';
import { issueMessages, type ProblemIssue } from '../server/problems.ts';
import { IssueList, invalid } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import { documentKinds } from './kinds.ts';
import type { PriceGiven } from './document-view.ts';
import { isTaxIncluded, type LineInput, withTax } from './lines.ts';
import { priceLines } from './price-lines.ts';

export interface QuoteInput {
  contactId?: string | null;
  /** Lines as the sale takes them; a description may still be empty. */
  lines: (Omit<LineInput, 'description'> & { description?: string })[];
  redeemPoints?: number;
}

export interface QuoteLine {
  position: number;
  productId: string | null;
  unitPrice: string;
  unitPriceWithTax: string;
  priceGiven: PriceGiven;
  listPrice: string | null;
  groupDiscount: string;
  discount: string;
  tax: string;
  total: string;
}

export interface SaleQuote {
  contactId: string | null;
  customerGroup: { id: string; name: string } | null;
  /** One per requested line, in the same order. The points redemption is in `redemption`. */
  lines: QuoteLine[];
  redemption: { points: number; amount: string } | null;
  /** Why the requested points cannot be redeemed, in the caller's language; empty when they can or none were requested. */
  redemptionIssues: ProblemIssue[];
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  /** The sale's total before the points redemption. */
  totalBeforeRedemption: string;
  total: string;
}

/** Prices the sale, or throws the issues that saving it would raise on its contact and lines. */
export async function quoteSale(db: Executor, actor: Actor, input: QuoteInput): Promise<SaleQuote> {
  requireActorPermission(actor, documentKinds.sale.permission);
  const business = await loadBusiness(db, actor.businessId);
  const contact = input.contactId ? await loadVisibleContact(db, actor, input.contactId) : null;

  const issues = new IssueList();
  if (contact && !documentKinds.sale.contactTypes.includes(contact.type)) {
    issues.add('contactId', 'contact_not_customer', { name: contact.name });
  }
  const lines = input.lines.map((line) => ({ ...line, description: line.description ?? '' }));
  const priced = await priceLines(
    db,
    { businessId: actor.businessId, type: 'sale', contact, currency: business.currency, lines, redeemPoints: input.redeemPoints, readOnly: true },
    issues,
  );
  const redemptionIssues = issues.items.filter((issue) => issue.path === 'redeemPoints');
  if (redemptionIssues.length < issues.items.length) throw invalid(issues.items);

  const money = (minor: number) => formatDecimal(minor, business.currency);
  const goods = priced.lines.filter((line) => line.loyaltyPoints === null || line.loyaltyPoints === undefined);
  const redemption = priced.lines.find((line) => !goods.includes(line)) ?? null;
  const group = await groupOf(db, actor.businessId, contact);
  return {
    contactId: contact?.id ?? null,
    customerGroup: group ? { id: group.id, name: group.name } : null,
    lines: goods.map((line) => ({
      position: line.position,
      productId: line.productId,
      unitPrice: money(line.unitPrice),
      unitPriceWithTax: money(line.unitPriceWithTax ?? withTax(line.unitPrice, line.taxBp)),
      priceGiven: isTaxIncluded(line) ? 'unitPriceWithTax' : 'unitPrice',
      listPrice: line.listPrice === null || line.listPrice === undefined ? null : money(line.listPrice),
      groupDiscount: money(line.groupDiscount ?? 0),
      discount: money(line.discount),
      tax: money(line.tax),
      total: money(line.total),
    })),
    redemption: redemption ? { points: redemption.loyaltyPoints ?? 0, amount: money(-redemption.total) } : null,
    redemptionIssues: issueMessages(redemptionIssues, actor.locale),
    subtotal: money(priced.totals.subtotal),
    discountTotal: money(priced.totals.discountTotal),
    taxTotal: money(priced.totals.taxTotal),
    totalBeforeRedemption: money(priced.totals.total - (redemption?.total ?? 0)),
    total: money(priced.totals.total),
  };
}
