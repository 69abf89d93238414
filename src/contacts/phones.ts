/**
 * Reads phone numbers as people type them, with libphonenumber-js's full
 * metadata, so a valid number gets its E.164 form for matching.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Fewer digits than this cannot be a phone number anywhere. */
export const MIN_PHONE_DIGITS = 6;

export interface ReadPhone {
  /** The number as typed, trimmed. */
  typed: string;
  /** E.164 (`+33612345678`), or null when the number is not valid for the country. */
  e164: string | null;
  /** Every digit of the typed text, in order. */
  digits: string;
  tooShort: boolean;
}

export function phoneDigits(text: string): string {
  return text.replace(/\D/g, '');
}

/** Reads `text` as a number of `country` unless it starts with + or 00. */
export function readPhone(text: string, country: string): ReadPhone {
  const typed = text.trim();
  const digits = phoneDigits(typed);
  if (digits.length < MIN_PHONE_DIGITS) return { typed, e164: null, digits, tooShort: true };
  const parsed = parsePhoneNumberFromString(typed, country as CountryCode);
  const e164 = parsed?.isValid() ? parsed.number : null;
  return { typed, e164, digits, tooShort: false };
}
