/**
 * Amounts as integer minor units (bigint) for the few sums the browser does:
 * a sale's total before it is saved, what a return gives back, what is left
 * of a payment. Decimal strings from the API are parsed digit by digit, never
 * through a float, and formatted back with the currency's digits.
 */
import type { DecimalString } from '../api/types.ts';

const digitsCache = new Map<string, number>();

/** Minor digits of a currency as Intl states them (2 for EUR, 0 for JPY). */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/**
 * Reads a plain decimal ("-12.5", "1234.50") scaled by 10^digits. Returns
 * null for anything else, or when it has more decimals than `digits`.
 */
export function parseScaled(value: string, digits: number): bigint | null {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const scaled = BigInt(whole + fraction.padEnd(digits, '0'));
  return sign === '-' ? -scaled : scaled;
}

/** Parses an API amount into minor units; null when it is not a decimal with the currency's digits. */
export function toMinor(value: DecimalString, currency: string): bigint | null {
  return parseScaled(value, minorDigits(currency));
}

/** Formats a scaled integer as a decimal with exactly `digits` decimals: `(1500n, 3)` → `"1.500"`. */
export function formatScaled(value: bigint, digits: number): string {
  const negative = value < 0n;
  const text = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const body = digits > 0 ? `${whole}.${text.slice(text.length - digits)}` : whole;
  return negative ? `-${body}` : body;
}

/** Minor units back to the API's decimal string: `123450n` → `"1234.50"`. */
export function fromMinor(minor: bigint, currency: string): DecimalString {
  return formatScaled(minor, minorDigits(currency));
}

/** Rounds numerator / denominator half away from zero; the denominator is positive. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= denominator) return quotient + (numerator < 0n ? -1n : 1n);
  return quotient;
}

/** Sum of API amounts; an amount that cannot be read counts as zero. */
export function sumDecimals(values: DecimalString[], currency: string): DecimalString {
  let total = 0n;
  for (const value of values) total += toMinor(value, currency) ?? 0n;
  return fromMinor(total, currency);
}

/** `a - b` on API amounts; null when either cannot be read. */
export function subtractDecimals(a: DecimalString, b: DecimalString, currency: string): DecimalString | null {
  const left = toMinor(a, currency);
  const right = toMinor(b, currency);
  if (left === null || right === null) return null;
  return fromMinor(left - right, currency);
}

/** Returns the larger of the amount and zero. */
export function atLeastZero(value: DecimalString, currency: string): DecimalString {
  const minor = toMinor(value, currency) ?? 0n;
  return fromMinor(minor > 0n ? minor : 0n, currency);
}

/** -1, 0 or 1 comparing two API amounts; unreadable amounts compare as zero. */
export function compareDecimals(a: DecimalString, b: DecimalString, currency: string): -1 | 0 | 1 {
  const left = toMinor(a, currency) ?? 0n;
  const right = toMinor(b, currency) ?? 0n;
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

/** Returns how far the exposure is above the credit limit, or null when there is no limit or it is not passed. */
export function amountOverLimit(
  figures: { creditLimit: DecimalString | null; exposure?: DecimalString },
  currency: string,
): DecimalString | null {
  if (figures.creditLimit === null || figures.exposure === undefined) return null;
  const over = subtractDecimals(figures.exposure, figures.creditLimit, currency);
  return over !== null && compareDecimals(over, '0', currency) > 0 ? over : null;
}
