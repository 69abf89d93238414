/**
 * Document line arithmetic in integer minor units. Quantities are counted in
 * thousandths and percentages in hundredths of a percent, and every rounding
 * is half away from zero, once per line.
 *
 * A line is priced either before tax (`unitPrice`) or tax included
 * (`unitPriceWithTax`). A tax-included line starts from what the customer
 * pays, so its total is exactly the shelf price times the quantity, less the
 * discount. Its amounts before tax are worked out from that total.
 */
import { IssueList } from '../shared/errors.ts';
import { amountIssue, parseDecimal, percentOf } from '../shared/money.ts';

/** A line as the API takes it: exactly one of `unitPrice` and `unitPriceWithTax`. */
export interface LineInput {
  description: string;
  quantity: string | number;
  unitPrice?: string | null;
  unitPriceWithTax?: string | null;
  discountPercent?: string | number | null;
  taxRate?: string | number | null;
  productId?: string | null;
}

export interface ComputedLine {
  position: number;
  productId: string | null;
  description: string;
  quantityMilli: number;
  /** Price per unit before tax. On a tax-included line it is derived from `unitPriceWithTax` for display only. */
  unitPrice: number;
  /** Price per unit tax included, when the line was priced that way; null or absent on a line priced before tax. */
  unitPriceWithTax?: number | null;
  discountBp: number;
  taxBp: number;
  gross: number;
  discount: number;
  tax: number;
  total: number;
  /**
   * The product's selling price, where a customer group's price replaced it
   * (src/pricing/group-pricing.ts): tax included on a tax-included line,
   * before tax otherwise.
   */
  listPrice?: number | null;
  /** Amount the customer group took off the line (negative when its price is higher), in the same terms as `listPrice`. */
  groupDiscount?: number;
  /** On a loyalty redemption line: the points it spends. */
  loyaltyPoints?: number | null;
}

export interface Totals {
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
}

/** Parses a plain decimal with at most `digits` decimals into an integer scaled by 10^digits. */
export function parseScaled(value: string | number, digits: number): number | null {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  return Number(whole + fraction.padEnd(digits, '0'));
}

export function formatScaled(value: number, digits: number): string {
  const text = String(value).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Rounds numerator / denominator half away from zero (denominator > 0). */
export function divideRounded(numerator: bigint, denominator: bigint): number {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= denominator) return Number(quotient + (numerator < 0n ? -1n : 1n));
  return Number(quotient);
}

/** The fields of a line that its amounts are computed from. */
export type LinePricing = Omit<ComputedLine, 'position' | 'gross' | 'discount' | 'tax' | 'total'>;

/**
 * Computes a line's amounts. With `unitPriceWithTax` set, the line is priced
 * tax included and its `unitPrice` is replaced by the derived price before tax.
 */
export function computeLine(position: number, line: LinePricing): ComputedLine {
  if (isTaxIncluded(line)) {
    return computeTaxIncludedLine(position, { ...line, unitPriceWithTax: line.unitPriceWithTax as number });
  }
  const gross = divideRounded(BigInt(line.unitPrice) * BigInt(line.quantityMilli), 1000n);
  const discount = percentOf(gross, line.discountBp);
  const tax = percentOf(gross - discount, line.taxBp);
  return { ...line, unitPriceWithTax: null, position, gross, discount, tax, total: gross - discount + tax };
}

/**
 * Prices a tax-included line. The total is the gross with tax less the
 * discount with tax. The tax is the part of the total that the line's rate adds. The
 * gross before tax is the gross with tax brought back to before tax, and the
 * discount before tax is whatever makes gross - discount + tax = total.
 */
function computeTaxIncludedLine(position: number, line: LinePricing & { unitPriceWithTax: number }): ComputedLine {
  const grossWithTax = grossOf(line.unitPriceWithTax, line.quantityMilli);
  const total = grossWithTax - percentOf(grossWithTax, line.discountBp);
  const net = beforeTax(total, line.taxBp);
  const gross = beforeTax(grossWithTax, line.taxBp);
  return {
    ...line,
    unitPrice: beforeTax(line.unitPriceWithTax, line.taxBp),
    position,
    gross,
    discount: gross - net,
    tax: total - net,
    total,
  };
}

export function isTaxIncluded(line: Pick<ComputedLine, 'unitPriceWithTax'>): boolean {
  return line.unitPriceWithTax !== null && line.unitPriceWithTax !== undefined;
}

/** Returns `unitPrice x quantityMilli / 1000`, rounded half away from zero. */
export function grossOf(unitPrice: number, quantityMilli: number): number {
  return divideRounded(BigInt(unitPrice) * BigInt(quantityMilli), 1000n);
}

/** Converts a tax-included amount to the amount before tax at `taxBp`, rounded half away from zero. */
export function beforeTax(amountWithTax: number, taxBp: number): number {
  return divideRounded(BigInt(amountWithTax) * 10_000n, BigInt(10_000 + taxBp));
}

/** Converts an amount before tax to the amount tax included at `taxBp`, rounded half away from zero. */
export function withTax(amount: number, taxBp: number): number {
  return amount + percentOf(amount, taxBp);
}

export function totalsOf(lines: { gross: number; discount: number; tax: number; total: number }[]): Totals {
  let subtotal = 0;
  let discountTotal = 0;
  let taxTotal = 0;
  let total = 0;
  for (const line of lines) {
    subtotal += line.gross - line.discount;
    discountTotal += line.discount;
    taxTotal += line.tax;
    total += line.total;
  }
  return { subtotal, discountTotal, taxTotal, total };
}

/** Validates and computes the lines of a new document; field paths are `lines.N.field`. */
export function parseLines(lines: LineInput[], currency: string, issues: IssueList): ComputedLine[] {
  const computed: ComputedLine[] = [];
  lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const quantityMilli = parseScaled(line.quantity, 3);
    if (quantityMilli === null || quantityMilli <= 0) {
      issues.add(`${path}.quantity`, 'invalid_quantity', { value: String(line.quantity) });
    }
    const price = parsePrice(line, path, currency, issues);
    const discountBp = parsePercent(line.discountPercent, `${path}.discountPercent`, issues);
    const taxBp = parsePercent(line.taxRate, `${path}.taxRate`, issues);
    if (quantityMilli === null || quantityMilli <= 0 || price === null) return;
    if (discountBp === null || taxBp === null) return;
    computed.push(
      computeLine(index + 1, {
        productId: line.productId ?? null,
        description: line.description.trim(),
        quantityMilli,
        unitPrice: price.unitPrice ?? 0,
        unitPriceWithTax: price.unitPriceWithTax,
        discountBp,
        taxBp,
      }),
    );
  });
  return computed;
}

/**
 * Reads the line's price: exactly one of `unitPrice` (before tax) and
 * `unitPriceWithTax` (tax included), not negative. Returns null after
 * recording an issue.
 */
function parsePrice(
  line: LineInput,
  path: string,
  currency: string,
  issues: IssueList,
): { unitPrice: number | null; unitPriceWithTax: number | null } | null {
  const isGiven = (value: string | null | undefined): value is string => value !== undefined && value !== null;
  if (isGiven(line.unitPrice) && isGiven(line.unitPriceWithTax)) {
    issues.add(`${path}.unitPriceWithTax`, 'line_two_prices', { unitPrice: line.unitPrice, unitPriceWithTax: line.unitPriceWithTax });
    return null;
  }
  if (isGiven(line.unitPriceWithTax)) {
    const unitPriceWithTax = parseAmount(line.unitPriceWithTax, `${path}.unitPriceWithTax`, currency, issues);
    return unitPriceWithTax === null ? null : { unitPrice: null, unitPriceWithTax };
  }
  if (isGiven(line.unitPrice)) {
    const unitPrice = parseAmount(line.unitPrice, `${path}.unitPrice`, currency, issues);
    return unitPrice === null ? null : { unitPrice, unitPriceWithTax: null };
  }
  issues.add(`${path}.unitPrice`, 'line_price_missing');
  return null;
}

function parseAmount(text: string, path: string, currency: string, issues: IssueList): number | null {
  const amount = parseDecimal(text, currency);
  if (amount === null) {
    const issue = amountIssue(text, currency);
    issues.add(path, issue.code, issue.params);
    return null;
  }
  if (amount < 0) {
    issues.add(path, 'amount_negative', { value: text });
    return null;
  }
  return amount;
}

function parsePercent(value: string | number | null | undefined, path: string, issues: IssueList): number | null {
  if (value === undefined || value === null || value === '') return 0;
  const basisPoints = parseScaled(value, 2);
  if (basisPoints === null || basisPoints > 10_000) {
    issues.add(path, 'invalid_percent', { value: String(value) });
    return null;
  }
  return basisPoints;
}
