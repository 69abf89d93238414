/**
 * Document line arithmetic in integer minor units. Quantities are counted in
 * thousandths and percentages in hundredths of a percent; every rounding is
 * half away from zero, once per line.
 */
import { IssueList } from '../shared/errors.ts';
import { amountIssue, parseDecimal, percentOf } from '../shared/money.ts';

export interface LineInput {
  description: string;
  quantity: string | number;
  unitPrice: string;
  discountPercent?: string | number | null;
  taxRate?: string | number | null;
  productId?: string | null;
}

export interface ComputedLine {
  position: number;
  productId: string | null;
  description: string;
  quantityMilli: number;
  unitPrice: number;
  discountBp: number;
  taxBp: number;
  gross: number;
  discount: number;
  tax: number;
  total: number;
  /** The product's selling price before tax, where a customer group's price replaced it (src/pricing/group-pricing.ts). */
  listPrice?: number | null;
  /** What the customer group took off the line (negative when its price is higher). */
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

export function computeLine(position: number, line: Omit<ComputedLine, 'position' | 'gross' | 'discount' | 'tax' | 'total'>): ComputedLine {
  const gross = divideRounded(BigInt(line.unitPrice) * BigInt(line.quantityMilli), 1000n);
  const discount = percentOf(gross, line.discountBp);
  const tax = percentOf(gross - discount, line.taxBp);
  return { ...line, position, gross, discount, tax, total: gross - discount + tax };
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
    const unitPrice = parseDecimal(line.unitPrice, currency);
    if (unitPrice === null) {
      const issue = amountIssue(line.unitPrice, currency);
      issues.add(`${path}.unitPrice`, issue.code, issue.params);
    } else if (unitPrice < 0) {
      issues.add(`${path}.unitPrice`, 'amount_negative', { value: line.unitPrice });
    }
    const discountBp = parsePercent(line.discountPercent, `${path}.discountPercent`, issues);
    const taxBp = parsePercent(line.taxRate, `${path}.taxRate`, issues);
    if (quantityMilli === null || quantityMilli <= 0 || unitPrice === null || unitPrice < 0) return;
    if (discountBp === null || taxBp === null) return;
    computed.push(
      computeLine(index + 1, {
        productId: line.productId ?? null,
        description: line.description.trim(),
        quantityMilli,
        unitPrice,
        discountBp,
        taxBp,
      }),
    );
  });
  return computed;
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
