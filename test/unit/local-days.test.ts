import { describe, expect, it } from 'vitest';
import { localDayEnd, localDayStart } from '../../src/contacts/search/local-days.ts';

describe('local day bounds', () => {
  it('starts days at local midnight', () => {
    expect(localDayStart('2026-01-15', 'Europe/Paris')).toBe('2026-01-14T23:00:00.000Z');
    expect(localDayStart('2026-07-15', 'Europe/Paris')).toBe('2026-07-14T22:00:00.000Z');
    expect(localDayEnd('2026-07-15', 'Europe/Paris')).toBe('2026-07-15T22:00:00.000Z');
  });

  it('spans daylight-saving changes at night', () => {
    // Paris changes its clocks at 02:00 in March and 03:00 in October, so both days begin at midnight.
    expect(localDayStart('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(localDayEnd('2026-03-29', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(localDayStart('2026-10-25', 'Europe/Paris')).toBe('2026-10-24T22:00:00.000Z');
    expect(localDayEnd('2026-10-25', 'Europe/Paris')).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day whose midnight is skipped', () => {
    // Santiago goes from 00:00 (UTC-4) to 01:00 (UTC-3) on 6 September 2026, so that day begins at 01:00.
    expect(localDayStart('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(localDayEnd('2026-09-05', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    // Havana does the same on 8 March 2026, from UTC-5 to UTC-4.
    expect(localDayStart('2026-03-08', 'America/Havana')).toBe('2026-03-08T05:00:00.000Z');
  });

  it('starts a day after midnight is repeated', () => {
    // Santiago goes back from 00:00 (UTC-3) to 23:00 (UTC-4) on 5 April 2026, so 5 April begins at the second midnight.
    expect(localDayStart('2026-04-05', 'America/Santiago')).toBe('2026-04-05T04:00:00.000Z');
    expect(localDayEnd('2026-04-04', 'America/Santiago')).toBe('2026-04-05T04:00:00.000Z');
  });
});
