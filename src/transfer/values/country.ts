/**
 * Turns the country a file names (`FR`, `France`, `Allemagne`, `United
 * States of America`, `Perú`, `USA`) into its ISO 3166-1 alpha-2 code. Names
 * come from the ICU region names Node ships, in the languages of the shops
 * and files Comptoir meets, plus the usual abbreviations.
 */
import { countryCodes } from '../../contacts/countries.ts';
import { normaliseHeader } from '../mapping/aliases.ts';

const nameLanguages = ['fr', 'en', 'de', 'es', 'it', 'nl', 'pt'];

const extraNames: Record<string, string> = {
  usa: 'US', 'u s a': 'US', 'united states of america': 'US', america: 'US', 'etats unis d amerique': 'US',
  uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  'grande bretagne': 'GB', angleterre: 'GB', ecosse: 'GB', holland: 'NL', hollande: 'NL',
  fra: 'FR', deu: 'DE', bel: 'BE', che: 'CH', esp: 'ES', ita: 'IT', lux: 'LU', nld: 'NL', prt: 'PT', gbr: 'GB',
  aut: 'AT', can: 'CA', mco: 'MC', 'republique tcheque': 'CZ', 'czech republic': 'CZ', russia: 'RU',
  'south korea': 'KR', 'coree du sud': 'KR', 'ivory coast': 'CI', 'cote d ivoire': 'CI',
};

let index: Map<string, string> | null = null;

function buildIndex(): Map<string, string> {
  const names = new Map<string, string>();
  for (const language of nameLanguages) {
    const display = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
    for (const code of countryCodes) {
      const name = display.of(code);
      if (name) {
        const key = normaliseHeader(name);
        if (!names.has(key)) names.set(key, code);
      }
    }
  }
  for (const [name, code] of Object.entries(extraNames)) names.set(name, code);
  return names;
}

/** Returns the ISO code of `text`, or null when no country has that code or name. */
export function countryCode(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && countryCodes.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  index ??= buildIndex();
  return index.get(normaliseHeader(trimmed)) ?? null;
}
