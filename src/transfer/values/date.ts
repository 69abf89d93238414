/**
 * Reads dates as they appear in imported files: `15/03/2024`, `15-03-2024`,
 * `15.03.2024`, `2024-03-15` (with or without a time), `20240315`,
 * `15 mars 2024`, `15 March 2024`, spreadsheet serial numbers and
 * spreadsheet date cells. Day and month are never swapped to make a value
 * fit: `03/15/2024` in day-first order is an error, not 15 March.
 */

export type DateOrder = 'dmy' | 'mdy';

export type DateResult =
  | { ok: true; date: string | null }
  | { ok: false; code: 'invalid_date' };

export interface DateContext {
  order: DateOrder;
  /** Today as `YYYY-MM-DD`: two-digit years are read relative to it. */
  today: string;
}

const monthNames: Record<string, number> = {
  janvier: 1, janv: 1, january: 1, jan: 1,
  fevrier: 2, fevr: 2, february: 2, feb: 2, fev: 2,
  mars: 3, march: 3, mar: 3,
  avril: 4, april: 4, avr: 4, apr: 4,
  mai: 5, may: 5,
  juin: 6, june: 6, jun: 6,
  juillet: 7, juil: 7, july: 7, jul: 7,
  aout: 8, august: 8, aug: 8,
  septembre: 9, september: 9, sept: 9, sep: 9,
  octobre: 10, october: 10, oct: 10,
  novembre: 11, november: 11, nov: 11,
  decembre: 12, december: 12, dec: 12,
};

/**
 * Parses `text` into `YYYY-MM-DD`; empty text gives null.
 *
 * Two-digit years follow one rule: the year is taken in the current
 * century, unless that puts the date after `today`, in which case it is
 * moved back a century (`15/03/58` is 1958-03-15, `01/01/00` is 2000-01-01).
 */
export function parseDate(text: string, context: DateContext): DateResult {
  const value = text.trim();
  if (value === '') return { ok: true, date: null };

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (iso) return build(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const compact = /^(\d{4})(\d{2})(\d{2})(?:T\d{4,6}(?:Z|[+-]\d{4})?)?$/.exec(value);
  if (compact) return build(Number(compact[1]), Number(compact[2]), Number(compact[3]));

  const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(value);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[3]);
    const [day, month] = context.order === 'dmy' ? [first, second] : [second, first];
    return withYear(numeric[4] ?? '', month, day, context.today);
  }

  const named = /^(\d{1,2})(?:er)?\s+([\p{L}.]+)\s+(\d{2}|\d{4})$/u.exec(value);
  if (named) {
    const month = monthNames[monthKey(named[2] ?? '')];
    if (!month) return { ok: false, code: 'invalid_date' };
    return withYear(named[3] ?? '', month, Number(named[1]), context.today);
  }
  const namedFirst = /^([\p{L}.]+)\s+(\d{1,2}),?\s+(\d{4})$/u.exec(value);
  if (namedFirst) {
    const month = monthNames[monthKey(namedFirst[1] ?? '')];
    if (!month) return { ok: false, code: 'invalid_date' };
    return build(Number(namedFirst[3]), month, Number(namedFirst[2]));
  }
  return { ok: false, code: 'invalid_date' };
}

function monthKey(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
}

function withYear(yearText: string, month: number, day: number, today: string): DateResult {
  if (yearText.length === 4) return build(Number(yearText), month, day);
  const currentYear = Number(today.slice(0, 4));
  const century = Math.floor(currentYear / 100) * 100;
  const candidate = build(century + Number(yearText), month, day);
  if (!candidate.ok || candidate.date === null) return candidate;
  if (candidate.date <= today) return candidate;
  return build(century - 100 + Number(yearText), month, day);
}

function build(year: number, month: number, day: number): DateResult {
  if (year < 1 || month < 1 || month > 12 || day < 1) return { ok: false, code: 'invalid_date' };
  if (day > daysInMonth(year, month)) return { ok: false, code: 'invalid_date' };
  return { ok: true, date: isoDate(year, month, day) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days from the spreadsheet epoch (1899-12-30, which absorbs Lotus's 1900 leap-year bug) to 1970-01-01. */
const SERIAL_UNIX_EPOCH = 25569;
/** 9999-12-31, the last date spreadsheets accept. */
const MAX_SERIAL = 2_958_465;

/**
 * Converts a spreadsheet serial day number (45366 is 2024-03-15) to a date.
 * A time of day in the fraction is dropped. Serial 60, the 29 February 1900
 * that spreadsheets inherited from Lotus 1-2-3, does not exist and is rejected.
 */
export function dateFromSerial(serial: number): DateResult {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return { ok: false, code: 'invalid_date' };
  const days = Math.floor(serial);
  if (days === 60) return { ok: false, code: 'invalid_date' };
  const offset = days < 60 ? days + 1 : days;
  const time = (offset - SERIAL_UNIX_EPOCH) * 86_400_000;
  return { ok: true, date: new Date(time).toISOString().slice(0, 10) };
}

/** Reads a date cell from a spreadsheet reader, which gives midnight UTC of the cell's day. */
export function dateFromCell(value: Date): DateResult {
  if (Number.isNaN(value.getTime())) return { ok: false, code: 'invalid_date' };
  return { ok: true, date: value.toISOString().slice(0, 10) };
}

export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
