import { describe, expect, it } from 'vitest';
import { dueDate, payTermLabel } from '../../src/documents/pay-terms.ts';
import { addMonths, daysBetween, endOfMonth, todayIn } from '../../src/ledger/dates.ts';

describe('due dates', () => {
  it.each([
    // [document date, term, due date]
    ['2024-03-10', null, '2024-03-10'],
    ['2024-03-10', { number: 0, unit: 'days', endOfMonth: false }, '2024-03-10'],
    ['2024-03-10', { number: 30, unit: 'days', endOfMonth: false }, '2024-04-09'],
    ['2024-12-15', { number: 30, unit: 'days', endOfMonth: false }, '2025-01-14'],
    ['2024-01-31', { number: 1, unit: 'months', endOfMonth: false }, '2024-02-29'],
    ['2025-01-31', { number: 1, unit: 'months', endOfMonth: false }, '2025-02-28'],
    ['2024-03-31', { number: 1, unit: 'months', endOfMonth: false }, '2024-04-30'],
    ['2024-08-31', { number: 6, unit: 'months', endOfMonth: false }, '2025-02-28'],
    ['2024-02-29', { number: 12, unit: 'months', endOfMonth: false }, '2025-02-28'],
    ['2024-11-15', { number: 3, unit: 'months', endOfMonth: false }, '2025-02-15'],
    // End of month: add the term, then go to the last day of the month reached.
    ['2024-01-15', { number: 30, unit: 'days', endOfMonth: true }, '2024-02-29'],
    ['2024-01-31', { number: 30, unit: 'days', endOfMonth: true }, '2024-03-31'],
    ['2025-01-31', { number: 30, unit: 'days', endOfMonth: true }, '2025-03-31'],
    ['2025-01-15', { number: 30, unit: 'days', endOfMonth: true }, '2025-02-28'],
    ['2024-02-01', { number: 45, unit: 'days', endOfMonth: true }, '2024-03-31'],
    ['2024-12-20', { number: 30, unit: 'days', endOfMonth: true }, '2025-01-31'],
    ['2024-01-31', { number: 1, unit: 'months', endOfMonth: true }, '2024-02-29'],
    ['2024-03-05', { number: 0, unit: 'days', endOfMonth: true }, '2024-03-31'],
  ] as const)('%s with %o is due %s', (date, term, expected) => {
    expect(dueDate(date, term)).toBe(expected);
  });

  it('labels state the end-of-month rule', () => {
    const term = { number: 30, unit: 'days', endOfMonth: true } as const;
    expect(payTermLabel(term, 'fr')).toBe('30 jours fin de mois (date du document + 30 jours, puis dernier jour de ce mois)');
    expect(payTermLabel(term, 'en')).toBe('30 days end of month (document date + 30 days, then the last day of that month)');
    expect(payTermLabel({ number: 2, unit: 'months', endOfMonth: false }, 'fr')).toBe('2 mois (date du document + 2 mois)');
    expect(payTermLabel({ number: 1, unit: 'days', endOfMonth: false }, 'en')).toBe('1 day (document date + 1 day)');
    expect(payTermLabel(null, 'fr')).toBe('Comptant (échéance à la date du document)');
  });
});

describe('business dates', () => {
  it('month arithmetic clamps to month ends', () => {
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(endOfMonth('2100-02-10')).toBe('2100-02-28');
    expect(endOfMonth('2000-02-10')).toBe('2000-02-29');
  });

  it('counts days across daylight saving changes', () => {
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2);
    expect(daysBetween('2024-10-26', '2024-10-28')).toBe(2);
    expect(daysBetween('2024-04-01', '2024-03-01')).toBe(-31);
  });

  it.each([
    // [instant (UTC), time zone, local date]
    ['2024-03-31T21:30:00Z', 'Europe/Paris', '2024-03-31'],
    ['2024-03-31T22:15:00Z', 'Europe/Paris', '2024-04-01'],
    ['2024-04-01T03:30:00Z', 'America/Martinique', '2024-03-31'],
    ['2024-04-01T04:15:00Z', 'America/Martinique', '2024-04-01'],
    ['2024-10-26T22:30:00Z', 'Europe/Paris', '2024-10-27'],
  ])('%s in %s is %s', (instant, timezone, expected) => {
    expect(todayIn(timezone, new Date(instant))).toBe(expected);
  });
});
