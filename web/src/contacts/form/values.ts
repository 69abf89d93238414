/**
 * The contact form's values (text as typed) and their conversion to and from
 * the API's contact fields. Amounts stay decimal strings throughout.
 */
import type {
  Contact,
  ContactInput,
  ContactPatch,
  ContactKind,
  ContactType,
  CustomFieldKey,
  Locale,
  PayTerm,
} from '../../api/types.ts';
import { inputToIso, isoToInput } from '../../shared/dates.ts';
import { nullIfBlank } from '../../shared/form.ts';
import { decimalToField, fieldToDecimal, moneyRule, type NumberRule } from '../../shared/number-input.ts';

export interface ContactFormValues {
  type: ContactType;
  kind: ContactKind;
  prefix: string;
  firstName: string;
  middleName: string;
  lastName: string;
  businessName: string;
  code: string;
  mobile: string;
  alternateNumber: string;
  landline: string;
  email: string;
  taxNumber: string;
  addressLine1: string;
  addressLine2: string;
  city: string;
  state: string;
  country: string | null;
  zipCode: string;
  shippingAddress: string;
  /** As typed: `31/12/1980`. */
  dateOfBirth: string;
  assignedUserIds: string[];
  customerGroupId: string | null;
  loyaltyCardNumber: string;
  customFields: Partial<Record<CustomFieldKey, string>>;
  iban: string;
  bic: string;
  holder: string;
  openingBalance: string;
  /** Empty means no limit; 0 means no credit at all. */
  creditLimit: string;
  payTermNumber: string;
  payTermUnit: PayTerm['unit'];
  payTermEndOfMonth: boolean;
}

/** The conventions the form reads amounts in: the UI language and the currency's minor digits. */
export interface AmountFormat {
  locale: Locale;
  digits: number;
}

/** Rules of the money fields: an opening balance is signed (negative when the shop owes), a credit limit is not. */
export function moneyRules(digits: number): { openingBalance: NumberRule; creditLimit: NumberRule } {
  return { openingBalance: moneyRule(digits, 'any'), creditLimit: moneyRule(digits) };
}

/** Server paths of the form values whose errors come back under another name. */
export const errorPaths: Partial<Record<keyof ContactFormValues, string>> = {
  iban: 'bankAccount.iban',
  bic: 'bankAccount.bic',
  holder: 'bankAccount.holder',
  payTermNumber: 'payTerm',
  payTermUnit: 'payTerm.unit',
  payTermEndOfMonth: 'payTerm.endOfMonth',
};

export function emptyValues(type: ContactType, country: string | null): ContactFormValues {
  return {
    type,
    kind: type === 'supplier' ? 'business' : 'individual',
    prefix: '',
    firstName: '',
    middleName: '',
    lastName: '',
    businessName: '',
    code: '',
    mobile: '',
    alternateNumber: '',
    landline: '',
    email: '',
    taxNumber: '',
    addressLine1: '',
    addressLine2: '',
    city: '',
    state: '',
    country,
    zipCode: '',
    shippingAddress: '',
    dateOfBirth: '',
    assignedUserIds: [],
    customerGroupId: null,
    loyaltyCardNumber: '',
    customFields: {},
    iban: '',
    bic: '',
    holder: '',
    openingBalance: '',
    creditLimit: '',
    payTermNumber: '',
    payTermUnit: 'days',
    payTermEndOfMonth: false,
  };
}

export function valuesFromContact(contact: Contact, { locale, digits }: AmountFormat): ContactFormValues {
  const rules = moneyRules(digits);
  const text = (value: string | null | undefined) => value ?? '';
  const opening = contact.openingBalance && /^-?0*(\.0*)?$/.test(contact.openingBalance) ? '' : contact.openingBalance;
  return {
    type: contact.type,
    kind: contact.kind,
    prefix: text(contact.prefix),
    firstName: text(contact.firstName),
    middleName: text(contact.middleName),
    lastName: text(contact.lastName),
    businessName: text(contact.businessName),
    code: text(contact.code),
    mobile: text(contact.mobile),
    alternateNumber: text(contact.alternateNumber),
    landline: text(contact.landline),
    email: text(contact.email),
    taxNumber: text(contact.taxNumber),
    addressLine1: text(contact.addressLine1),
    addressLine2: text(contact.addressLine2),
    city: text(contact.city),
    state: text(contact.state),
    country: contact.country ?? null,
    zipCode: text(contact.zipCode),
    shippingAddress: text(contact.shippingAddress),
    dateOfBirth: isoToInput(contact.dateOfBirth),
    assignedUserIds: contact.assignedUserIds ?? [],
    customerGroupId: contact.customerGroupId ?? null,
    loyaltyCardNumber: text(contact.loyaltyCardNumber),
    customFields: { ...(contact.customFields ?? {}) },
    iban: text(contact.bankAccount?.iban),
    bic: text(contact.bankAccount?.bic),
    holder: text(contact.bankAccount?.holder),
    openingBalance: decimalToField(opening, locale, rules.openingBalance),
    creditLimit: decimalToField(contact.creditLimit, locale, rules.creditLimit),
    payTermNumber: contact.payTerm ? String(contact.payTerm.number) : '',
    payTermUnit: contact.payTerm?.unit ?? 'days',
    payTermEndOfMonth: contact.payTerm?.endOfMonth ?? false,
  };
}

/**
 * Builds the API body. A pay term number that is not an integer, or an
 * amount the browser cannot read, is sent as typed, so the server reports it.
 */
export function inputFromValues(values: ContactFormValues, { locale, digits }: AmountFormat): ContactInput {
  const rules = moneyRules(digits);
  const amount = (text: string, rule: NumberRule) => fieldToDecimal(text, locale, rule) ?? text.trim();
  const bankAccount = {
    iban: nullIfBlank(values.iban.replace(/\s+/g, ' ')),
    bic: nullIfBlank(values.bic),
    holder: nullIfBlank(values.holder),
  };
  const customFields: Partial<Record<CustomFieldKey, string>> = {};
  for (const [key, value] of Object.entries(values.customFields)) {
    if (value !== undefined && value.trim() !== '') customFields[key as CustomFieldKey] = value.trim();
  }
  const termText = values.payTermNumber.trim();
  const payTerm: PayTerm | null = termText
    ? {
        number: /^\d+$/.test(termText) ? Number(termText) : (termText as unknown as number),
        unit: values.payTermUnit,
        endOfMonth: values.payTermEndOfMonth,
      }
    : null;
  const isCustomer = values.type !== 'supplier';

  return {
    code: nullIfBlank(values.code),
    type: values.type,
    kind: values.kind,
    prefix: nullIfBlank(values.prefix),
    firstName: nullIfBlank(values.firstName),
    middleName: nullIfBlank(values.middleName),
    lastName: nullIfBlank(values.lastName),
    businessName: nullIfBlank(values.businessName),
    mobile: values.mobile.trim(),
    alternateNumber: nullIfBlank(values.alternateNumber),
    landline: nullIfBlank(values.landline),
    email: nullIfBlank(values.email),
    taxNumber: nullIfBlank(values.taxNumber),
    addressLine1: nullIfBlank(values.addressLine1),
    addressLine2: nullIfBlank(values.addressLine2),
    city: nullIfBlank(values.city),
    state: nullIfBlank(values.state),
    country: values.country,
    zipCode: nullIfBlank(values.zipCode),
    shippingAddress: nullIfBlank(values.shippingAddress),
    dateOfBirth: nullIfBlank(inputToIso(values.dateOfBirth)),
    creditLimit: isCustomer && values.creditLimit.trim() ? amount(values.creditLimit, rules.creditLimit) : null,
    payTerm,
    openingBalance: values.openingBalance.trim() ? amount(values.openingBalance, rules.openingBalance) : '0',
    bankAccount: bankAccount.iban || bankAccount.bic || bankAccount.holder ? bankAccount : null,
    customFields,
    assignedUserIds: values.assignedUserIds,
    customerGroupId: isCustomer ? values.customerGroupId : null,
    loyaltyCardNumber: isCustomer ? nullIfBlank(values.loyaltyCardNumber) : null,
  };
}

/** Returns the fields of `next` that differ from `before`, for a PATCH that touches only what the user changed. */
export function changedFields(before: ContactInput, next: ContactInput): ContactPatch {
  const changes: ContactPatch = {};
  for (const key of Object.keys(next) as (keyof ContactInput)[]) {
    if (key === 'customFields') {
      const customFields = changedCustomFields(before.customFields, next.customFields);
      if (Object.keys(customFields).length > 0) changes.customFields = customFields;
      continue;
    }
    const same = moneyFields.has(key)
      ? sameAmount(before[key] as string | null, next[key] as string | null)
      : JSON.stringify(sortKeys(before[key])) === JSON.stringify(sortKeys(next[key]));
    if (!same) (changes as Record<string, unknown>)[key] = next[key];
  }
  return changes;
}

/**
 * Lists the custom fields the user changed, with null for each one cleared. The
 * server merges custom fields key by key, so a cleared key left out would keep
 * its stored value, and an unchanged key sent back would undo another user's
 * change made since the form opened.
 */
function changedCustomFields(
  before: ContactInput['customFields'],
  next: ContactInput['customFields'],
): NonNullable<ContactPatch['customFields']> {
  const changes: NonNullable<ContactPatch['customFields']> = {};
  const keys = new Set([...Object.keys(before), ...Object.keys(next)] as CustomFieldKey[]);
  for (const key of keys) {
    const value = next[key] ?? null;
    if ((before[key] ?? null) !== value) changes[key] = value;
  }
  return changes;
}

const moneyFields = new Set<keyof ContactInput>(['openingBalance', 'creditLimit']);

/** Compares two decimal strings by value ("0" equals "0.00"), as text: no float. */
function sameAmount(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return canonicalDecimal(a) === canonicalDecimal(b);
}

function canonicalDecimal(text: string): string {
  const match = /^([+-]?)0*(\d*?)(?:\.(\d*?)0*)?$/.exec(text.trim());
  if (!match) return text.trim();
  const whole = match[2] || '0';
  const fraction = match[3] ?? '';
  const body = fraction ? `${whole}.${fraction}` : whole;
  return match[1] === '-' && body !== '0' ? `-${body}` : body;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
