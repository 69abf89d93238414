/**
 * Prices the lines of a sale or purchase: the line arithmetic, the customer
 * group's prices and a points redemption, each rounded per line. Creating,
 * editing and quoting a document all price it here, so a quote shows what
 * saving the same lines stores.
 */
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import { addRedemptionLine } from '../loyalty/redemption.ts';
import { applyGroupPricing } from '../pricing/group-pricing.ts';
import type { IssueList } from '../shared/errors.ts';
import type { DocumentType } from './kinds.ts';
import { type ComputedLine, type LineInput, parseLines, type Totals, totalsOf } from './lines.ts';

export interface PricingRequest {
  businessId: string;
  type: DocumentType;
  contact: ContactRow | null;
  currency: string;
  lines: LineInput[];
  redeemPoints: number | null | undefined;
  /** True for a quote: the customer's expired points lots are left for the next write to close. */
  readOnly?: boolean;
}

export interface PricedLines {
  lines: ComputedLine[];
  totals: Totals;
  /** False when a line could not be read: the totals leave it out. */
  complete: boolean;
}

/** Prices the request's lines, recording every invalid value in `issues`. */
export async function priceLines(trx: Executor, request: PricingRequest, issues: IssueList): Promise<PricedLines> {
  const parsed = parseLines(request.lines, request.currency, issues);
  const party = { businessId: request.businessId, type: request.type, contact: request.contact };
  const priced = await applyGroupPricing(trx, party, parsed, issues);
  const lines = await addRedemptionLine(trx, { ...party, redeemPoints: request.redeemPoints }, priced, issues, {
    readOnly: request.readOnly ?? false,
  });
  return { lines, totals: totalsOf(lines), complete: parsed.length === request.lines.length };
}
