/**
 * Row types of every table, shared by both engines. Timestamps are ISO 8601
 * UTC strings, business dates `YYYY-MM-DD` strings, money integer minor
 * units, booleans 0/1 integers, and JSON columns text.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';

export interface BusinessTable {
  id: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  country: string;
  contact_code_prefix: string;
  /** JSON object: custom field key to label, e.g. {"custom1": "Allergies"}. */
  custom_field_labels: string;
  credit_limit_policy: string;
  created_at: string;
  updated_at: string;
}

export interface LocationTable {
  id: string;
  business_id: string;
  name: string;
  address_line1: string | null;
  city: string | null;
  zip_code: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  id: string;
  business_id: string;
  name: string;
  /** JSON array of permission names. */
  permissions: string;
  is_admin: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  business_id: string;
  email: string;
  name: string;
  password_hash: string;
  role_id: string;
  locale: string | null;
  default_location_id: string | null;
  is_active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserLocationTable {
  business_id: string;
  user_id: string;
  location_id: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value. */
  id: string;
  business_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: string;
  business_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CounterTable {
  business_id: string;
  name: string;
  value: number;
}

export interface ContactTable {
  id: string;
  business_id: string;
  code: string;
  type: string;
  kind: string;
  prefix: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  business_name: string | null;
  name: string;
  mobile: string;
  mobile_e164: string | null;
  /** Digits of the mobile as typed, for matching numbers with no E.164 form. */
  mobile_digits: string | null;
  alternate_number: string | null;
  alternate_number_e164: string | null;
  landline: string | null;
  landline_e164: string | null;
  email: string | null;
  /** Lower-cased email, for duplicate checks. */
  email_key: string | null;
  tax_number: string | null;
  /** Tax number without spaces or punctuation, upper-cased. */
  tax_number_key: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  zip_code: string | null;
  shipping_address: string | null;
  date_of_birth: string | null;
  customer_group_id: string | null;
  credit_limit: number | null;
  pay_term_number: number | null;
  pay_term_unit: string | null;
  pay_term_end_of_month: number;
  opening_balance: number;
  opening_balance_date: string | null;
  loyalty_card_number: string | null;
  status: string;
  bank_iban: string | null;
  bank_bic: string | null;
  bank_holder: string | null;
  /** JSON object keyed by the business's custom field keys. */
  custom_fields: string;
  /** Cached figures, kept equal to the ledger's sums in the same transaction. */
  balance: number;
  receivable: number;
  payable: number;
  advance: number;
  created_by: string | null;
  anonymised_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ContactAssignmentTable {
  business_id: string;
  contact_id: string;
  user_id: string;
}

export interface ContactNoteTable {
  id: string;
  business_id: string;
  contact_id: string;
  author_id: string;
  heading: string | null;
  body: string;
  is_private: number;
  created_at: string;
  updated_at: string;
}

export interface ContactAttachmentTable {
  id: string;
  business_id: string;
  contact_id: string;
  uploaded_by: string;
  file_name: string;
  mime_type: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  business_id: string;
  user_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  /** JSON: [{ field, from, to }] for updates, or a small detail object. */
  changes: string;
  created_at: string;
}

export interface LoginAttemptTable {
  id: string;
  key: string;
  created_at: string;
}

export interface Database {
  businesses: BusinessTable;
  locations: LocationTable;
  roles: RoleTable;
  users: UserTable;
  user_locations: UserLocationTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  counters: CounterTable;
  contacts: ContactTable;
  contact_assignments: ContactAssignmentTable;
  contact_notes: ContactNoteTable;
  contact_attachments: ContactAttachmentTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptTable;
}

export type ContactRow = Selectable<ContactTable>;
export type NewContactRow = Insertable<ContactTable>;
export type ContactUpdate = Updateable<ContactTable>;
export type BusinessRow = Selectable<BusinessTable>;
export type UserRow = Selectable<UserTable>;
export type RoleRow = Selectable<RoleTable>;
