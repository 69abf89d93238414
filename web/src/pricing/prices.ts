/**
 * Price arithmetic of the catalogue screens, on decimal strings and BigInt
 * minor units as the server does it: never a float.
 */
import type { DecimalString, Locale } from '../api/types.ts';
import { divideRounded, fromMinor, parseScaled, toMinor } from '../ledger/minor.ts';
import { decimalToField, percentRule } from '../shared/number-input.ts';

/**
 * Converts a tax-included price to the unit price before tax that a sale
 * line carries, rounding half away from zero. Returns null while either
 * value cannot be read.
 */
export function priceBeforeTax(price: DecimalString, taxRate: string, currency: string): DecimalString | null {
  const minor = toMinor(price, currency);
  const taxBp = taxRate.trim() === '' ? 0n : parseScaled(taxRate, 2);
  if (minor === null || taxBp === null || taxBp < 0n) return null;
  return fromMinor(divideRounded(minor * 10_000n, 10_000n + taxBp), currency);
}

/** Formats a percentage as each language writes it: `5,5 %` in French (no-break space), `5.5 %` in English. */
export function percentText(value: string, locale: Locale): string {
  const number = decimalToField(value, locale, percentRule);
  return locale === 'fr' ? `${number}\u00a0%` : `${number}%`;
}
