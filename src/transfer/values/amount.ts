/**
 * Reads amounts as people type them in spreadsheets: `1 234,56`, `1.234,56`,
 * `1234.56`, `-15,00`, `(15,00)`, `12,50 €`. This is its own lenient parser,
 * not the display formatter run backwards: every space variant and the
 * apostrophe group digits, and a value whose meaning depends on a guess is
 * rejected instead of read one way or the other.
 */
import { type Minor, minorDigits, parseDecimal, readDecimal } from '../../shared/money.ts';

export type AmountLocale = 'fr' | 'en';

export type AmountResult =
  | { ok: true; minor: Minor | null }
  | { ok: false; code: 'amount_ambiguous' | 'invalid_amount' | 'amount_out_of_range' };

/** Characters that group digits: space, no-break space, narrow no-break space, thin space, apostrophes. */
const GROUP_CHARS = /[ \u00a0\u202f\u2009\u2007'’]/g;
const CURRENCY = /^(?:€|\$|£|¥|chf|eur|usd|gbp)|(?:€|\$|£|¥|chf|eur|usd|gbp)$/i;

/**
 * Parses `text` into minor units of `currency`. Empty text gives null.
 * In French a comma is the decimal separator; a point is read as decimal
 * only when it cannot be a thousands separator (`1234.5`, `1234.56`).
 * `1,234` in French or `1.234` anywhere is rejected as ambiguous.
 */
export function parseAmount(text: string, currency: string, locale: AmountLocale): AmountResult {
  let body = text.trim();
  if (body === '') return { ok: true, minor: null };

  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  body = stripCurrency(body);
  const sign = /^[-+−]/.exec(body);
  if (sign) {
    negative = negative !== (sign[0] !== '+');
    body = stripCurrency(body.slice(1).trim());
  }
  if (!/^[\d .,\u00a0\u202f\u2009\u2007'’]+$/.test(body) || !/\d/.test(body)) {
    return { ok: false, code: 'invalid_amount' };
  }

  const plain = toPlainDecimal(body, locale);
  if (typeof plain !== 'string') return plain;
  const digits = minorDigits(currency);
  const trimmed = dropTrailingZeros(plain, digits);
  const integerPart = trimmed.split('.')[0] ?? '';
  // readDecimal reads at most 40 digits, and any longer number is too large anyway.
  if (integerPart.replace(/^0+/, '').length > 40) return { ok: false, code: 'amount_out_of_range' };
  const reading = readDecimal(trimmed, currency);
  if (!reading.ok) return { ok: false, code: reading.code === 'amount_too_large' ? 'amount_out_of_range' : 'invalid_amount' };
  const minor = reading.value;
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}

function stripCurrency(text: string): string {
  return text.replace(CURRENCY, '').trim();
}

/** Turns the digits and separators into `1234.56`, or reports why it cannot. */
function toPlainDecimal(body: string, locale: AmountLocale): string | AmountResult {
  const hasSpaceGroups = GROUP_CHARS.test(body);
  GROUP_CHARS.lastIndex = 0;
  const lastComma = body.lastIndexOf(',');
  const lastPoint = body.lastIndexOf('.');

  let decimalMark: ',' | '.' | null = null;
  if (lastComma >= 0 && lastPoint >= 0) {
    decimalMark = lastComma > lastPoint ? ',' : '.';
  } else if (lastComma >= 0 || lastPoint >= 0) {
    const mark = lastComma >= 0 ? ',' : '.';
    const count = body.split(mark).length - 1;
    const after = body.slice(body.lastIndexOf(mark) + 1);
    if (count > 1) {
      decimalMark = null;
    } else if (after.length !== 3 || hasSpaceGroups) {
      decimalMark = mark;
    } else if (mark === ',' && locale === 'en') {
      decimalMark = null;
    } else {
      // `1,234` in French, `1.234` anywhere: a thousands separator or three
      // decimals, and nothing in the text tells which.
      return { ok: false, code: 'amount_ambiguous' };
    }
  }

  let groupMark: ',' | '.' | null = null;
  if (decimalMark === ',') groupMark = '.';
  if (decimalMark === '.') groupMark = ',';
  const [integerText = '', fraction = '', ...extra] = decimalMark ? body.split(decimalMark) : [body];
  if (extra.length > 0 || /[.,]/.test(fraction) || /[\s'’]/.test(fraction)) {
    return { ok: false, code: 'invalid_amount' };
  }
  const integer = ungroup(integerText, groupMark ?? (lastComma >= 0 ? ',' : '.'));
  if (integer === null) return { ok: false, code: 'invalid_amount' };
  if (decimalMark && fraction === '') return { ok: false, code: 'invalid_amount' };
  return fraction ? `${integer}.${fraction}` : integer;
}

/** Removes thousands separators, checking the groups have three digits. */
function ungroup(text: string, groupMark: string): string | null {
  const unified = text.replace(GROUP_CHARS, ' ').split(groupMark).join(' ');
  const groups = unified.split(' ');
  if (groups.length === 1) return /^\d+$/.test(unified) ? unified : null;
  const [first = '', ...rest] = groups;
  if (!/^\d{1,3}$/.test(first)) return null;
  if (!rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

/** `12.5000` is `12.50` in a 2-digit currency; other extra digits stay and fail. */
function dropTrailingZeros(plain: string, digits: number): string {
  const [integer, fraction] = plain.split('.');
  if (fraction === undefined || fraction.length <= digits) return plain;
  const kept = fraction.slice(0, digits);
  if (/^0*$/.test(fraction.slice(digits))) return digits > 0 ? `${integer}.${kept}` : integer ?? '';
  return plain;
}

/**
 * Converts a numeric spreadsheet cell to minor units. The cell is a double:
 * it is accepted only when it is, within rounding noise, a whole number of
 * minor units (1234.56 yes, 1.234 no for euros).
 */
export function amountFromNumber(value: number, currency: string): AmountResult {
  if (!Number.isFinite(value)) return { ok: false, code: 'invalid_amount' };
  const digits = minorDigits(currency);
  const fixed = value.toFixed(digits);
  if (Math.abs(Number(fixed) - value) > 1e-9 * Math.max(1, Math.abs(value))) {
    return { ok: false, code: 'invalid_amount' };
  }
  const minor = parseDecimal(fixed, currency);
  if (minor === null) return { ok: false, code: 'amount_out_of_range' };
  return { ok: true, minor };
}
