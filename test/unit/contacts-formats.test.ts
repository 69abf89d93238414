import { describe, expect, it } from 'vitest';
import { normalizeBic, normalizeIban } from '../../src/contacts/bank-accounts.ts';
import { isValidCode } from '../../src/contacts/codes.ts';
import { isCountryCode } from '../../src/contacts/countries.ts';
import { isCalendarDate, isEmail, todayIn } from '../../src/contacts/fields.ts';
import { checkVatNumber, taxNumberKey } from '../../src/contacts/tax-numbers.ts';

describe('isCalendarDate', () => {
  it.each(['2024-02-29', '2023-12-31', '2000-02-29', '1900-01-01'])('accepts %s', (text) => {
    expect(isCalendarDate(text)).toBe(true);
  });
  it.each(['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-1-01', '31/03/2024', '2024-03-31T00:00'])(
    'rejects %s',
    (text) => {
      expect(isCalendarDate(text)).toBe(false);
    },
  );
});

describe('todayIn', () => {
  it('counts the day in the business time zone', () => {
    const lateEvening = new Date('2024-03-31T22:30:00Z');
    expect(todayIn('Europe/Paris', lateEvening)).toBe('2024-04-01');
    expect(todayIn('America/Martinique', lateEvening)).toBe('2024-03-31');
  });
});

describe('isEmail', () => {
  it.each(['a@example.fr', 'anne.martin+shop@mail.example.co.uk', 'x@société.fr'])('accepts %s', (text) => {
    expect(isEmail(text)).toBe(true);
  });
  it.each(['a@', '@example.fr', 'a b@example.fr', 'a@example', 'a..b@example.fr', 'a@-example.fr', '.a@example.fr'])(
    'rejects %s',
    (text) => {
      expect(isEmail(text)).toBe(false);
    },
  );
});

describe('tax numbers', () => {
  it('normalizes the key', () => {
    expect(taxNumberKey('fr 40-303.265 045')).toBe('FR40303265045');
  });
  it('checks the VAT of an EU country', () => {
    expect(checkVatNumber('FR40303265045', 'FR')).toEqual({ country: 'FR', valid: true });
    expect(checkVatNumber('FR40303265046', 'FR')).toEqual({ country: 'FR', valid: false });
    expect(checkVatNumber('403 032 650 45', 'FR')).toEqual({ country: 'FR', valid: true });
    expect(checkVatNumber('EL094259216', 'FR')).toEqual({ country: 'GR', valid: true });
    expect(checkVatNumber('094259216', 'GR')).toEqual({ country: 'GR', valid: true });
  });
  it('leaves other countries unchecked', () => {
    expect(checkVatNumber('CHE-123.456.788', 'CH')).toBeNull();
    expect(checkVatNumber('12', 'US')).toBeNull();
  });
});

describe('bank details', () => {
  it('stores an IBAN compact and upper-cased', () => {
    expect(normalizeIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
    expect(normalizeIban('BE68-5390-0754-7034')).toBe('BE68539007547034');
  });
  it('rejects an IBAN with a wrong checksum', () => {
    expect(normalizeIban('FR7630006000011234567890188')).toBeNull();
    expect(normalizeIban('FR76')).toBeNull();
  });
  it('checks the BIC format', () => {
    expect(normalizeBic('bnpa fr pp')).toBe('BNPAFRPP');
    expect(normalizeBic('DEUTDEFF500')).toBe('DEUTDEFF500');
    expect(normalizeBic('BNPAFR')).toBeNull();
  });
});

describe('codes and countries', () => {
  it.each(['CO0001', 'VIP-7', 'A/B.C_1', 'CLÉ1'])('accepts the code %s', (code) => {
    expect(isValidCode(code)).toBe(true);
  });
  it.each(['', 'CO 1', 'a'.repeat(31), 'CO#1', 'x;drop'])('rejects the code %s', (code) => {
    expect(isValidCode(code)).toBe(false);
  });
  it('knows ISO country codes only', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('GF')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
    expect(isCountryCode('fr')).toBe(false);
  });
});
