import { describe, expect, it } from 'vitest';
import { amountFromNumber, parseAmount } from '../../src/transfer/values/amount.ts';
import { cellText, phoneFromNumber, unneutralise, zipFromNumber } from '../../src/transfer/values/cells.ts';
import { readKind, readPayTerm, readStatus, readType } from '../../src/transfer/values/choices.ts';
import { countryCode } from '../../src/transfer/values/country.ts';
import { type DateContext, dateFromCell, dateFromSerial, parseDate } from '../../src/transfer/values/date.ts';

const minor = (text: string, locale: 'fr' | 'en' = 'fr') => {
  const result = parseAmount(text, 'EUR', locale);
  return result.ok ? result.minor : result.code;
};

describe('amount parser', () => {
  it.each([
    ['5323,54', 532354],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1\u202f234,56', 123456],
    ['1.234,56', 123456],
    ['1234.56', 123456],
    ['-15,00', -1500],
    ['−15,00', -1500],
    ['(15,00)', -1500],
    ['0', 0],
    ['12,5', 1250],
    ['12,50 €', 1250],
    ['€ 12,50', 1250],
    ['$-142.85', -14285],
    ['1 234 567,89', 123456789],
    ["1'234.56", 123456],
    ['1.234.567', 123456700],
    ['12,5000', 1250],
  ])('reads %s in French', (text, expected) => {
    expect(minor(text)).toBe(expected);
  });

  it('reads empty text as no amount', () => {
    expect(minor('')).toBeNull();
    expect(minor('   ')).toBeNull();
  });

  it.each(['1,234', '1.234', '12.345'])('rejects ambiguous %s in French', (text) => {
    expect(minor(text)).toBe('amount_ambiguous');
  });

  it.each(['12,345,6', '1 23,45', 'abc', '12,', '1,2,3,4', '--5', '12 34', '1.23.45,6', '0x10', '1e5'])(
    'rejects malformed %s',
    (text) => {
      expect(minor(text)).toBe('invalid_amount');
    },
  );

  it('rejects three decimals for euros', () => {
    expect(minor('1 234,567')).toBe('invalid_amount');
  });

  it('reads English grouping and decimals', () => {
    expect(minor('1,234', 'en')).toBe(123400);
    expect(minor('1,234.56', 'en')).toBe(123456);
    expect(minor('5323,54', 'en')).toBe(532354);
    expect(minor('1.234', 'en')).toBe('amount_ambiguous');
  });

  it('rejects amounts beyond the safe range', () => {
    expect(minor('12345678901234567890')).toBe('amount_out_of_range');
  });

  it('rejects amounts above the largest one', () => {
    expect(minor('99999999999999,99')).toBe('amount_out_of_range');
    expect(minor('1 000 000 000 000,00')).toBe('amount_out_of_range');
    expect(minor('-1 000 000 000 000')).toBe('amount_out_of_range');
    expect(minor('999 999 999 999,99')).toBe(99_999_999_999_999);
  });

  it('sums two parsed cents exactly', () => {
    const a = parseAmount('0,1', 'EUR', 'fr');
    const b = parseAmount('0,2', 'EUR', 'fr');
    expect(a).toEqual({ ok: true, minor: 10 });
    expect(b).toEqual({ ok: true, minor: 20 });
    expect(a.ok && b.ok ? (a.minor ?? 0) + (b.minor ?? 0) : null).toBe(30);
  });

  it('reads numeric cells as whole cents only', () => {
    expect(amountFromNumber(1234.56, 'EUR')).toEqual({ ok: true, minor: 123456 });
    expect(amountFromNumber(0.1 + 0.2, 'EUR')).toEqual({ ok: true, minor: 30 });
    expect(amountFromNumber(-15, 'EUR')).toEqual({ ok: true, minor: -1500 });
    expect(amountFromNumber(1.234, 'EUR')).toEqual({ ok: false, code: 'invalid_amount' });
    expect(amountFromNumber(Number.NaN, 'EUR')).toEqual({ ok: false, code: 'invalid_amount' });
  });

  it('reads yen without decimals', () => {
    expect(parseAmount('1 234', 'JPY', 'fr')).toEqual({ ok: true, minor: 1234 });
    expect(parseAmount('12,5', 'JPY', 'fr')).toEqual({ ok: false, code: 'invalid_amount' });
  });
});

describe('date parser', () => {
  const fr: DateContext = { order: 'dmy', today: '2026-06-01' };
  const date = (text: string, context: DateContext = fr) => {
    const result = parseDate(text, context);
    return result.ok ? result.date : result.code;
  };

  it.each([
    ['15/03/1958', '1958-03-15'],
    ['15/03/58', '1958-03-15'],
    ['2024-03-15', '2024-03-15'],
    ['2024-03-15T10:20:00Z', '2024-03-15'],
    ['15-03-2024', '2024-03-15'],
    ['15.03.2024', '2024-03-15'],
    ['5/3/2024', '2024-03-05'],
    ['01/01/00', '2000-01-01'],
    ['19800322', '1980-03-22'],
    ['19531015T231000Z', '1953-10-15'],
    ['15 mars 2024', '2024-03-15'],
    ['1er août 2024', '2024-08-01'],
    ['March 15, 2024', '2024-03-15'],
    ['29/02/2024', '2024-02-29'],
  ])('reads %s', (text, expected) => {
    expect(date(text)).toBe(expected);
  });

  it.each(['03/15/2024', '31/02/2024', '29/02/2023', '00/01/2024', '2024-13-01', 'demain', '15 foo 2024', '1/2/3'])(
    'rejects %s',
    (text) => {
      expect(date(text)).toBe('invalid_date');
    },
  );

  it('moves a two-digit year back a century only when it would be in the future', () => {
    expect(date('01/06/26')).toBe('2026-06-01');
    expect(date('02/06/26')).toBe('1926-06-02');
  });

  it('reads month first when asked', () => {
    expect(date('03/15/2024', { order: 'mdy', today: '2026-01-01' })).toBe('2024-03-15');
  });

  it('converts spreadsheet serials', () => {
    expect(dateFromSerial(45366)).toEqual({ ok: true, date: '2024-03-15' });
    expect(dateFromSerial(1)).toEqual({ ok: true, date: '1900-01-01' });
    expect(dateFromSerial(61)).toEqual({ ok: true, date: '1900-03-01' });
    expect(dateFromSerial(45366.75)).toEqual({ ok: true, date: '2024-03-15' });
    expect(dateFromSerial(60).ok).toBe(false);
    expect(dateFromSerial(-3).ok).toBe(false);
  });

  it('reads date cells by their UTC day', () => {
    expect(dateFromCell(new Date(Date.UTC(2024, 2, 15)))).toEqual({ ok: true, date: '2024-03-15' });
  });
});

describe('choices', () => {
  it('reads contact types as numbers and words', () => {
    expect(['1', '2', '3', 'Client', 'FOURNISSEUR', 'les deux', 'Both', 'customer'].map(readType)).toEqual([
      'customer', 'supplier', 'both', 'customer', 'supplier', 'both', 'both', 'customer',
    ]);
    expect(readType('4')).toBeNull();
  });

  it('reads kinds and statuses', () => {
    expect(readKind('Société')).toBe('business');
    expect(readKind('Particulier')).toBe('individual');
    expect(readStatus('Inactif')).toBe('inactive');
    expect(readStatus(true)).toBe('active');
    expect(readStatus('peut-être')).toBeNull();
  });

  it('reads pay terms as French shops write them', () => {
    expect(readPayTerm('30')).toEqual({ number: 30, unit: null, endOfMonth: false });
    expect(readPayTerm('30 jours fin de mois')).toEqual({ number: 30, unit: 'days', endOfMonth: true });
    expect(readPayTerm('2 mois')).toEqual({ number: 2, unit: 'months', endOfMonth: false });
    expect(readPayTerm('45 days end of month')).toEqual({ number: 45, unit: 'days', endOfMonth: true });
    expect(readPayTerm('months')).toEqual({ number: null, unit: 'months', endOfMonth: false });
    expect(readPayTerm('bientôt')).toBeNull();
  });
});

describe('cells', () => {
  it('restores phone numbers stored as numbers', () => {
    expect(phoneFromNumber(612345678, 'FR')).toEqual({ text: '0612345678', restoredFrom: '612345678' });
    expect(phoneFromNumber(33612345678, 'FR')).toEqual({ text: '+33612345678', restoredFrom: '33612345678' });
    expect(phoneFromNumber(12, 'FR')).toEqual({ text: '12', restoredFrom: null });
    expect(phoneFromNumber(6.12e8 + 0.5, 'FR')).toBeNull();
  });

  it('pads zip codes by country', () => {
    expect(zipFromNumber(1000, 'FR')).toBe('01000');
    expect(zipFromNumber(1000, 'BE')).toBe('1000');
    expect(zipFromNumber(75011, 'FR')).toBe('75011');
  });

  it('writes numbers without exponent and undoes formula neutralisation', () => {
    expect(cellText(33612345678)).toBe('33612345678');
    expect(cellText(1e20)).toBe('100000000000000000000');
    expect(unneutralise("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unneutralise("'+33 6 12")).toBe('+33 6 12');
    expect(unneutralise("'quoted")).toBe("'quoted");
  });
});

describe('country names', () => {
  it.each([
    ['FR', 'FR'], ['fr', 'FR'], ['France', 'FR'], ['Allemagne', 'DE'], ['United States of America', 'US'],
    ['USA', 'US'], ['U.S.A.', 'US'], ['Perú', 'PE'], ['Schweiz', 'CH'], ['Switzerland', 'CH'],
    ['United Kingdom', 'GB'], ['Royaume-Uni', 'GB'], ['Belgique', 'BE'],
  ])('reads %s', (text, code) => {
    expect(countryCode(text)).toBe(code);
  });

  it('returns null for unknown names', () => {
    expect(countryCode('Atlantis')).toBeNull();
    expect(countryCode('ZZ')).toBeNull();
  });
});
