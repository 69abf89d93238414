/**
 * The sale and purchase form's running total, computed the way the server
 * computes a line (src/documents/lines.ts): quantity in thousandths,
 * percentages in hundredths of a percent, each rounding half away from zero
 * once per line. A tax-included line starts from what the customer pays and
 * works out its tax from that total. The server's response is what is
 * saved, and a customer group price may still change it.
 */
import { divideRounded, fromMinor, minorDigits, parseScaled } from '../ledger/minor.ts';

export interface LineValues {
  /** Decimal strings as the API takes them (already converted from the typed text); null when the text cannot be read. */
  quantity: string | null;
  /** The unit price: tax included when `priceIncludesTax` is set, before tax otherwise. */
  unitPrice: string | null;
  /** True when `unitPrice` includes tax, as the API's `unitPriceWithTax`. */
  priceIncludesTax?: boolean;
  discountPercent: string | null;
  taxRate: string | null;
}

export interface LineAmounts {
  gross: bigint;
  discount: bigint;
  tax: bigint;
  total: bigint;
}

function percentOf(minor: bigint, basisPoints: bigint): bigint {
  return divideRounded(minor * basisPoints, 10_000n);
}

/** Computes a line's amounts in minor units, or null while a value cannot be read. */
export function lineAmounts(line: LineValues, currency: string): LineAmounts | null {
  if (line.quantity === null || line.unitPrice === null || line.discountPercent === null || line.taxRate === null) return null;
  const quantityMilli = parseScaled(line.quantity, 3);
  const unitPrice = parseScaled(line.unitPrice, minorDigits(currency));
  const discountBp = line.discountPercent.trim() === '' ? 0n : parseScaled(line.discountPercent, 2);
  const taxBp = line.taxRate.trim() === '' ? 0n : parseScaled(line.taxRate, 2);
  if (quantityMilli === null || unitPrice === null || discountBp === null || taxBp === null) return null;
  if (quantityMilli <= 0n || unitPrice < 0n || discountBp < 0n || taxBp < 0n) return null;
  if (discountBp > 10_000n || taxBp > 10_000n) return null;

  if (line.priceIncludesTax) return taxIncludedAmounts(unitPrice, quantityMilli, discountBp, taxBp);
  const gross = divideRounded(unitPrice * quantityMilli, 1000n);
  const discount = percentOf(gross, discountBp);
  const tax = percentOf(gross - discount, taxBp);
  return { gross, discount, tax, total: gross - discount + tax };
}

function beforeTax(amountWithTax: bigint, taxBp: bigint): bigint {
  return divideRounded(amountWithTax * 10_000n, 10_000n + taxBp);
}

/**
 * The total is the gross with tax less the discount with tax. The tax is
 * the part of that total at the line's rate. The gross and discount before
 * tax are derived from the amounts with tax, so that they add up.
 */
function taxIncludedAmounts(unitPriceWithTax: bigint, quantityMilli: bigint, discountBp: bigint, taxBp: bigint): LineAmounts {
  const grossWithTax = divideRounded(unitPriceWithTax * quantityMilli, 1000n);
  const total = grossWithTax - percentOf(grossWithTax, discountBp);
  const net = beforeTax(total, taxBp);
  const gross = beforeTax(grossWithTax, taxBp);
  return { gross, discount: gross - net, tax: total - net, total };
}

export interface DocumentTotals {
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  /** False when a line cannot be read yet; its amounts are left out. */
  complete: boolean;
}

export function documentTotals(lines: LineValues[], currency: string): DocumentTotals {
  let subtotal = 0n;
  let discountTotal = 0n;
  let taxTotal = 0n;
  let total = 0n;
  let complete = lines.length > 0;
  for (const line of lines) {
    const amounts = lineAmounts(line, currency);
    if (!amounts) {
      complete = false;
      continue;
    }
    subtotal += amounts.gross - amounts.discount;
    discountTotal += amounts.discount;
    taxTotal += amounts.tax;
    total += amounts.total;
  }
  return {
    subtotal: fromMinor(subtotal, currency),
    discountTotal: fromMinor(discountTotal, currency),
    taxTotal: fromMinor(taxTotal, currency),
    total: fromMinor(total, currency),
    complete,
  };
}
