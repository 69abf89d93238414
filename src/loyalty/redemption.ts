/**
 * Redeeming points on a sale: a line worth points x point value comes off
 * the total, within every limit of the business's settings. The limits are
 * checked when the sale is created and again when it is finalised, because
 * the points are spent only then.
 */
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import type { ComputedLine } from '../documents/lines.ts';
import { totalsOf } from '../documents/lines.ts';
import { todayIn } from '../ledger/dates.ts';
import type { IssueList } from '../shared/errors.ts';
import { translate } from '../shared/messages.ts';
import { formatDecimal } from '../shared/money.ts';
import { expireContactLots, usableBalance } from './lots.ts';
import { type LoyaltySettings, loadLoyaltyContext } from './settings.ts';

const PATH = 'redeemPoints';

export interface RedemptionRequest {
  points: number;
  /** The contact's usable balance before the redemption. */
  balance: number;
  /** The sale's total before the redemption, in minor units. */
  total: number;
  /** The amount the points take off: points x point value, unless the sale's line already fixed it. */
  amount?: number;
}

/** Adds an issue at `redeemPoints` for each limit the redemption breaks. */
export function checkRedemption(
  settings: LoyaltySettings,
  request: RedemptionRequest,
  currency: string,
  issues: IssueList,
): void {
  const money = (minor: number) => formatDecimal(minor, currency);
  if (!settings.enabled) {
    issues.add(PATH, 'loyalty_disabled');
    return;
  }
  if (!Number.isSafeInteger(request.points) || request.points <= 0) {
    issues.add(PATH, 'invalid_value', { value: String(request.points) });
    return;
  }
  if (request.total < settings.minOrderToRedeem) {
    issues.add(PATH, 'loyalty_min_order_to_redeem', { min: money(settings.minOrderToRedeem), total: money(request.total) });
  }
  if (settings.minPointsToRedeem !== null && request.balance < settings.minPointsToRedeem) {
    issues.add(PATH, 'loyalty_min_points_to_redeem', { min: settings.minPointsToRedeem, balance: request.balance });
  }
  if (settings.maxPointsPerOrderRedeem !== null && request.points > settings.maxPointsPerOrderRedeem) {
    issues.add(PATH, 'loyalty_max_points_per_order', { max: settings.maxPointsPerOrderRedeem, points: request.points });
  }
  if (request.points > request.balance) {
    issues.add(PATH, 'loyalty_exceeds_balance', { points: request.points, balance: request.balance });
  }
  const amount = request.amount ?? request.points * settings.pointValue;
  if (amount > request.total) {
    issues.add(PATH, 'loyalty_exceeds_total', { amount: money(amount), total: money(request.total) });
  }
}

export interface SaleRedemption {
  businessId: string;
  type: string;
  contact: Pick<ContactRow, 'id'> | null;
  redeemPoints: number | null | undefined;
}

/**
 * Appends the redemption line to a new sale's lines when `redeemPoints` is
 * requested and every limit allows it. Otherwise it records each broken
 * limit at `redeemPoints` and returns the lines unchanged. The caller holds
 * the contact's lock, unless `readOnly` is set (a quote), which writes
 * nothing: the usable balance leaves expired lots out either way.
 */
export async function addRedemptionLine(
  trx: Executor,
  sale: SaleRedemption,
  lines: ComputedLine[],
  issues: IssueList,
  options: { readOnly: boolean } = { readOnly: false },
): Promise<ComputedLine[]> {
  const points = sale.redeemPoints;
  if (points === undefined || points === null || points === 0) return lines;
  if (sale.type !== 'sale') {
    issues.add(PATH, 'loyalty_sales_only');
    return lines;
  }
  if (!sale.contact) {
    issues.add(PATH, 'loyalty_walk_in');
    return lines;
  }
  if (!issues.empty || lines.length === 0) return lines;

  const business = await loadLoyaltyContext(trx, sale.businessId);
  const settings = business.settings;
  const today = todayIn(business.timezone);
  if (!options.readOnly) await expireContactLots(trx, sale.businessId, sale.contact.id, today);
  const balance = await usableBalance(trx, sale.businessId, sale.contact.id, today);
  const total = totalsOf(lines).total;
  checkRedemption(settings, { points, balance, total }, business.currency, issues);
  if (!issues.empty) return lines;

  const amount = points * settings.pointValue;
  // NOTE: the redemption comes off the total after tax, like a voucher, so
  // the lines' tax stays computed on the prices before the points.
  const description = translate('loyalty_redemption_line', business.locale === 'en' ? 'en' : 'fr', {
    name: settings.name,
    points,
  });
  const line: ComputedLine = {
    position: lines.length + 1,
    productId: null,
    description,
    quantityMilli: 1000,
    unitPrice: -amount,
    discountBp: 0,
    taxBp: 0,
    gross: -amount,
    discount: 0,
    tax: 0,
    total: -amount,
    loyaltyPoints: points,
  };
  return [...lines, line];
}
