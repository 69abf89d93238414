/**
 * Readers for one input field each: they trim text, turn empty strings into
 * null and record an issue with the field's JSON path when a value is wrong.
 */
import type { IssueList } from '../shared/errors.ts';
import { amountIssue, parseDecimal } from '../shared/money.ts';
import { checkText } from '../shared/text.ts';
import { addDays, MAX_CALENDAR_DATE, MIN_BUSINESS_DATE } from '../ledger/dates.ts';

// Local part and domain of an address as people really write them; the
// domain may hold accented letters (internationalised domain names).
const emailPattern =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MAX_EMAIL_LENGTH = 254;

export function isEmail(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && emailPattern.test(text);
}

/** Checks that `text` is `YYYY-MM-DD` and names a day that exists (no 2023-02-29). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Building an Intl formatter costs far more than using one, so there is one per zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's date (`YYYY-MM-DD`) in an IANA time zone. */
export function todayIn(timezone: string, now = new Date()): string {
  let formatter = dayFormatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timezone, formatter);
  }
  return formatter.format(now);
}

export class FieldReader {
  constructor(readonly issues: IssueList) {}

  /** Reads trimmed text, or null when it is absent or empty. */
  text(value: unknown, path: string, max: number): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') {
      this.issues.add(path, 'invalid_type', { expected: 'string' });
      return null;
    }
    // Imported cells come here without passing the request text check.
    const checked = checkText(value);
    if (!checked.ok) {
      this.issues.add(path, checked.code, checked.params);
      return null;
    }
    const trimmed = checked.text.trim();
    if (trimmed === '') return null;
    if (trimmed.length > max) {
      this.issues.add(path, 'too_long', { max });
      return null;
    }
    return trimmed;
  }

  requiredText(value: unknown, path: string, max: number): string | null {
    const text = this.text(value, path, max);
    if (text === null && !this.hasIssueAt(path)) this.issues.add(path, 'required');
    return text;
  }

  /** Reads one of `allowed`, or `fallback` when the value is absent or empty. */
  choice<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback: T): T {
    const text = this.text(value, path, 50);
    if (text === null) return fallback;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    this.issues.add(path, 'invalid_enum', { value: text, allowed: allowed.join(', ') });
    return fallback;
  }

  email(value: unknown, path: string): string | null {
    const text = this.text(value, path, MAX_EMAIL_LENGTH);
    if (text !== null && !isEmail(text)) {
      this.issues.add(path, 'invalid_email', { value: text });
      return null;
    }
    return text;
  }

  /**
   * Reads a `YYYY-MM-DD` calendar date from MIN_BUSINESS_DATE on. When
   * `today` is given, the date is at most `aheadDays` days after it (0: not
   * in the future); without it, at most MAX_CALENDAR_DATE.
   */
  date(value: unknown, path: string, latest?: { today: string; aheadDays: number }): string | null {
    const text = this.text(value, path, 10);
    if (text === null) return null;
    if (!isCalendarDate(text)) {
      this.issues.add(path, 'invalid_date', { value: text });
      return null;
    }
    const max = latest ? addDays(latest.today, latest.aheadDays) : MAX_CALENDAR_DATE;
    if (text < MIN_BUSINESS_DATE || (!latest && text > max)) {
      this.issues.add(path, 'date_out_of_range', { value: text, min: MIN_BUSINESS_DATE, max });
      return null;
    }
    if (latest && text > max) {
      if (latest.aheadDays === 0) this.issues.add(path, 'date_in_future', { value: text });
      else this.issues.add(path, 'date_too_far_ahead', { value: text, days: latest.aheadDays, max });
      return null;
    }
    return text;
  }

  /** Reads a decimal string as minor units of `currency`, or `undefined` when it is invalid. */
  amount(value: unknown, path: string, currency: string, options: { negative: boolean }): number | null | undefined {
    const text = this.text(value, path, 30);
    if (text === null) return null;
    const minor = parseDecimal(text, currency);
    if (minor === null) {
      const issue = amountIssue(text, currency);
      this.issues.add(path, issue.code, issue.params);
      return undefined;
    }
    if (!options.negative && minor < 0) {
      this.issues.add(path, 'amount_negative', { value: text });
      return undefined;
    }
    return minor;
  }

  /** Reads a whole number from `min` to `max`. */
  integer(value: unknown, path: string, min: number, max: number): number | null {
    if (value === undefined || value === null) {
      this.issues.add(path, 'required');
      return null;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.issues.add(path, 'out_of_range', { value: String(value ?? ''), min, max });
      return null;
    }
    return value;
  }

  private hasIssueAt(path: string): boolean {
    return this.issues.items.some((issue) => issue.path === path);
  }
}
