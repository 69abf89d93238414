import type { Locale } from '../api/types.ts';
import { intlLocale } from '../i18n/locale.ts';

/** Returns the currency's sign as the UI language writes it (`€`, `CHF`), for the side of amount fields. */
export function currencySymbol(currency: string, locale: Locale): string {
  const parts = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}
