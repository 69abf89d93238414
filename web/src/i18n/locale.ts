import type { Locale } from '../api/types.ts';

export const locales: Locale[] = ['fr', 'en'];

/** Returns the Intl locale a UI language formats with. */
export function intlLocale(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export function asLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  if (value.toLowerCase().startsWith('fr')) return 'fr';
  if (value.toLowerCase().startsWith('en')) return 'en';
  return null;
}
