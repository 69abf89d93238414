/**
 * Turns spreadsheet cells back into the text people typed. A phone number
 * that a spreadsheet stored as a number gets its leading zero or its `+`
 * back, and a zip code its leading zeros. The apostrophe that Comptoir's
 * exports put before `=`, `+`, `-`, `@` to neutralise formulas is removed.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Cell } from '../formats/table.ts';

/** Text of a cell as a spreadsheet shows it; numbers in plain decimal notation. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return unneutralise(cell).trim();
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (Number.isInteger(cell) && Math.abs(cell) < 1e21) return BigInt(cell).toString();
  return String(cell);
}

const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

/** Removes the apostrophe an export added before a formula-like text. */
export function unneutralise(text: string): string {
  return text.replace(NEUTRALISED, '');
}

/** Tells whether a text needs an apostrophe so that a spreadsheet does not run it as a formula. */
export function needsNeutralising(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

export interface RestoredPhone {
  text: string;
  /** The digits of the numeric cell the number was rebuilt from, for the row's warning; null when kept as is. */
  restoredFrom: string | null;
}

/**
 * Rebuilds a phone number from a numeric cell. In a French shop `612345678`
 * is read `0612345678` (the trunk zero a spreadsheet drops) and
 * `33612345678` is read `+33612345678`. The first reading that is a valid
 * number wins. A number that fits neither is kept as its digits.
 */
export function phoneFromNumber(value: number, country: string): RestoredPhone | null {
  if (!Number.isInteger(value) || value <= 0 || value >= 1e16) return null;
  const digits = BigInt(value).toString();
  const national = `0${digits}`;
  if (parsePhoneNumberFromString(national, country as CountryCode)?.isValid()) {
    return { text: national, restoredFrom: digits };
  }
  const international = `+${digits}`;
  if (parsePhoneNumberFromString(international)?.isValid()) return { text: international, restoredFrom: digits };
  return { text: digits, restoredFrom: null };
}

/** Tells whether a spreadsheet number format shows percentages (`0%`, `0.0%`), ignoring quoted text. */
export function isPercentFormat(format: string): boolean {
  return format.replace(/"[^"]*"/g, '').includes('%');
}

/**
 * Writes a number stored by a percent format as the spreadsheet shows it:
 * 0.055 is `5.5%`, so a tax rate reads 5.5 and not 0.055. Six decimals of
 * the percentage are kept, which removes the noise of binary fractions.
 */
export function percentText(value: number): string {
  return `${Number((value * 100).toFixed(6))}%`;
}

/** Zip code lengths of countries whose codes can start with zero. */
const zipLengths: Record<string, number> = {
  FR: 5, DE: 5, ES: 5, IT: 5, US: 5, MC: 5, FI: 5, MX: 5, BE: 4, CH: 4, AT: 4, LU: 4, DK: 4, NO: 4, PT: 4,
};

/** Rebuilds a zip code from a numeric cell, padded with the zeros its country's codes have. */
export function zipFromNumber(value: number, country: string): string | null {
  if (!Number.isInteger(value) || value < 0) return null;
  const digits = BigInt(value).toString();
  const length = zipLengths[country];
  return length && digits.length < length ? digits.padStart(length, '0') : digits;
}
