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

/**
 * Returns the UI language for a first visit from the browser's languages in
 * order of preference (`navigator.languages`): French or English, whichever
 * comes first among them, and French when neither is listed.
 */
export function localeFromBrowser(languages: readonly string[]): Locale {
  for (const language of languages) {
    const locale = asLocale(language);
    if (locale) return locale;
  }
  return 'fr';
}
