/** The date field's reading of typed dates and the month grid of its calendar. */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  calendarWeeks,
  isCalendarDate,
  isMonthDay,
  monthDayToInput,
  readTypedDate,
  readTypedMonthDay,
} from '../../web/src/shared/dates.ts';

describe('typed date check', () => {
  it('reads existing days', () => {
    expect(readTypedDate('29/02/2024')).toEqual({ kind: 'date', iso: '2024-02-29' });
    expect(readTypedDate(' 1.3.2025 ')).toEqual({ kind: 'date', iso: '2025-03-01' });
    expect(readTypedDate('2025-12-31')).toEqual({ kind: 'date', iso: '2025-12-31' });
  });

  it('rejects impossible days', () => {
    for (const text of ['31/02/2025', '29/02/2025', '00/01/2025', '12/13/2025', '31/04/2025', '2025-02-30', '01/01/0999']) {
      expect(readTypedDate(text), text).toEqual({ kind: 'invalid' });
    }
  });

  it('rejects text that is no date', () => {
    expect(readTypedDate('demain')).toEqual({ kind: 'invalid' });
    expect(readTypedDate('12/2025')).toEqual({ kind: 'invalid' });
  });

  it('reads blank text as empty', () => {
    expect(readTypedDate('  ')).toEqual({ kind: 'empty' });
  });

  it('checks ISO dates', () => {
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-01')).toBe(false);
  });
});

describe('typed day and month check', () => {
  it('reads days that exist in some year', () => {
    expect(readTypedMonthDay('20/12')).toEqual({ kind: 'monthDay', value: '12-20' });
    expect(readTypedMonthDay(' 1.3 ')).toEqual({ kind: 'monthDay', value: '03-01' });
    expect(readTypedMonthDay('10-01')).toEqual({ kind: 'monthDay', value: '01-10' });
    expect(readTypedMonthDay('29/02')).toEqual({ kind: 'monthDay', value: '02-29' });
  });

  it('rejects impossible days', () => {
    for (const text of ['30/02', '31/04', '00/05', '12/13', '32/01']) {
      expect(readTypedMonthDay(text), text).toEqual({ kind: 'invalid' });
    }
  });

  it('rejects whole dates and other text', () => {
    for (const text of ['20/12/2024', '2024-12-20', 'noël', '2012']) {
      expect(readTypedMonthDay(text), text).toEqual({ kind: 'invalid' });
    }
  });

  it('reads blank text as empty', () => {
    expect(readTypedMonthDay(' ')).toEqual({ kind: 'empty' });
  });

  it('writes API month-days day first', () => {
    expect(monthDayToInput('12-20')).toBe('20/12');
    expect(monthDayToInput('20/1')).toBe('20/1');
    expect(monthDayToInput(null)).toBe('');
  });

  it('checks API month-days', () => {
    expect(isMonthDay('02-29')).toBe(true);
    expect(isMonthDay('02-30')).toBe(false);
    expect(isMonthDay('2-28')).toBe(false);
  });
});

describe('calendar grid', () => {
  it('starts on the Monday before the first', () => {
    // 1 February 2026 is a Sunday.
    const weeks = calendarWeeks('2026-02-14');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]).toEqual(['2026-01-26', '2026-01-27', '2026-01-28', '2026-01-29', '2026-01-30', '2026-01-31', '2026-02-01']);
    expect(weeks[5]?.[6]).toBe('2026-03-08');
  });

  it('starts on the first when it is a Monday', () => {
    expect(calendarWeeks('2025-09-30')[0]?.[0]).toBe('2025-09-01');
  });

  it('moves across months and years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-01');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-01');
  });
});
