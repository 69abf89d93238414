/**
 * Money in the browser stays a decimal string ("-1234.50") from the API to
 * the screen: these helpers read its sign and format it without ever
 * turning an amount into a float. Typed amounts are read by
 * `number-input.ts`.
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
