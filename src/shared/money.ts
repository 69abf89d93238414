/**
 * Money is an integer count of the currency's minor unit (cents for EUR).
 * The API carries it as a decimal string with exactly the currency's minor
 * digits ("1234.50"); conversions happen only at the edges.
 */
export type Minor = number;

/** Largest amount accepted, in minor units: keeps sums exact in a double. */
export const MAX_MINOR = 2 ** 50;

const digitsCache = new Map<string, number>();

export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency })
      .resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

export function assertMinor(value: number): Minor {
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_MINOR) {
    throw new RangeError(`amount out of range: ${value}`);
  }
  return value;
}

/**
 * Largest amount one document total, line, payment, opening balance or
 * limit may carry, in minor units (999 999 999 999.99 in a two-decimal
 * currency). It sits well below MAX_MINOR, so that balances summing many
 * such amounts stay exact.
 */
export const MAX_AMOUNT_MINOR = 99_999_999_999_999;

export type DecimalReading = { ok: true; value: Minor } | { ok: false; code: 'invalid_amount' | 'amount_too_large' };

/**
 * Reads an API decimal string ("12", "12.5", "-0.25") as minor units: a plain
 * decimal with at most the currency's digits, of at most MAX_AMOUNT_MINOR
 * either side of zero.
 */
export function readDecimal(text: string, currency: string): DecimalReading {
  const digits = minorDigits(currency);
  const match = /^([+-]?)(\d{1,40})(?:\.(\d{1,40}))?$/.exec(text.trim());
  if (!match) return { ok: false, code: 'invalid_amount' };
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return { ok: false, code: 'invalid_amount' };
  const scaled = BigInt(whole + fraction.padEnd(digits, '0'));
  if (scaled > BigInt(MAX_AMOUNT_MINOR)) return { ok: false, code: 'amount_too_large' };
  const value = Number(scaled);
  return { ok: true, value: sign === '-' && value !== 0 ? -value : value };
}

/** Parses an API decimal string into minor units, or returns null when readDecimal rejects it. */
export function parseDecimal(text: string, currency: string): Minor | null {
  const reading = readDecimal(text, currency);
  return reading.ok ? reading.value : null;
}

/** The code and parameters of the issue that explains why readDecimal rejected `text`. */
export function amountIssue(text: string, currency: string): { code: string; params: Record<string, string | number> } {
  const reading = readDecimal(text, currency);
  if (!reading.ok && reading.code === 'amount_too_large') {
    return { code: 'amount_too_large', params: { value: text, max: formatDecimal(MAX_AMOUNT_MINOR, currency) } };
  }
  return { code: 'invalid_amount', params: { value: text, digits: minorDigits(currency), example: exampleDecimal(currency) } };
}

export function formatDecimal(minor: Minor, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  // Past 1e21 String() switches to exponent notation; an out-of-range total
  // reported in an error message is still written out in full.
  const magnitude = Math.abs(minor);
  const text = (magnitude < 1e21 ? String(magnitude) : BigInt(magnitude).toString()).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  const body = digits > 0 ? `${whole}.${fraction}` : whole;
  return negative ? `-${body}` : body;
}

/** An example amount in the currency's format, for error messages. */
export function exampleDecimal(currency: string): string {
  return formatDecimal(123450, currency);
}

/** Formats for people: `1 234,50 €` in French, `€1,234.50` in English. */
export function formatMoney(minor: Minor, currency: string, locale: string): string {
  const digits = minorDigits(currency);
  const formatter = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Exact conversion: the decimal string goes through Intl without a float
  // product, and amounts stay below 2^50 minor units.
  return formatter.format(formatDecimal(minor, currency) as unknown as number);
}

/**
 * Applies a percentage (given in hundredths of a percent, 1250 = 12.5 %) to
 * an amount, rounding half away from zero to the minor unit.
 */
export function percentOf(minor: Minor, basisPoints: number): Minor {
  const product = BigInt(minor) * BigInt(basisPoints);
  const divisor = 10000n;
  const quotient = product / divisor;
  const remainder = product % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice >= divisor) return Number(quotient + (product < 0n ? -1n : 1n));
  return Number(quotient);
}
