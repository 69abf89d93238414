import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/transfer/formats/table.ts';
import type { ColumnMapping } from '../../src/transfer/mapping/auto-map.ts';
import type { ImportField } from '../../src/transfer/mapping/fields.ts';
import { fieldOfPath, type RowContext, rowInput } from '../../src/transfer/import/row-input.ts';
import { translate } from '../../src/shared/messages.ts';

const context: RowContext = {
  currency: 'EUR', numberLocale: 'fr', dateOrder: 'dmy', today: '2026-06-01', businessCountry: 'FR',
  groups: new Map([['habitues', 'group-1']]),
};

function convert(fields: (ImportField | null)[], cells: RawRow['cells']) {
  const columns: ColumnMapping[] = fields.map((field, index) => ({
    index, key: `#${index + 1}`, header: field ?? '', field, source: 'user', reason: null, sample: [],
  }));
  return rowInput({ line: 7, cells }, columns, context);
}

describe('row conversion', () => {
  it('keeps a whole name as the first name', () => {
    expect(convert(['fullName'], ['Grunberg Laurence']).input).toEqual({ firstName: 'Grunberg Laurence' });
  });

  it('keeps a different whole name as the business name', () => {
    const result = convert(['fullName', 'firstName', 'lastName'], ['Krajcik DVM', 'Terrill', 'Ondricka']);
    expect(result.input).toEqual({ firstName: 'Terrill', lastName: 'Ondricka', businessName: 'Krajcik DVM' });
    const repeated = convert(['fullName', 'firstName', 'lastName'], ['M. Jean Dupont', 'Jean', 'Dupont']);
    expect(repeated.input).toEqual({ firstName: 'Jean', lastName: 'Dupont' });
  });

  it('reads choices, groups, pay terms and bank fields', () => {
    const result = convert(
      ['type', 'kind', 'status', 'customerGroup', 'payTerm', 'payTermUnit', 'bankIban', 'bankHolder', 'custom2'],
      ['3', 'Société', 'Inactif', 'Habitués', '30', 'jours fin de mois', 'FR76 3000', 'Anne', 'bleu'],
    );
    expect(result.issues).toEqual([]);
    expect(result.input).toEqual({
      type: 'both', kind: 'business', status: 'inactive', customerGroupId: 'group-1',
      payTerm: { number: 30, unit: 'days', endOfMonth: true },
      bankAccount: { iban: 'FR76 3000', holder: 'Anne' }, customFields: { custom2: 'bleu' },
    });
  });

  it('reads a pay term written in one column', () => {
    expect(convert(['payTerm'], ['2 mois']).input.payTerm).toEqual({ number: 2, unit: 'months', endOfMonth: false });
    expect(convert(['payTerm'], [45]).input.payTerm).toEqual({ number: 45, unit: 'days', endOfMonth: false });
    expect(convert(['payTerm'], ['bientôt']).issues.map((issue) => issue.code)).toEqual(['pay_term_unreadable']);
  });

  it('names the largest amount', () => {
    const result = convert(['openingBalance'], ['99999999999999,99']);
    expect(result.issues.map((issue) => [issue.field, issue.code])).toEqual([['openingBalance', 'amount_out_of_range']]);
    expect(translate('amount_out_of_range', 'fr', result.issues[0]?.params)).toBe(
      'Le montant « 99999999999999,99 » est trop grand : 999\u202f999\u202f999\u202f999,99\u00a0€ au maximum.',
    );
  });

  it('reports each unreadable value with its field', () => {
    const result = convert(
      ['type', 'country', 'openingBalance', 'creditLimit', 'dateOfBirth', 'customerGroup'],
      ['4', 'Atlantide', '1,234', 'beaucoup', '31/02/2024', 'Inconnus'],
    );
    expect(result.issues.map((issue) => [issue.field, issue.code, issue.value])).toEqual([
      ['type', 'invalid_enum', '4'],
      ['country', 'invalid_country', 'Atlantide'],
      ['openingBalance', 'amount_ambiguous', '1,234'],
      ['creditLimit', 'invalid_amount', 'beaucoup'],
      ['dateOfBirth', 'import_invalid_date', '31/02/2024'],
      ['customerGroup', 'group_not_found', 'Inconnus'],
    ]);
  });

  it('builds a birth date from year, month and day', () => {
    expect(convert(['birthYear', 'birthMonth', 'birthDay'], ['1970', '11', '5']).input).toEqual({ dateOfBirth: '1970-11-05' });
    const broken = convert(['birthYear', 'birthMonth', 'birthDay'], ['1970', '2', '30']);
    expect(broken.issues.map((issue) => [issue.field, issue.code])).toEqual([['birthDay', 'birth_date_incomplete']]);
    const missing = convert(['birthYear', 'birthMonth', 'birthDay'], ['', '2', '3']);
    expect(missing.issues.map((issue) => [issue.field, issue.code])).toEqual([['birthYear', 'birth_date_incomplete']]);
  });

  it('treats placeholder codes and check-box addresses as empty', () => {
    const result = convert(['code', 'shippingAddress', 'city'], ['auto', 'False', 'Sète']);
    expect(result.input).toEqual({ city: 'Sète' });
    expect(result.warnings.map((warning) => [warning.field, warning.code])).toEqual([['shippingAddress', 'value_not_an_address']]);
  });

  it('restores numeric phones and zip codes for the row country', () => {
    const result = convert(['mobile', 'zipCode', 'country'], [470123456, 1000, 'Belgique']);
    expect(result.input).toEqual({ mobile: '0470123456', zipCode: '1000', country: 'BE' });
    expect(result.warnings.map((warning) => warning.code)).toEqual(['phone_restored']);
  });

  it('finds the column behind a use-case path', () => {
    const mapped = new Set<ImportField>(['fullName', 'payTermUnit', 'customerGroup']);
    expect(fieldOfPath('firstName', mapped)).toBe('fullName');
    expect(fieldOfPath('payTerm.unit', mapped)).toBe('payTermUnit');
    expect(fieldOfPath('payTerm.number', mapped)).toBe('payTerm');
    expect(fieldOfPath('bankAccount.bic', mapped)).toBe('bankBic');
    expect(fieldOfPath('customFields.custom3', mapped)).toBe('custom3');
    expect(fieldOfPath('customerGroupId', mapped)).toBe('customerGroup');
    expect(fieldOfPath('assignedUserIds.0', mapped)).toBeNull();
  });
});
