/**
 * Tax numbers: a key for duplicate checks, and the VAT format and checksum
 * check (jsvat) for the EU member states.
 */
import { checkVAT, countries } from 'jsvat';
import { euCountries } from './countries.ts';

/** Upper case without spaces or punctuation: `fr 40 303 265 045` → `FR40303265045`. */
export function taxNumberKey(text: string): string {
  return text.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Greece writes its VAT prefix EL, not its ISO code GR. */
function vatPrefix(country: string): string {
  return country === 'GR' ? 'EL' : country;
}

/**
 * Lists the tax number keys that digits typed without a country prefix
 * can stand for in `country`: the prefix followed by the digits. In France,
 * 9 digits may also be a SIREN, so its VAT number FR + check key + SIREN
 * is added.
 */
export function prefixedTaxNumberKeys(digits: string, country: string): string[] {
  const keys = [vatPrefix(country) + digits];
  if (country === 'FR' && /^\d{9}$/.test(digits)) {
    // The French VAT check key is (12 + 3 × (SIREN mod 97)) mod 97.
    const checkKey = (12 + 3 * (Number(digits) % 97)) % 97;
    keys.push(`FR${String(checkKey).padStart(2, '0')}${digits}`);
  }
  return keys;
}

function prefixCountry(key: string): string | null {
  const letters = key.slice(0, 2);
  if (letters === 'EL') return 'GR';
  return euCountries.has(letters) ? letters : null;
}

/**
 * Checks a VAT number of an EU country: the prefix it carries, else
 * `country`. Returns null when no EU format applies (the number is then
 * not checked), else whether jsvat accepts its format and checksum.
 */
export function checkVatNumber(text: string, country: string): { country: string; valid: boolean } | null {
  const key = taxNumberKey(text);
  const prefixed = prefixCountry(key);
  const vatCountry = prefixed ?? (euCountries.has(country) ? country : null);
  if (!vatCountry) return null;
  const value = prefixed ? key : vatPrefix(vatCountry) + key;
  return { country: vatCountry, valid: checkVAT(value, countries).isValid };
}
