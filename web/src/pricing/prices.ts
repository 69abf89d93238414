/** Price and rate text of the catalogue screens. */
import type { Locale } from '../api/types.ts';
import { decimalToField, percentRule } from '../shared/number-input.ts';

/** Formats a percentage as each language writes it: `5,5 %` in French (no-break space), `5.5 %` in English. */
export function percentText(value: string, locale: Locale): string {
  const number = decimalToField(value, locale, percentRule);
  return locale === 'fr' ? `${number}\u00a0%` : `${number}%`;
}
