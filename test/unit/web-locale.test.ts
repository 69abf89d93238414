/** The UI language of a first visit, read from the browser's languages. */
import { describe, expect, it } from 'vitest';
import { localeFromBrowser } from '../../web/src/i18n/locale.ts';

describe('first visit language', () => {
  it('follows an English browser', () => {
    expect(localeFromBrowser(['en-US', 'en'])).toBe('en');
    expect(localeFromBrowser(['en-GB', 'fr-FR'])).toBe('en');
  });

  it('follows a French browser', () => {
    expect(localeFromBrowser(['fr-CA', 'en-US'])).toBe('fr');
  });

  it('takes the first of French and English', () => {
    expect(localeFromBrowser(['de-DE', 'en-US', 'fr-FR'])).toBe('en');
    expect(localeFromBrowser(['es', 'FR', 'en'])).toBe('fr');
  });

  it('falls back to French', () => {
    expect(localeFromBrowser(['de-DE', 'it'])).toBe('fr');
    expect(localeFromBrowser([])).toBe('fr');
  });
});
