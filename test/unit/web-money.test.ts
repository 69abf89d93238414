import { describe, expect, it } from 'vitest';
import { decimalSign, formatMoney } from '../../web/src/shared/money.ts';
import { inputToIso, isoToInput } from '../../web/src/shared/dates.ts';

/** Intl separates groups and currency signs with no-break spaces; read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('decimal sign', () => {
  it.each([
    ['120.50', 1],
    ['-0.01', -1],
    ['0.00', 0],
    ['-0.00', 0],
    ['not a number', 0],
  ] as const)('%s has sign %i', (value, sign) => {
    expect(decimalSign(value)).toBe(sign);
  });
});

describe('money display', () => {
  it('formats in French and English with the sign of a balance', () => {
    expect(plain(formatMoney('1234.50', 'EUR', 'fr'))).toBe('1 234,50 €');
    expect(plain(formatMoney('1234.50', 'EUR', 'fr', { signed: true }))).toBe('+1 234,50 €');
    expect(plain(formatMoney('-500.00', 'EUR', 'fr', { signed: true }))).toBe('-500,00 €');
    expect(formatMoney('1234.50', 'EUR', 'en', { signed: true })).toBe('+€1,234.50');
    expect(formatMoney('0.00', 'EUR', 'en', { signed: true })).toBe('€0.00');
  });

  it('keeps every digit of amounts beyond float precision', () => {
    expect(formatMoney('90071992547409.93', 'EUR', 'en')).toBe('€90,071,992,547,409.93');
  });
});

describe('typed dates', () => {
  it('reads day-first dates and ISO dates', () => {
    expect(inputToIso('31/12/1980')).toBe('1980-12-31');
    expect(inputToIso('1.2.2001')).toBe('2001-02-01');
    expect(inputToIso('2001-02-01')).toBe('2001-02-01');
    expect(inputToIso('demain')).toBe('demain');
  });

  it('writes API dates day first', () => {
    expect(isoToInput('1980-12-31')).toBe('31/12/1980');
    expect(isoToInput(null)).toBe('');
  });
});
