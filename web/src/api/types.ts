/** Shapes of the Comptoir API's JSON, as the contract for version 1 fixes them. */

export type Locale = 'fr' | 'en';

/** An amount as the API sends it: a decimal string with the currency's digits ("1234.50"). */
export type DecimalString = string;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Business {
  id: string;
  name: string;
  currency: string;
  locale: Locale;
  timezone: string;
  country: string;
  contactCodePrefix: string;
  customFieldLabels: Partial<Record<CustomFieldKey, string>>;
  creditLimitPolicy: 'block' | 'warn';
  /** True once contacts exist: the currency can no longer change. */
  currencyLocked?: boolean;
}

export interface Session {
  user: { id: string; name: string; email: string; locale: Locale | null };
  business: Business;
  permissions: string[];
  isAdmin: boolean;
  csrfToken: string;
  locations: { id: string; name: string }[];
  defaultLocationId: string | null;
}

export interface SetupInput {
  businessName: string;
  currency: string;
  locale: Locale;
  timezone: string;
  country: string;
  adminName: string;
  email: string;
  password: string;
}

export const customFieldKeys = [
  'custom1', 'custom2', 'custom3', 'custom4', 'custom5',
  'custom6', 'custom7', 'custom8', 'custom9', 'custom10',
] as const;

export type CustomFieldKey = (typeof customFieldKeys)[number];

export type ContactType = 'customer' | 'supplier' | 'both';
export type ContactKind = 'individual' | 'business';
export type ContactStatus = 'active' | 'inactive';

export interface PayTerm {
  number: number;
  unit: 'days' | 'months';
  endOfMonth: boolean;
}

export interface BankAccount {
  iban: string | null;
  bic: string | null;
  holder: string | null;
}

/** The fields a client may send when creating or updating a contact. */
export interface ContactInput {
  code: string | null;
  type: ContactType;
  kind: ContactKind;
  prefix: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  businessName: string | null;
  mobile: string;
  alternateNumber: string | null;
  landline: string | null;
  email: string | null;
  taxNumber: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  zipCode: string | null;
  shippingAddress: string | null;
  dateOfBirth: string | null;
  creditLimit: DecimalString | null;
  payTerm: PayTerm | null;
  openingBalance: DecimalString;
  bankAccount: BankAccount | null;
  customFields: Partial<Record<CustomFieldKey, string>>;
  assignedUserIds: string[];
  customerGroupId?: string | null;
  loyaltyCardNumber?: string | null;
}

/**
 * The fields of a contact update. The server merges `customFields` key by key,
 * so a key set to null clears that field and an absent key keeps it.
 */
export type ContactPatch = Partial<Omit<ContactInput, 'customFields'>> & {
  customFields?: Partial<Record<CustomFieldKey, string | null>>;
};

/** A contact as read. The account figures are null for a user without `ledger.view`. */
export interface Contact extends Omit<ContactInput, 'openingBalance'> {
  openingBalance: DecimalString | null;
  id: string;
  code: string;
  name: string;
  mobileE164: string | null;
  customerGroupId: string | null;
  loyaltyCardNumber: string | null;
  status: ContactStatus;
  /** Set once the personal data were erased (GDPR); the contact can no longer change. */
  anonymisedAt?: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Moves by one on each change of the contact's own fields; a save sends it in If-Match. */
  version: number;
  balance: DecimalString | null;
  receivable: DecimalString | null;
  payable: DecimalString | null;
  advance: DecimalString | null;
  overdue: DecimalString | null;
  /** Day of the latest ledger entry, null without any. Absent from a save's response, present in a read or a list. */
  lastActivity?: string | null;
  /** Loyalty points usable today. Absent from a save's response, present in a read or a list. */
  points?: number;
}

/**
 * A warning returned beside a saved contact. A duplicate warning names the
 * other contact in `message` and gives its id in `contactId` only when the
 * user may view that contact. Otherwise the message reads "another contact"
 * and there is no id.
 */
export interface SaveWarning {
  path: string;
  code: string;
  message: string;
  contactId?: string;
  contact?: { id: string; code?: string; name?: string };
}

export type SavedContact = Contact & { warnings?: SaveWarning[] };

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface ActivityItem {
  id: string;
  action: string;
  userId: string | null;
  userName: string | null;
  changes: FieldChange[] | Record<string, unknown> | null;
  createdAt: string;
}

export interface Note {
  id: string;
  heading: string | null;
  body: string;
  isPrivate: boolean;
  /** Null for a note that Comptoir wrote itself. */
  authorId: string | null;
  authorName?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedBy: string | null;
  uploadedByName?: string | null;
  createdAt: string;
}

export interface Location {
  id: string;
  name: string;
  addressLine1: string | null;
  city: string | null;
  zipCode: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  isActive: boolean;
}

export type LocationInput = Omit<Location, 'id'>;

export interface User {
  id: string;
  name: string;
  email: string;
  roleId: string;
  roleName?: string;
  isAdmin?: boolean;
  locale: Locale | null;
  /** Locations the user is limited to; empty means every location. */
  locationIds: string[];
  defaultLocationId: string | null;
  isActive: boolean;
  lockedUntil?: string | null;
}

export interface UserInput {
  name: string;
  email: string;
  password?: string;
  roleId: string;
  locale: Locale;
  locationIds: string[];
  defaultLocationId: string | null;
  isActive?: boolean;
}

export interface Role {
  id: string;
  name: string;
  permissions: string[];
  isAdmin: boolean;
  userCount?: number;
}

export interface PermissionEntry {
  name: string;
  group: string;
}
