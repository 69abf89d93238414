import { describe, expect, it } from 'vitest';
import type { ContactInput } from '../../src/contacts/model.ts';
import { readContactFields } from '../../src/contacts/read-fields.ts';
import { type FieldIssue, IssueList } from '../../src/shared/errors.ts';
import { translate } from '../../src/shared/messages.ts';

const business = { currency: 'EUR', country: 'FR', custom_field_labels: '{"custom1":"Allergies","custom2":""}' };

function read(input: ContactInput, currency = 'EUR') {
  const issues = new IssueList();
  const warnings: FieldIssue[] = [];
  const result = readContactFields(input, { business: { ...business, currency }, existing: null, today: '2024-06-15' }, issues, warnings);
  return { ...result, issues: issues.items, warnings };
}

const base = { firstName: 'Anne', mobile: '06 12 34 56 78' };

describe('readContactFields', () => {
  it('fills defaults', () => {
    const { columns, issues } = read(base);
    expect(issues).toEqual([]);
    expect(columns).toMatchObject({ type: 'customer', kind: 'individual', status: 'active', code: null, name: 'Anne' });
    expect(columns.mobile_e164).toBe('+33612345678');
    expect(columns.mobile_digits).toBe('0612345678');
    expect(columns.opening_balance).toBe(0);
    expect(columns.opening_balance_date).toBeNull();
  });

  it('dates a non-zero opening balance today by default', () => {
    expect(read({ ...base, openingBalance: '-12.5' }).columns).toMatchObject({ opening_balance: -1250, opening_balance_date: '2024-06-15' });
  });

  it('uses the currency digits for amounts', () => {
    expect(read({ ...base, creditLimit: '1500' }, 'JPY').columns.credit_limit).toBe(1500);
    const issue = read({ ...base, creditLimit: '15.5' }, 'JPY').issues[0];
    expect(issue).toEqual({ path: 'creditLimit', code: 'invalid_amount', params: { value: '15.5', digits: 0, example: '123450' } });
  });

  it('rejects a birth date after today', () => {
    expect(read({ ...base, dateOfBirth: '2024-06-16' }).issues[0]).toMatchObject({ path: 'dateOfBirth', code: 'date_in_future' });
    expect(read({ ...base, dateOfBirth: '2024-06-15' }).issues).toEqual([]);
  });

  it('requires the unit and number of a pay term', () => {
    const paths = read({ ...base, payTerm: {} }).issues.map((issue) => `${issue.path}:${issue.code}`);
    expect(paths).toEqual(['payTerm.unit:required', 'payTerm.number:required']);
    expect(read({ ...base, payTerm: { number: 3650, unit: 'days' } }).columns.pay_term_number).toBe(3650);
    expect(read({ ...base, payTerm: { number: 30, unit: 'days', endOfMonth: 'yes' } }).issues[0]?.path).toBe('payTerm.endOfMonth');
  });

  it('accepts only labelled custom fields', () => {
    const { issues, columns } = read({ ...base, customFields: { custom1: ' lait ', custom2: 'x', custom11: 'y' } });
    expect(issues.map((issue) => issue.path)).toEqual(['customFields.custom2', 'customFields.custom11']);
    expect(JSON.parse(columns.custom_fields)).toEqual({ custom1: 'lait' });
  });

  it('drops empty custom field values', () => {
    expect(read({ ...base, customFields: { custom1: '  ' } }).columns.custom_fields).toBe('{}');
  });

  it('reports unknown keys by name', () => {
    expect(read({ ...base, nickname: 'Nanou' } as ContactInput).issues).toEqual([
      { path: 'nickname', code: 'unknown_field', params: { field: 'nickname' } },
    ]);
  });

  it('dedupes assigned users and checks their shape', () => {
    expect(read({ ...base, assignedUserIds: ['u1', ' u1 ', 'u2'] }).assignedUserIds).toEqual(['u1', 'u2']);
    expect(read({ ...base, assignedUserIds: 'u1' as unknown as string[] }).issues[0]?.code).toBe('invalid_type');
    expect(read({ ...base, assignedUserIds: Array(51).fill('u') }).issues[0]?.code).toBe('too_many_items');
  });

  it('warns about an unreadable phone and keeps it', () => {
    const { columns, warnings } = read({ ...base, landline: '12 34 56 78' });
    expect(columns.landline).toBe('12 34 56 78');
    expect(columns.landline_e164).toBeNull();
    expect(warnings).toEqual([{ path: 'landline', code: 'phone_unreadable', params: { value: '12 34 56 78', country: 'FR' } }]);
  });

  it('checks a number with its own country code against that country', () => {
    const { columns, warnings } = read({ ...base, landline: '+44 7700 900123' });
    expect(columns.landline).toBe('+44 7700 900123');
    expect(warnings).toEqual([{ path: 'landline', code: 'phone_invalid', params: { value: '+44 7700 900123' } }]);
    expect(translate('phone_invalid', 'en', warnings[0]?.params)).not.toContain('FR');
  });
});
