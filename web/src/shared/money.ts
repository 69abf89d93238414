/**
 * Money in the browser stays a decimal string ("-1234.50") from the API to
 * the screen: these helpers read its sign and convert typed text without
 * ever turning an amount into a float.
 */
import type { DecimalString, Locale } from '../api/types.ts';
import { intlLocale } from '../i18n/locale.ts';

const decimalPattern = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** -1, 0 or 1 for a decimal string; 0 when the text is not a decimal. */
export function decimalSign(value: DecimalString): -1 | 0 | 1 {
  const match = decimalPattern.exec(value.trim());
  if (!match) return 0;
  const [, sign, whole = '', fraction = ''] = match;
  if (/^0*$/.test(whole + fraction)) return 0;
  return sign === '-' ? -1 : 1;
}

/** Returns the translation key that says who owes whom for a balance of this sign. */
export function balanceHintKey(sign: -1 | 0 | 1): string {
  if (sign > 0) return 'balance.owesYou';
  if (sign < 0) return 'balance.youOwe';
  return 'balance.settled';
}

/** Formats for people: `1 234,50 €` in French, `€1,234.50` in English. */
export function formatMoney(
  value: DecimalString,
  currency: string,
  locale: Locale,
  options: { signed?: boolean } = {},
): string {
  const formatter = new Intl.NumberFormat(intlLocale(locale), {
    style: 'currency',
    currency,
    signDisplay: options.signed ? 'exceptZero' : 'auto',
  });
  // Intl reads a decimal string exactly (no float conversion), so large or
  // long amounts keep every digit.
  return formatter.format(value as Intl.StringNumericLiteral);
}

/** Writes the API's decimal as a user would type it: `1234,50` in French. */
export function decimalToInput(value: DecimalString | null | undefined, locale: Locale): string {
  if (value === null || value === undefined) return '';
  return locale === 'fr' ? value.replace('.', ',') : value;
}

/**
 * Reads an amount typed in either convention (`1 234,50`, `1,234.50`,
 * `-12.5`) into an API decimal string. Text that cannot be read is returned
 * trimmed and unchanged, so the server rejects it with the field's path.
 */
export function inputToDecimal(text: string): string {
  const compact = text.trim().replace(/[\s\u00a0\u202f'’]/g, '').replace(/^\+/, '');
  const separators = compact.match(/[.,]/g) ?? [];
  if (separators.length === 0) return compact;

  const last = Math.max(compact.lastIndexOf('.'), compact.lastIndexOf(','));
  const lastSeparator = compact.charAt(last);
  const sameKind = separators.filter((s) => s === lastSeparator).length;
  const mixed = separators.some((s) => s !== lastSeparator);

  // One kind used several times (`1.234.567`) is grouping, not a decimal point.
  if (!mixed && sameKind > 1) {
    return isGrouped(compact, lastSeparator) ? compact.replaceAll(lastSeparator, '') : text.trim();
  }

  const whole = compact.slice(0, last);
  if (mixed && !isGrouped(whole, whole.includes(',') ? ',' : '.')) return text.trim();
  const result = `${whole.replace(/[.,]/g, '')}.${compact.slice(last + 1)}`;
  return decimalPattern.test(result) ? result : text.trim();
}

/** True when `separator` splits `text` into digit groups of three after the first (`1.234.567`). */
function isGrouped(text: string, separator: string): boolean {
  const [first = '', ...rest] = text.replace(/^-/, '').split(separator);
  return /^\d{1,3}$/.test(first) && rest.every((group) => /^\d{3}$/.test(group));
}
