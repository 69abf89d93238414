/**
 * Turns a contact input into column values without touching the database:
 * every format rule, with an issue or a warning on the field's JSON path.
 */
import type { BusinessRow, ContactRow, NewContactRow } from '../db/schema.ts';
import type { FieldIssue, IssueList } from '../shared/errors.ts';
import { normalizeBic, normalizeIban } from './bank-accounts.ts';
import { CODE_PATTERN } from './codes.ts';
import { isCountryCode } from './countries.ts';
import { FieldReader } from './fields.ts';
import { MAX_DAYS_AHEAD } from '../ledger/dates.ts';
import {
  type ContactInput,
  type ContactKind,
  contactKinds,
  contactStatuses,
  contactTypes,
  MAX_ASSIGNED_USERS,
  maxLength,
  payTermUnits,
  writableFields,
} from './model.ts';
import { readPhone } from './phones.ts';
import { normalizeCardSpaces } from './search/search-terms.ts';
import { parseCustomFields } from './serialize.ts';
import { checkVatNumber, taxNumberKey } from './tax-numbers.ts';

/** Column values of a contact as validated; `code` null means "generate one". */
export type ContactColumns = Omit<
  NewContactRow,
  'id' | 'business_id' | 'balance' | 'receivable' | 'payable' | 'advance' | 'created_by' | 'created_at' | 'updated_at' | 'anonymised_at' | 'code'
> & { code: string | null; custom_fields: string };

export interface ReadContext {
  business: Pick<BusinessRow, 'currency' | 'country' | 'custom_field_labels'>;
  /** The stored contact on update: unchanged values are not warned about again. */
  existing: ContactRow | null;
  /** Today in the business time zone (`YYYY-MM-DD`). */
  today: string;
}

export interface ReadResult {
  columns: ContactColumns;
  assignedUserIds: string[];
}

const PAY_TERM_MAX = { days: 3650, months: 120 } as const;
const writable: ReadonlySet<string> = new Set(writableFields);

export function readContactFields(
  input: ContactInput,
  context: ReadContext,
  issues: IssueList,
  warnings: FieldIssue[],
): ReadResult {
  const read = new FieldReader(issues);
  const { business, existing } = context;
  for (const key of Object.keys(input)) {
    if (!writable.has(key)) issues.add(key, 'unknown_field', { field: key });
  }

  const country = readCountry(read, input.country);
  const phoneCountry = country ?? business.country;
  const countryChanged = existing !== null && (existing.country ?? business.country) !== phoneCountry;
  const phones = readPhones(read, input, phoneCountry, countryChanged, existing, warnings);
  const names = readNames(read, input);
  const email = read.email(input.email, 'email');
  const taxNumber = read.text(input.taxNumber, 'taxNumber', maxLength.taxNumber);
  const taxKey = taxNumber === null ? null : taxNumberKey(taxNumber);
  if (taxNumber !== null && (existing === null || existing.tax_number_key !== taxKey || countryChanged)) {
    const vat = checkVatNumber(taxNumber, phoneCountry);
    if (vat && !vat.valid) warnings.push({ path: 'taxNumber', code: 'invalid_tax_number', params: { value: taxNumber, country: vat.country } });
  }
  const openingBalance = read.amount(input.openingBalance, 'openingBalance', business.currency, { negative: true }) ?? 0;
  const openingBalanceDate = read.date(input.openingBalanceDate, 'openingBalanceDate', { today: context.today, aheadDays: MAX_DAYS_AHEAD });
  const payTerm = readPayTerm(read, input.payTerm);
  const bank = readBankAccount(read, input.bankAccount);

  const columns: ContactColumns = {
    code: readCode(read, input.code, existing),
    type: read.choice(input.type, 'type', contactTypes, 'customer'),
    ...names,
    ...phones,
    email,
    email_key: email?.toLowerCase() ?? null,
    tax_number: taxNumber,
    tax_number_key: taxKey,
    address_line1: read.text(input.addressLine1, 'addressLine1', maxLength.addressLine),
    address_line2: read.text(input.addressLine2, 'addressLine2', maxLength.addressLine),
    city: read.text(input.city, 'city', maxLength.city),
    state: read.text(input.state, 'state', maxLength.state),
    country,
    zip_code: read.text(input.zipCode, 'zipCode', maxLength.zipCode),
    shipping_address: read.text(input.shippingAddress, 'shippingAddress', maxLength.shippingAddress),
    date_of_birth: read.date(input.dateOfBirth, 'dateOfBirth', { today: context.today, aheadDays: 0 }),
    // Whether the group exists is checked in validateContactInput.
    customer_group_id: read.text(input.customerGroupId, 'customerGroupId', maxLength.id),
    credit_limit: read.amount(input.creditLimit, 'creditLimit', business.currency, { negative: false }) ?? null,
    pay_term_number: payTerm?.number ?? null,
    pay_term_unit: payTerm?.unit ?? null,
    pay_term_end_of_month: payTerm?.endOfMonth ? 1 : 0,
    opening_balance: openingBalance,
    // A non-zero opening balance is dated, as of today unless a date is given.
    opening_balance_date: openingBalance === 0 ? null : openingBalanceDate ?? context.today,
    loyalty_card_number: readCardNumber(read, input.loyaltyCardNumber),
    status: read.choice(input.status, 'status', contactStatuses, 'active'),
    ...bank,
    custom_fields: JSON.stringify(readCustomFields(read, input.customFields, business, existing)),
  };
  checkCustomerOnlyFields(read, input, columns, existing);
  return { columns, assignedUserIds: readUserIds(read, input.assignedUserIds) };
}

/** The fields that only a customer uses: sales read them, and supplier pages neither show nor edit them. */
export const customerOnlyFields = [
  { field: 'loyaltyCardNumber', column: 'loyalty_card_number' },
  { field: 'creditLimit', column: 'credit_limit' },
  { field: 'customerGroupId', column: 'customer_group_id' },
] as const;

/**
 * Rejects a loyalty card, credit limit or customer group given to a supplier,
 * on creation, when the value changes, or when the contact becomes a supplier.
 * An update that turns a customer into a supplier has already cleared the
 * stored values that its patch does not set (see `clearFieldsOfNewSupplier`),
 * so what remains here is a value the caller gave. A value stored on a
 * supplier stays, so the contact's other fields can still be changed.
 * The issue gives a group's id, which `nameGroupOnSupplier` turns into its name.
 */
function checkCustomerOnlyFields(read: FieldReader, input: ContactInput, columns: ContactColumns, existing: ContactRow | null): void {
  if (columns.type !== 'supplier') return;
  for (const { field, column } of customerOnlyFields) {
    const value = columns[column];
    if (value === null || value === undefined) continue;
    const storedOnSupplier = existing !== null && existing.type === 'supplier' && String(existing[column]) === String(value);
    if (storedOnSupplier) continue;
    const named = column === 'customer_group_id' ? String(value) : String(input[field]);
    read.issues.add(field, 'customer_field_on_supplier', { value: named });
  }
}

function readCountry(read: FieldReader, value: unknown): string | null {
  const text = read.text(value, 'country', 10);
  if (text === null) return null;
  const code = text.toUpperCase();
  if (isCountryCode(code)) return code;
  read.issues.add('country', 'invalid_country', { value: text });
  return null;
}

/** Reads a loyalty card number with its spaces made ASCII, so that the SQL card key drops them as the JS one does. */
function readCardNumber(read: FieldReader, value: unknown): string | null {
  const card = read.text(value, 'loyaltyCardNumber', maxLength.loyaltyCardNumber);
  return card === null ? null : normalizeCardSpaces(card);
}

function readCode(read: FieldReader, value: unknown, existing: ContactRow | null): string | null {
  const code = read.text(value, 'code', maxLength.code);
  if (code === null) {
    // A stored contact keeps a code: clearing it is an error, not a regeneration.
    if (existing !== null && !read.issues.items.some((issue) => issue.path === 'code')) read.issues.add('code', 'required');
    return null;
  }
  if (!CODE_PATTERN.test(code)) {
    read.issues.add('code', 'invalid_code', { value: code });
    return null;
  }
  return code;
}

function readNames(read: FieldReader, input: ContactInput) {
  const prefix = read.text(input.prefix, 'prefix', maxLength.prefix);
  const businessName = read.text(input.businessName, 'businessName', maxLength.businessName);
  const firstText = read.text(input.firstName, 'firstName', maxLength.namePart);
  const fallbackKind: ContactKind = businessName !== null && firstText === null ? 'business' : 'individual';
  const kind = read.choice(input.kind, 'kind', contactKinds, fallbackKind);
  const middleName = read.text(input.middleName, 'middleName', maxLength.namePart);
  const lastName = read.text(input.lastName, 'lastName', maxLength.namePart);

  const pathsWithIssues = new Set(read.issues.items.map((issue) => issue.path));
  if (kind === 'individual' && firstText === null && !pathsWithIssues.has('firstName')) read.issues.add('firstName', 'required');
  if (kind === 'business' && businessName === null && !pathsWithIssues.has('businessName')) {
    read.issues.add('businessName', 'required');
  }
  const personName = [prefix, firstText, middleName, lastName].filter((part) => part !== null).join(' ');
  const name = kind === 'business' ? businessName ?? '' : personName;
  return { kind, prefix, first_name: firstText, middle_name: middleName, last_name: lastName, business_name: businessName, name };
}

function readPhones(
  read: FieldReader,
  input: ContactInput,
  country: string,
  countryChanged: boolean,
  existing: ContactRow | null,
  warnings: FieldIssue[],
) {
  const one = (path: 'mobile' | 'alternateNumber' | 'landline', stored: string | null) => {
    const text = path === 'mobile'
      ? read.requiredText(input[path], path, maxLength.phone)
      : read.text(input[path], path, maxLength.phone);
    if (text === null) return null;
    const phone = readPhone(text, country);
    if (phone.tooShort) {
      read.issues.add(path, 'phone_too_short', { value: text });
      return null;
    }
    const changed = existing === null || stored !== phone.typed || countryChanged;
    if (phone.e164 === null && changed) {
      // A number written with its own country code is checked against that country, not the business's.
      const international = /^(\+|00)/.test(phone.typed);
      warnings.push({ path, code: international ? 'phone_invalid' : 'phone_unreadable', params: international ? { value: text } : { value: text, country } });
    }
    return phone;
  };
  const mobile = one('mobile', existing?.mobile ?? null);
  const alternate = one('alternateNumber', existing?.alternate_number ?? null);
  const landline = one('landline', existing?.landline ?? null);
  return {
    mobile: mobile?.typed ?? '',
    mobile_e164: mobile?.e164 ?? null,
    mobile_digits: mobile?.digits ?? null,
    alternate_number: alternate?.typed ?? null,
    alternate_number_e164: alternate?.e164 ?? null,
    landline: landline?.typed ?? null,
    landline_e164: landline?.e164 ?? null,
  };
}

function readPayTerm(read: FieldReader, value: ContactInput['payTerm']) {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    read.issues.add('payTerm', 'invalid_type', { expected: 'object' });
    return null;
  }
  const unit = read.choice(value.unit, 'payTerm.unit', payTermUnits, 'days');
  if (value.unit === undefined || value.unit === null || value.unit === '') read.issues.add('payTerm.unit', 'required');
  const number = read.integer(value.number, 'payTerm.number', 0, PAY_TERM_MAX[unit]);
  const endOfMonth = value.endOfMonth ?? false;
  if (typeof endOfMonth !== 'boolean') read.issues.add('payTerm.endOfMonth', 'invalid_type', { expected: 'boolean' });
  if (number === null) return null;
  return { number, unit, endOfMonth: endOfMonth === true };
}

function readBankAccount(read: FieldReader, value: ContactInput['bankAccount']) {
  const empty = { bank_iban: null, bank_bic: null, bank_holder: null };
  if (value === undefined || value === null) return empty;
  if (typeof value !== 'object' || Array.isArray(value)) {
    read.issues.add('bankAccount', 'invalid_type', { expected: 'object' });
    return empty;
  }
  const ibanText = read.text(value.iban, 'bankAccount.iban', maxLength.iban);
  const bicText = read.text(value.bic, 'bankAccount.bic', maxLength.bic);
  const iban = ibanText === null ? null : normalizeIban(ibanText);
  const bic = bicText === null ? null : normalizeBic(bicText);
  if (ibanText !== null && iban === null) read.issues.add('bankAccount.iban', 'invalid_iban', { value: ibanText });
  if (bicText !== null && bic === null) read.issues.add('bankAccount.bic', 'invalid_bic', { value: bicText });
  return { bank_iban: iban, bank_bic: bic, bank_holder: read.text(value.holder, 'bankAccount.holder', maxLength.bankHolder) };
}

/**
 * Custom field values keyed by the business's labelled keys. A value the
 * contact already had passes even if its label was removed since, so an
 * unrelated update does not fail on it.
 */
function readCustomFields(
  read: FieldReader,
  value: ContactInput['customFields'],
  business: ReadContext['business'],
  existing: ContactRow | null,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    read.issues.add('customFields', 'invalid_type', { expected: 'object' });
    return {};
  }
  const labels = parseCustomFields(business.custom_field_labels);
  const stored = existing ? parseCustomFields(existing.custom_fields) : {};
  const fields: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value)) {
    const path = `customFields.${key}`;
    const text = read.text(raw, path, maxLength.customField);
    const labelled = typeof labels[key] === 'string' && labels[key].trim() !== '';
    if (!labelled && stored[key] !== text) {
      const number = /^custom([1-9]|10)$/.exec(key)?.[1];
      if (number) read.issues.add(path, 'custom_field_unlabelled', { number });
      else read.issues.add(path, 'unknown_field', { field: key });
      continue;
    }
    if (text !== null) fields[key] = text;
  }
  return fields;
}

function readUserIds(read: FieldReader, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    read.issues.add('assignedUserIds', 'invalid_type', { expected: 'array' });
    return [];
  }
  if (value.length > MAX_ASSIGNED_USERS) {
    read.issues.add('assignedUserIds', 'too_many_items', { max: MAX_ASSIGNED_USERS });
    return [];
  }
  const ids: string[] = [];
  value.forEach((item: unknown, index) => {
    const id = read.text(item, `assignedUserIds.${index}`, maxLength.id);
    if (id !== null && !ids.includes(id)) ids.push(id);
  });
  return ids;
}
