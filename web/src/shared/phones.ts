/**
 * Writes stored phone numbers the way people read them. Numbers are stored as
 * typed (`0612345678`, `+447700900123`), which is hard to read at a glance.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Returns `typed` in groups of digits: in the national writing when the number
 * belongs to `country` (the business's country, ISO 3166), else in the
 * international writing. A number of impossible length comes back as typed.
 */
export function readablePhone(typed: string, country: string): string {
  const parsed = parsePhoneNumberFromString(typed, country as CountryCode);
  if (!parsed?.isPossible()) return typed;
  return parsed.country === country ? parsed.formatNational() : parsed.formatInternational();
}
