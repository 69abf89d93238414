import { describe, expect, it } from 'vitest';
import { makeFormatters } from '../../web/src/i18n/format.ts';

describe('web date formats', () => {
  it('day of a timestamp in the business zone', () => {
    const format = makeFormatters('fr', 'EUR', 'Europe/Paris');
    // 00:29 on 5 December in Paris, still 4 December in UTC.
    expect(format.day('2026-12-04T23:29:21.128Z')).toBe(format.date('2026-12-05'));
  });

  it('day of a timestamp in English', () => {
    const format = makeFormatters('en', 'EUR', 'America/New_York');
    expect(format.day('2026-12-05T03:00:00.000Z')).toBe('4 Dec 2026');
  });

  it('day of an unreadable timestamp', () => {
    expect(makeFormatters('fr', 'EUR', 'Europe/Paris').day('hier')).toBe('hier');
  });
});
