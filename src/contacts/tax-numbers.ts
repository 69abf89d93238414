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
export function vatPrefix(country: string): string {
  return country === 'GR' ? 'EL' : country;
}

/** The tax number keys a search text can stand for. */
export interface TaxNumberSearchKeys {
  /** Whole keys. */
  keys: string[];
  /**
   * Starts of keys whose end varies. Each ends with a letter, so that the
   * range up to the next letter (`NL123456789B` to `NL123456789C`) contains
   * the same keys in the byte order of SQLite and in any PostgreSQL collation.
   */
  prefixes: string[];
}

/**
 * Lists the VAT number keys that a number typed without its VAT prefix can
 * stand for in a business of `country`, from `key` (see `taxNumberKey`).
 * Digits alone get the country's VAT prefix. A national company number
 * typed alone stands for the VAT number that contains it:
 * - France: a SIREN (9 digits) is FR, the check key (12 + 3 × (SIREN mod
 *   97)) mod 97, then the SIREN;
 * - Belgium: an enterprise number (0417.497.106) is BE and its 10 digits,
 *   written before 2005 as BE and 9 digits, so both writings are tried;
 * - Spain: a NIF (B12345678, 12345678Z) is ES and the NIF;
 * - Netherlands: an RSIN (9 digits) is NL, the RSIN, B and a two-digit
 *   number, so a prefix;
 * - Switzerland: a UID, typed with CHE in any country or as 9 digits in
 *   Switzerland, is the UID followed by MWST, TVA, IVA or nothing;
 * - Sweden: an organisation number (10 digits) is SE, the number, then 01;
 * - Norway: an organisation number (9 digits) is the number followed by
 *   MVA, with or without NO before it;
 * - Hungary: a tax number (11 digits) is HU and its first 8 digits;
 * - Austria: the 8 digits of a UID number are ATU and the digits.
 * Italy's partita IVA is the digits of the VAT number, which the prefix
 * rule covers. The company numbers of Germany, Luxembourg and Austria
 * (Firmenbuch) are not part of their VAT numbers.
 */
export function nationalTaxNumberKeys(key: string, country: string): TaxNumberSearchKeys {
  const keys: string[] = [];
  const prefixes: string[] = [];
  const digits = /^\d+$/.test(key);
  if (digits) keys.push(vatPrefix(country) + key);
  if (country === 'FR' && /^\d{9}$/.test(key)) {
    const checkKey = (12 + 3 * (Number(key) % 97)) % 97;
    keys.push(`FR${String(checkKey).padStart(2, '0')}${key}`);
  }
  if (country === 'BE' && /^\d{9}$/.test(key)) keys.push(`BE0${key}`);
  if (country === 'BE' && /^0\d{9}$/.test(key)) keys.push(`BE${key.slice(1)}`);
  if (country === 'ES' && !digits && /^[A-Z0-9]\d{7}[A-Z0-9]$/.test(key)) keys.push(`ES${key}`);
  if (country === 'NL' && /^\d{9}$/.test(key)) prefixes.push(`NL${key}B`);
  const uid = swissUid(key, country);
  if (uid) keys.push(uid, `${uid}MWST`, `${uid}TVA`, `${uid}IVA`);
  if (country === 'SE' && /^\d{10}$/.test(key)) keys.push(`SE${key}01`);
  if (country === 'NO' && /^\d{9}$/.test(key)) keys.push(`NO${key}MVA`, `${key}MVA`);
  if (country === 'HU' && /^\d{11}$/.test(key)) keys.push(`HU${key.slice(0, 8)}`);
  if (country === 'AT' && /^\d{8}$/.test(key)) keys.push(`ATU${key}`);
  return { keys, prefixes };
}

/** Returns the Swiss UID that `key` stands for, if any: CHE and 9 digits, or 9 digits alone in Switzerland. */
function swissUid(key: string, country: string): string | null {
  if (/^CHE\d{9}$/.test(key)) return key;
  if (country === 'CH' && /^\d{9}$/.test(key)) return `CHE${key}`;
  return null;
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
