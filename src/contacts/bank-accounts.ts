/** Bank details: IBAN checksum and BIC format, through ibantools. */
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';

/** The IBAN without spaces, upper-cased, or null when its checksum or length is wrong. */
export function normalizeIban(text: string): string | null {
  const compact = electronicFormatIBAN(text.replace(/[\s-]/g, ''));
  return compact && isValidIBAN(compact) ? compact : null;
}

/** The BIC upper-cased without spaces, or null when it is not 8 or 11 valid characters. */
export function normalizeBic(text: string): string | null {
  const compact = text.replace(/\s/g, '').toUpperCase();
  return isValidBIC(compact) ? compact : null;
}
