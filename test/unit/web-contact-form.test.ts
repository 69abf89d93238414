import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../web/src/i18n/en.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { payTermLabel, payTermRule } from '../../web/src/contacts/form/payTerm.ts';
import {
  changedFields,
  emptyValues,
  inputFromValues,
  type ContactFormValues,
} from '../../web/src/contacts/form/values.ts';

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: 'fr',
    interpolation: { escapeValue: false },
  });
});

describe('pay term label', () => {
  it.each([
    ['fr', { number: 30, unit: 'days', endOfMonth: true }, '30 jours fin de mois'],
    ['fr', { number: 1, unit: 'days', endOfMonth: false }, '1 jour'],
    ['fr', { number: 2, unit: 'months', endOfMonth: false }, '2 mois'],
    ['en', { number: 30, unit: 'days', endOfMonth: true }, '30 days end of month'],
    ['en', { number: 1, unit: 'months', endOfMonth: false }, '1 month'],
  ] as const)('in %s reads %j as %s', (locale, term, label) => {
    expect(payTermLabel(term, i18n.getFixedT(locale))).toBe(label);
  });

  it('states the end-of-month rule', () => {
    const term = { number: 45, unit: 'days', endOfMonth: true } as const;
    expect(payTermRule(term, i18n.getFixedT('fr'))).toBe(
      'Échéance : date de la facture + 45 jours, reportée au dernier jour de ce mois-là.',
    );
    expect(payTermRule(null, i18n.getFixedT('en'))).toBe('With no term, each invoice is due on the day it is issued.');
  });
});

function values(changes: Partial<ContactFormValues>): ContactFormValues {
  return { ...emptyValues('customer', 'FR'), firstName: 'Marie', mobile: '06 12 34 56 78', ...changes };
}

const euros = { locale: 'fr', digits: 2 } as const;

describe('contact form body', () => {
  it('sends blanks as null, amounts as decimals and the pay term as numbers', () => {
    const input = inputFromValues(
      values({ email: '  ', openingBalance: '1 200,50', creditLimit: '0', payTermNumber: '30', payTermEndOfMonth: true }),
      euros,
    );
    expect(input.email).toBeNull();
    expect(input.openingBalance).toBe('1200.50');
    expect(input.creditLimit).toBe('0.00');
    expect(input.payTerm).toEqual({ number: 30, unit: 'days', endOfMonth: true });
    expect(input.bankAccount).toBeNull();
  });

  it('sends a non-numeric pay term as typed for the server to reject', () => {
    expect(inputFromValues(values({ payTermNumber: 'trente' }), euros).payTerm?.number).toBe('trente');
  });

  it('drops the credit limit of a supplier', () => {
    expect(inputFromValues(values({ type: 'supplier', creditLimit: '500' }), euros).creditLimit).toBeNull();
  });

  it('patches only the fields the user changed', () => {
    const before = inputFromValues(values({ openingBalance: '120,50' }), euros);
    const after = inputFromValues(values({ openingBalance: '120.5', mobile: '06 22 33 44 55', city: 'Lyon' }), euros);
    expect(changedFields(before, after)).toEqual({ mobile: '06 22 33 44 55', city: 'Lyon' });
  });

  it('patches a cleared custom field as null', () => {
    const before = inputFromValues(values({ customFields: { custom1: 'VIP', custom2: 'Vendredi' } }), euros);
    const after = inputFromValues(values({ customFields: { custom1: 'VIP', custom2: '  ' } }), euros);
    expect(changedFields(before, after)).toEqual({ customFields: { custom2: null } });
  });

  it('patches only the custom fields the user changed', () => {
    const before = inputFromValues(values({ customFields: { custom1: 'VIP', custom2: 'Vendredi' } }), euros);
    const after = inputFromValues(values({ customFields: { custom1: 'VIP', custom2: 'Lundi', custom3: 'Bio' } }), euros);
    expect(changedFields(before, after)).toEqual({ customFields: { custom2: 'Lundi', custom3: 'Bio' } });
  });

  it('leaves unchanged custom fields out', () => {
    const before = inputFromValues(values({ customFields: { custom1: 'VIP' } }), euros);
    const after = inputFromValues(values({ customFields: { custom1: ' VIP ' }, city: 'Lyon' }), euros);
    expect(changedFields(before, after)).toEqual({ city: 'Lyon' });
  });

  it('reads amounts in the user convention', () => {
    expect(inputFromValues(values({ openingBalance: '-1 234,50' }), euros).openingBalance).toBe('-1234.50');
    expect(inputFromValues(values({ openingBalance: '-1,234.50' }), { locale: 'en', digits: 2 }).openingBalance).toBe('-1234.50');
    expect(inputFromValues(values({ creditLimit: '12.345' }), euros).creditLimit).toBe('12.345');
  });
});
