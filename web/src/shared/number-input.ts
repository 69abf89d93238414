/**
 * Numbers typed into the web app's fields (amounts, percentages,
 * quantities), read in the user's convention and written back in it: a
 * French user types and reads `1 234,50`, an English user `1,234.50`. The
 * value travels as a bigint scaled by 10^digits and leaves as the API's
 * decimal string (`"1234.50"`), so no float is ever involved.
 */
import type { TFunction } from 'i18next';
import type { DecimalString, Locale } from '../api/types.ts';
import { formatScaled, parseScaled } from '../ledger/minor.ts';

/** The values a field accepts. */
export interface NumberRule {
  /** Names the value in messages: a money amount, a percentage or a quantity. */
  kind: 'amount' | 'percent' | 'quantity';
  /** Maximum decimals after the decimal mark (the currency's minor digits for money). */
  digits: number;
  /** `any` allows negative values, `zeroOrMore` allows zero, `positive` requires more than zero. */
  sign: 'any' | 'zeroOrMore' | 'positive';
  /** Maximum value either side of zero, scaled by 10^digits. */
  max: bigint;
  /** Writes every decimal (`12,50`) rather than only those that matter (`5,5`). */
  fixedDigits: boolean;
}

export type NumberProblem = 'invalid' | 'ambiguous' | 'decimals' | 'negative' | 'notPositive' | 'tooLarge';

export type NumberReading = { ok: true; scaled: bigint } | { ok: false; problem: NumberProblem };

/** Separators of the two UI languages: fr-FR groups with a narrow no-break space, as Intl does. */
const marks: Record<Locale, { decimal: ',' | '.'; group: string }> = {
  fr: { decimal: ',', group: '\u202f' },
  en: { decimal: '.', group: ',' },
};

/** Spaces and apostrophes people type between digit groups. */
const spaceGroups = /[ \u00a0\u202f\u2009\u2007'’]/g;

/**
 * Reads typed text by the rules of `locale`; returns null for blank text.
 *
 * Either mark is read as the decimal mark when the text allows one meaning
 * only: `12,5` and `12.5` are twelve and a half in both languages, and in
 * `1.234,50` or `1,234.50` the last mark is the decimal one. A lone mark
 * followed by three digits needs the language. It is a decimal mark when
 * it is the language's own (`1,234` in French) and a thousands separator
 * for an English comma (`1,234`). A French point (`1.234`) is ambiguous,
 * because French users type it both ways.
 */
export function readNumber(text: string, locale: Locale, rule: NumberRule): NumberReading | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;

  const signMatch = /^[-+\u2212]/.exec(trimmed);
  const negative = signMatch !== null && signMatch[0] !== '+';
  const body = (signMatch ? trimmed.slice(1) : trimmed).trim();
  if (!/^[\d.,\s\u00a0\u202f\u2009\u2007'’]+$/.test(body) || !/\d/.test(body)) return { ok: false, problem: 'invalid' };

  const split = splitDecimal(body, locale);
  if (!split.ok) return split;
  const whole = ungroup(split.whole);
  if (whole === null || !/^\d*$/.test(split.fraction)) return { ok: false, problem: 'invalid' };

  // Zeros past the allowed decimals change nothing: `12,500` is `12,50` in euros.
  const fraction = split.fraction.replace(/0+$/, '').length <= rule.digits ? split.fraction.slice(0, rule.digits) : split.fraction;
  if (fraction.length > rule.digits) return { ok: false, problem: 'decimals' };

  const magnitude = parseScaled(`${whole || '0'}${fraction ? `.${fraction}` : ''}`, rule.digits);
  if (magnitude === null) return { ok: false, problem: 'invalid' };
  const scaled = negative ? -magnitude : magnitude;
  // A field that rejects zero requires more than zero, so a negative value gets that message too.
  if (scaled <= 0n && rule.sign === 'positive') return { ok: false, problem: 'notPositive' };
  if (scaled < 0n && rule.sign !== 'any') return { ok: false, problem: 'negative' };
  if (magnitude > rule.max) return { ok: false, problem: 'tooLarge' };
  return { ok: true, scaled };
}

type Split = { ok: true; whole: string; fraction: string } | { ok: false; problem: NumberProblem };

/** Splits the unsigned text at its decimal mark, if it has one. */
function splitDecimal(body: string, locale: Locale): Split {
  const lastComma = body.lastIndexOf(',');
  const lastPoint = body.lastIndexOf('.');
  if (lastComma < 0 && lastPoint < 0) return { ok: true, whole: body, fraction: '' };

  let mark: ',' | '.';
  if (lastComma >= 0 && lastPoint >= 0) {
    mark = lastComma > lastPoint ? ',' : '.';
  } else {
    const only = lastComma >= 0 ? ',' : '.';
    if (body.split(only).length > 2) return { ok: true, whole: body, fraction: '' };
    const [before = '', after = ''] = body.split(only);
    const mayGroup = after.length === 3 && /^\d{1,3}$/.test(before) && !/^0+$/.test(before);
    if (!mayGroup) {
      mark = only;
    } else if (only === marks[locale].decimal) {
      mark = only;
    } else if (locale === 'en') {
      return { ok: true, whole: body, fraction: '' };
    } else {
      return { ok: false, problem: 'ambiguous' };
    }
  }

  const at = body.lastIndexOf(mark);
  const whole = body.slice(0, at);
  const fraction = body.slice(at + 1);
  if (fraction === '' || whole.includes(mark)) return { ok: false, problem: 'invalid' };
  return { ok: true, whole, fraction };
}

/** Removes digit-group separators, or returns null when the groups are not of three digits. */
function ungroup(text: string): string | null {
  const groups = text.replace(spaceGroups, ' ').replace(/[.,]/g, ' ').split(' ');
  if (groups.length === 1) return /^\d*$/.test(text) ? text : null;
  const [first = '', ...rest] = groups;
  if (!/^\d{1,3}$/.test(first) || !rest.every((group) => /^\d{3}$/.test(group))) return null;
  return groups.join('');
}

/** Writes a scaled value in the user's convention: `123450n` with 2 digits is `1 234,50` in French. */
export function formatNumber(scaled: bigint, locale: Locale, rule: Pick<NumberRule, 'digits' | 'fixedDigits'>): string {
  const plain = formatScaled(scaled, rule.digits);
  const negative = plain.startsWith('-');
  const [whole = '', fraction = ''] = (negative ? plain.slice(1) : plain).split('.');
  const shownFraction = rule.fixedDigits ? fraction : fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, marks[locale].group);
  const body = shownFraction ? `${grouped}${marks[locale].decimal}${shownFraction}` : grouped;
  return negative ? `-${body}` : body;
}

/** Writes an API decimal for a field; text that is not a plain decimal is returned as it is. */
export function decimalToField(value: DecimalString | null | undefined, locale: Locale, rule: NumberRule): string {
  if (value === null || value === undefined || value.trim() === '') return '';
  const digits = value.split('.')[1]?.length ?? 0;
  const scaled = parseScaled(value, Math.max(digits, rule.digits));
  if (scaled === null) return value;
  if (digits <= rule.digits) return formatNumber(scaled, locale, rule);
  return formatNumber(scaled, locale, { digits, fixedDigits: rule.fixedDigits });
}

/** Converts a reading to the API's decimal string (`"1234.50"`). */
export function toApiDecimal(scaled: bigint, rule: Pick<NumberRule, 'digits'>): DecimalString {
  return formatScaled(scaled, rule.digits);
}

/** Reads a field for the API; null when it is blank or cannot be read. */
export function fieldToDecimal(text: string, locale: Locale, rule: NumberRule): DecimalString | null {
  const reading = readNumber(text, locale, rule);
  return reading?.ok ? toApiDecimal(reading.scaled, rule) : null;
}

/** Rewrites readable text in the canonical form (`1234,5` becomes `1 234,50`); other text is kept. */
export function tidyField(text: string, locale: Locale, rule: NumberRule): string {
  const reading = readNumber(text, locale, rule);
  return reading?.ok ? formatNumber(reading.scaled, locale, rule) : text;
}

/** Returns the example value of error messages, in the user's convention. */
export function exampleOf(locale: Locale, rule: NumberRule): string {
  const example = { amount: 123450n * 10n ** BigInt(rule.digits) / 100n, percent: 550n, quantity: 1500n }[rule.kind];
  const digits = { amount: rule.digits, percent: 2, quantity: 3 }[rule.kind];
  return formatNumber(example, locale, { digits, fixedDigits: rule.fixedDigits });
}

/** Maximum amount of a document, payment, opening balance or limit, in minor units, as src/shared/money.ts sets it. */
export const MAX_AMOUNT_MINOR = 99_999_999_999_999n;

/** Rules of a money field in a currency with `digits` minor digits. */
export function moneyRule(digits: number, sign: NumberRule['sign'] = 'zeroOrMore'): NumberRule {
  return { kind: 'amount', digits, sign, max: MAX_AMOUNT_MINOR, fixedDigits: true };
}

/** Percentages such as a tax rate or a discount: up to two decimals, at most 100 %. */
export const percentRule: NumberRule = { kind: 'percent', digits: 2, sign: 'zeroOrMore', max: 10_000n, fixedDigits: false };

/** Quantities on document lines: thousandths, more than zero. */
export const quantityRule: NumberRule = { kind: 'quantity', digits: 3, sign: 'positive', max: 999_999_999_999_999n, fixedDigits: false };

/** Returns the message for text a field cannot take, in the user's words; undefined when it reads well or is blank. */
export function numberError(text: string, locale: Locale, rule: NumberRule, t: TFunction): string | undefined {
  const reading = readNumber(text, locale, rule);
  if (reading === null || reading.ok) return undefined;
  const value = text.trim();
  const example = exampleOf(locale, rule);
  switch (reading.problem) {
    case 'invalid':
      return t(`numberInput.invalid.${rule.kind}`, { value, example });
    case 'decimals':
      return t('numberInput.decimals', { value, example, count: rule.digits });
    case 'tooLarge':
      return t('numberInput.tooLarge', { value, max: formatNumber(rule.max, locale, rule) });
    default:
      return t(`numberInput.${reading.problem}`, { value, example });
  }
}
