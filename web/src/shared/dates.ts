/**
 * Dates typed as people write them in both UI languages (fr-FR and en-GB
 * both write 31/12/2024), converted to and from the API's `YYYY-MM-DD`.
 */

/** `2024-12-31` → `31/12/2024`; other text is returned unchanged. */
export function isoToInput(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

/**
 * Reads `31/12/2024`, `31.12.2024`, `31-12-2024` or `2024-12-31` as
 * `2024-12-31`. Text that is not a date is returned trimmed and unchanged,
 * so the server rejects it with the field's path. The server also checks
 * that the day exists.
 */
export function inputToIso(text: string): string {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed);
  if (!match) return trimmed;
  const [, day = '', month = '', year = ''] = match;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The reading of a date field's text: nothing, a calendar day as `YYYY-MM-DD`, or not a date. */
export type TypedDate = { kind: 'empty' } | { kind: 'date'; iso: string } | { kind: 'invalid' };

/**
 * Reads a date field's text like `inputToIso`, and checks that the day
 * exists: `31/02/2025`, `00/01/2025` and `12/13/2025` are invalid.
 */
export function readTypedDate(text: string): TypedDate {
  if (text.trim() === '') return { kind: 'empty' };
  const iso = inputToIso(text);
  return isCalendarDate(iso) ? { kind: 'date', iso } : { kind: 'invalid' };
}

/** Checks that `value` is `YYYY-MM-DD` and names a day that exists, from year 1000 to 9999. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1000 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** `12-31` (the API's month and day) → `31/12`; other text is returned unchanged. */
export function monthDayToInput(value: string | null | undefined): string {
  if (!value) return '';
  const match = /^(\d{2})-(\d{2})$/.exec(value);
  return match ? `${match[2]}/${match[1]}` : value;
}

/** The reading of a day-and-month field's text: nothing, a month and day as `MM-DD`, or neither. */
export type TypedMonthDay = { kind: 'empty' } | { kind: 'monthDay'; value: string } | { kind: 'invalid' };

/**
 * Reads a day and month written day first, `31/12`, `31.12` or `31-12`, as
 * `12-31`, the form of the list API's birthday bounds. The day must exist
 * in some year, so 29/02 is read and 30/02 is invalid.
 */
export function readTypedMonthDay(text: string): TypedMonthDay {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const match = /^(\d{1,2})[/.-](\d{1,2})$/.exec(trimmed);
  if (!match) return { kind: 'invalid' };
  const value = `${(match[2] ?? '').padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
  return isMonthDay(value) ? { kind: 'monthDay', value } : { kind: 'invalid' };
}

/** Checks that `value` is `MM-DD` and names a day that exists in a leap year. */
export function isMonthDay(value: string): boolean {
  return /^\d{2}-\d{2}$/.test(value) && isCalendarDate(`2000-${value}`);
}

/** Number of days in `month` (1 to 12) of `year`, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns the ISO date `days` days after `iso` (before it when negative). */
export function addDays(iso: string, days: number): string {
  const date = utcDate(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Returns the first day of the month `months` months after the month of `iso`. */
export function addMonths(iso: string, months: number): string {
  const date = utcDate(iso);
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)).toISOString().slice(0, 10);
}

/**
 * Returns the six weeks that a calendar shows for the month of `iso`, each
 * as seven ISO dates from Monday, as weeks start in France and the United
 * Kingdom. Days of the months around it fill the first and last weeks.
 */
export function calendarWeeks(iso: string): string[][] {
  const first = addMonths(iso, 0);
  const mondayOffset = (utcDate(first).getUTCDay() + 6) % 7;
  const start = addDays(first, -mondayOffset);
  return Array.from({ length: 6 }, (_, week) => Array.from({ length: 7 }, (_, day) => addDays(start, week * 7 + day)));
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
