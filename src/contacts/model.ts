/** The contact as the API and the importer write it, and its fixed choices. */

export const contactTypes = ['customer', 'supplier', 'both'] as const;
export const contactKinds = ['individual', 'business'] as const;
export const contactStatuses = ['active', 'inactive'] as const;
export const payTermUnits = ['days', 'months'] as const;

export type ContactType = (typeof contactTypes)[number];
export type ContactKind = (typeof contactKinds)[number];
export type ContactStatus = (typeof contactStatuses)[number];
export type PayTermUnit = (typeof payTermUnits)[number];

export interface PayTerm {
  number: number;
  unit: PayTermUnit;
  endOfMonth: boolean;
}

export interface BankAccount {
  iban: string | null;
  bic: string | null;
  holder: string | null;
}

/**
 * Writable contact fields. Every field is optional: absent means "not given"
 * (the default on create, unchanged on update) and null or "" clears it.
 * Amounts are decimal strings in the business currency ("1234.50").
 */
export interface ContactInput {
  code?: string | null;
  type?: string | null;
  kind?: string | null;
  prefix?: string | null;
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  businessName?: string | null;
  mobile?: string | null;
  alternateNumber?: string | null;
  landline?: string | null;
  email?: string | null;
  taxNumber?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  country?: string | null;
  zipCode?: string | null;
  shippingAddress?: string | null;
  dateOfBirth?: string | null;
  customerGroupId?: string | null;
  creditLimit?: string | null;
  payTerm?: { number?: unknown; unit?: unknown; endOfMonth?: unknown } | null;
  openingBalance?: string | null;
  /** As-of date of the opening balance; null is today in the business time zone. */
  openingBalanceDate?: string | null;
  loyaltyCardNumber?: string | null;
  status?: string | null;
  bankAccount?: { iban?: string | null; bic?: string | null; holder?: string | null } | null;
  /** Keyed by the business's custom field keys (custom1..custom10); null removes a value. */
  customFields?: Record<string, string | null> | null;
  assignedUserIds?: string[];
}

export const writableFields = [
  'code', 'type', 'kind', 'prefix', 'firstName', 'middleName', 'lastName', 'businessName',
  'mobile', 'alternateNumber', 'landline', 'email', 'taxNumber', 'addressLine1', 'addressLine2',
  'city', 'state', 'country', 'zipCode', 'shippingAddress', 'dateOfBirth', 'customerGroupId',
  'creditLimit', 'payTerm', 'openingBalance', 'openingBalanceDate', 'loyaltyCardNumber', 'status',
  'bankAccount', 'customFields', 'assignedUserIds',
] as const satisfies readonly (keyof ContactInput)[];

/** Maximum lengths of the text fields, in characters. */
export const maxLength = {
  code: 30,
  namePart: 100,
  prefix: 20,
  businessName: 150,
  phone: 30,
  taxNumber: 40,
  addressLine: 200,
  city: 100,
  state: 100,
  zipCode: 20,
  shippingAddress: 1000,
  id: 64,
  loyaltyCardNumber: 40,
  iban: 50,
  bic: 20,
  bankHolder: 140,
  customField: 500,
} as const;

export const MAX_ASSIGNED_USERS = 50;

/** Custom field keys a business can label. */
export const customFieldKeys = Array.from({ length: 10 }, (_, i) => `custom${i + 1}`);
