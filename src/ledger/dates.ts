/**
 * Business dates are `YYYY-MM-DD` strings counted in the business's time
 * zone. The arithmetic runs on UTC midnights, where every day has 24 hours,
 * so daylight-saving changes never move a date.
 */

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Earliest date accepted for a business event or a date of birth. */
export const MIN_BUSINESS_DATE = '1900-01-01';
/** Latest date accepted in a date range or for a date of birth. */
export const MAX_CALENDAR_DATE = '2100-12-31';
/** How far after today a document, payment or reversal may be dated (a post-dated cheque, a planned sale). */
export const MAX_DAYS_AHEAD = 365;

export function isIsoDate(text: string): boolean {
  const match = isoDate.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

// Building an Intl formatter costs far more than using one, so each time
// zone keeps its own.
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The last date computed in each time zone, with its UTC second. Time zone
 * offsets are whole seconds, so a local date changes on a UTC second only,
 * and every request of that second reuses it.
 */
const lastDates = new Map<string, { second: number; date: string }>();

/** Returns the calendar date at `now` in `timezone`. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  const second = Math.floor(now.getTime() / 1000);
  const last = lastDates.get(timezone);
  if (last?.second === second) return last.date;
  const date = formatDate(timezone, now);
  lastDates.set(timezone, { second, date });
  return date;
}

function formatDate(timezone: string, now: Date): string {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timezone, formatter);
  }
  const parts = formatter.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  return Math.round((end - start) / 86_400_000);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Returns the last day of the month that `date` falls in. */
export function endOfMonth(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 7)}-${String(daysInMonth(year, month)).padStart(2, '0')}`;
}

/**
 * Adds calendar months; a day missing from the target month becomes that
 * month's last day (2024-01-31 + 1 month = 2024-02-29).
 */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(month / 12);
  const targetMonth = (((month % 12) + 12) % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth));
  return `${targetYear}-${String(targetMonth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
