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
 * Parses an API decimal string ("12", "12.5", "-0.25") into minor units.
 * Returns null when the text is not a plain decimal with at most the
 * currency's digits, so the caller can report the field.
 */
export function parseDecimal(text: string, currency: string): Minor | null {
  const digits = minorDigits(currency);
  const match = /^([+-]?)(\d{1,16})(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign, whole = '', fraction = ''] = match;
  if (fraction.length > digits) return null;
  const scaled = BigInt(whole + fraction.padEnd(digits, '0'));
  if (scaled > BigInt(MAX_MINOR)) return null;
  const value = Number(scaled);
  return sign === '-' && value !== 0 ? -value : value;
}

export function formatDecimal(minor: Minor, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
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
