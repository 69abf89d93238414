/**
 * Numbers typed in the web app's fields: read in the user's convention into
 * scaled integers, written back in it, and turned into the API's decimal
 * strings, with a message naming the value and an example when a field
 * cannot take the text.
 */
import fc from 'fast-check';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import {
  decimalToField,
  exampleOf,
  fieldToDecimal,
  formatNumber,
  moneyRule,
  numberError,
  percentRule,
  quantityRule,
  readNumber,
  tidyField,
} from '../../web/src/shared/number-input.ts';

const euros = moneyRule(2);
const signedEuros = moneyRule(2, 'any');
const yen = moneyRule(0);

/** Intl and the French fields group digits with a narrow no-break space; read it as a space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: 'fr',
    interpolation: { escapeValue: false },
  });
});

describe('amounts typed in French', () => {
  it.each([
    ['1 234,50', '1234.50'],
    ['1\u00a0234,50', '1234.50'],
    ['1\u202f234,5', '1234.50'],
    ['1234,50', '1234.50'],
    ['1.234,50', '1234.50'],
    ['1.234.567', '1234567.00'],
    ['12,5', '12.50'],
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    ['1.234.567,8', '1234567.80'],
    ['1,234.50', '1234.50'],
    ['0,05', '0.05'],
    [',5', '0.50'],
    ['12,500', '12.50'],
    ['+12', '12.00'],
    ['0', '0.00'],
    ['  42  ', '42.00'],
  ])('reads %s as %s', (typed, decimal) => {
    expect(fieldToDecimal(typed, 'fr', euros)).toBe(decimal);
  });

  it.each([
    ['12.345', 'ambiguous'],
    ['1.234', 'ambiguous'],
    ['12,345', 'decimals'],
    ['douze', 'invalid'],
    ['12,5,0', 'invalid'],
    ['12 34,50', 'invalid'],
    ['12,', 'invalid'],
    ['1,2.3', 'invalid'],
    ['12 €', 'invalid'],
    ['1234.567,8', 'invalid'],
    ['-5', 'negative'],
    ['1 000 000 000 000', 'tooLarge'],
  ])('rejects %s as %s', (typed, problem) => {
    expect(readNumber(typed, 'fr', euros)).toEqual({ ok: false, problem });
  });

  it('rejects a negative amount where zero is refused too', () => {
    const payment = moneyRule(2, 'positive');
    expect(readNumber('-5', 'fr', payment)).toEqual({ ok: false, problem: 'notPositive' });
    expect(readNumber('0', 'fr', payment)).toEqual({ ok: false, problem: 'notPositive' });
  });

  it('takes signed amounts where the field allows them', () => {
    expect(fieldToDecimal('-1 234,50', 'fr', signedEuros)).toBe('-1234.50');
    expect(fieldToDecimal('\u22125', 'fr', signedEuros)).toBe('-5.00');
  });

  it('reads blank text as no value', () => {
    expect(readNumber('   ', 'fr', euros)).toBeNull();
    expect(fieldToDecimal('', 'fr', euros)).toBeNull();
  });
});

describe('amounts typed in English', () => {
  it.each([
    ['1,234.50', '1234.50'],
    ['1234.50', '1234.50'],
    ['1,234', '1234.00'],
    ['1,234,567.8', '1234567.80'],
    ['12,5', '12.50'],
    ['1.234,50', '1234.50'],
    ['1 234.50', '1234.50'],
  ])('reads %s as %s', (typed, decimal) => {
    expect(fieldToDecimal(typed, 'en', euros)).toBe(decimal);
  });

  it.each([
    ['1.234', 'decimals'],
    ['twelve', 'invalid'],
    ['1,23,456', 'invalid'],
  ])('rejects %s as %s', (typed, problem) => {
    expect(readNumber(typed, 'en', euros)).toEqual({ ok: false, problem });
  });
});

describe('currency digits', () => {
  it('takes no decimals in yen', () => {
    expect(fieldToDecimal('1 500', 'fr', yen)).toBe('1500');
    expect(fieldToDecimal('1500,00', 'fr', yen)).toBe('1500');
    expect(readNumber('1500,5', 'fr', yen)).toEqual({ ok: false, problem: 'decimals' });
  });

  it('takes three decimals in dinars', () => {
    const dinars = moneyRule(3);
    expect(fieldToDecimal('12,345', 'fr', dinars)).toBe('12.345');
    expect(readNumber('12.345', 'fr', dinars)).toEqual({ ok: false, problem: 'ambiguous' });
    expect(fieldToDecimal('12.345', 'en', dinars)).toBe('12.345');
  });
});

describe('numbers written for the fields', () => {
  it('writes amounts with every decimal and grouped thousands', () => {
    expect(plain(formatNumber(123450n, 'fr', euros))).toBe('1 234,50');
    expect(formatNumber(123450n, 'en', euros)).toBe('1,234.50');
    expect(plain(formatNumber(-100000000n, 'fr', euros))).toBe('-1 000 000,00');
    expect(formatNumber(5n, 'en', euros)).toBe('0.05');
    expect(plain(formatNumber(1500n, 'fr', yen))).toBe('1 500');
  });

  it('writes percentages and quantities with the decimals that matter', () => {
    expect(formatNumber(550n, 'fr', percentRule)).toBe('5,5');
    expect(formatNumber(2000n, 'fr', percentRule)).toBe('20');
    expect(formatNumber(1500n, 'en', quantityRule)).toBe('1.5');
  });

  it('writes API decimals for editing', () => {
    expect(plain(decimalToField('1234.50', 'fr', euros))).toBe('1 234,50');
    expect(decimalToField('1234.50', 'en', euros)).toBe('1,234.50');
    expect(plain(decimalToField('-500', 'fr', signedEuros))).toBe('-500,00');
    expect(decimalToField('5.5', 'fr', percentRule)).toBe('5,5');
    expect(decimalToField(null, 'fr', euros)).toBe('');
    expect(decimalToField('n/a', 'fr', euros)).toBe('n/a');
  });

  it('tidies readable text and keeps the rest', () => {
    expect(plain(tidyField('1234,5', 'fr', euros))).toBe('1 234,50');
    expect(tidyField('1234.5', 'en', euros)).toBe('1,234.50');
    expect(tidyField('12.345', 'fr', euros)).toBe('12.345');
  });

  it('gives examples in the user form', () => {
    expect(plain(exampleOf('fr', euros))).toBe('1 234,50');
    expect(exampleOf('en', euros)).toBe('1,234.50');
    expect(plain(exampleOf('fr', yen))).toBe('1 234');
    expect(exampleOf('fr', percentRule)).toBe('5,5');
    expect(exampleOf('en', quantityRule)).toBe('1.5');
  });

  it('reads back whatever it writes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -99_999_999_999_999n, max: 99_999_999_999_999n }), fc.constantFrom('fr', 'en'), (scaled, locale) => {
        const text = formatNumber(scaled, locale as 'fr' | 'en', signedEuros);
        expect(readNumber(text, locale as 'fr' | 'en', signedEuros)).toEqual({ ok: true, scaled });
      }),
    );
  });
});

describe('field messages', () => {
  it('names the value and an example in French', () => {
    const t = i18n.getFixedT('fr');
    expect(plain(numberError('12.345', 'fr', euros, t) ?? '')).toBe(
      '« 12.345 » est ambigu : le point peut séparer les milliers ou les décimales. Écrivez par exemple 1 234,50, avec une virgule avant les décimales.',
    );
    expect(plain(numberError('12,345', 'fr', euros, t) ?? '')).toBe('« 12,345 » a trop de décimales : 2 au plus, par exemple 1 234,50.');
    expect(plain(numberError('douze', 'fr', euros, t) ?? '')).toBe('« douze » n’est pas un montant valide : écrivez-le par exemple 1 234,50.');
    expect(plain(numberError('1,5', 'fr', yen, t) ?? '')).toBe('« 1,5 » ne prend pas de décimales : écrivez par exemple 1 234.');
    expect(numberError('-3', 'fr', euros, t)).toBe('« -3 » ne peut pas être négatif : indiquez une valeur positive ou zéro.');
    expect(numberError('0', 'fr', quantityRule, t)).toBe('« 0 » doit être supérieur à zéro.');
    expect(numberError('101', 'fr', percentRule, t)).toBe('« 101 » est trop grand : 100 au maximum.');
  });

  it('names the value and an example in English', () => {
    const t = i18n.getFixedT('en');
    expect(numberError('twelve', 'en', euros, t)).toBe('“twelve” is not a valid amount: write it like 1,234.50.');
    expect(numberError('1.234', 'en', euros, t)).toBe('“1.234” has too many decimals: at most 2, as in 1,234.50.');
    expect(numberError('abc', 'en', percentRule, t)).toBe('“abc” is not a valid percentage: write it like 5.5.');
  });

  it('has nothing to say of readable or blank text', () => {
    const t = i18n.getFixedT('fr');
    expect(numberError('1 234,50', 'fr', euros, t)).toBeUndefined();
    expect(numberError('', 'fr', euros, t)).toBeUndefined();
  });
});
