/** The contact JSON of the API, built from a row and its business. */
import { type RawBuilder, sql } from 'kysely';
import type { Engine, Executor } from '../db/database.ts';
import { overdueByContact } from '../ledger/account.ts';
import { todayIn } from '../ledger/dates.ts';
import type { BusinessRow, ContactRow } from '../db/schema.ts';
import { formatDecimal } from '../shared/money.ts';
import type { BankAccount, ContactKind, ContactStatus, ContactType, PayTerm, PayTermUnit } from './model.ts';

export interface ContactJson {
  id: string;
  code: string;
  type: ContactType;
  kind: ContactKind;
  prefix: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  businessName: string | null;
  name: string;
  mobile: string | null;
  mobileE164: string | null;
  alternateNumber: string | null;
  alternateNumberE164: string | null;
  landline: string | null;
  landlineE164: string | null;
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
  customerGroupId: string | null;
  creditLimit: string | null;
  payTerm: PayTerm | null;
  openingBalance: string;
  openingBalanceDate: string | null;
  loyaltyCardNumber: string | null;
  status: ContactStatus;
  bankAccount: BankAccount | null;
  customFields: Record<string, string>;
  assignedUserIds: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Moves by one on each change of the contact's own fields; sent as the ETag and checked against `If-Match`. */
  version: number;
  anonymisedAt: string | null;
  balance: string;
  receivable: string;
  payable: string;
  advance: string;
  /** Receivable part past its due date (business time zone), from the open items. */
  overdue: string;
}

/**
 * A contact as the list and the read of one contact return it: the contact
 * JSON, the day of its latest ledger entry and its usable loyalty points.
 */
export type ContactWithActivity = ContactJson & { lastActivity: string | null; points: number };

export function payTermOf(row: Pick<ContactRow, 'pay_term_number' | 'pay_term_unit' | 'pay_term_end_of_month'>): PayTerm | null {
  if (row.pay_term_number === null || row.pay_term_unit === null) return null;
  return {
    number: row.pay_term_number,
    unit: row.pay_term_unit as PayTermUnit,
    endOfMonth: row.pay_term_end_of_month === 1,
  };
}

export function bankAccountOf(row: Pick<ContactRow, 'bank_iban' | 'bank_bic' | 'bank_holder'>): BankAccount | null {
  if (row.bank_iban === null && row.bank_bic === null && row.bank_holder === null) return null;
  return { iban: row.bank_iban, bic: row.bank_bic, holder: row.bank_holder };
}

export function parseCustomFields(text: string): Record<string, string> {
  const value: unknown = JSON.parse(text || '{}');
  return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

/** Columns of a contact row that database triggers fill, none of which the JSON shows. */
export type TriggerColumn = 'sort_name' | 'last_activity_on' | 'last_sale_on' | 'duplicate_name_key';

/** Returns the day of the contact's latest ledger entry, or null without any (the column is then ''). */
export function lastActivityOf(row: Pick<ContactRow, 'last_activity_on'>): string | null {
  return row.last_activity_on === '' ? null : row.last_activity_on;
}

export function serializeContact(
  row: Omit<ContactRow, TriggerColumn>,
  business: Pick<BusinessRow, 'currency'>,
  assignedUserIds: string[],
  overdue = 0,
): ContactJson {
  const money = (minor: number) => formatDecimal(Number(minor), business.currency);
  return {
    id: row.id,
    code: row.code,
    type: row.type as ContactType,
    kind: row.kind as ContactKind,
    prefix: row.prefix,
    firstName: row.first_name,
    middleName: row.middle_name,
    lastName: row.last_name,
    businessName: row.business_name,
    name: row.name,
    mobile: row.mobile === '' ? null : row.mobile,
    mobileE164: row.mobile_e164,
    alternateNumber: row.alternate_number,
    alternateNumberE164: row.alternate_number_e164,
    landline: row.landline,
    landlineE164: row.landline_e164,
    email: row.email,
    taxNumber: row.tax_number,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    city: row.city,
    state: row.state,
    country: row.country,
    zipCode: row.zip_code,
    shippingAddress: row.shipping_address,
    dateOfBirth: row.date_of_birth,
    customerGroupId: row.customer_group_id,
    creditLimit: row.credit_limit === null ? null : money(row.credit_limit),
    payTerm: payTermOf(row),
    openingBalance: money(row.opening_balance),
    openingBalanceDate: row.opening_balance_date,
    loyaltyCardNumber: row.loyalty_card_number,
    status: row.status as ContactStatus,
    bankAccount: bankAccountOf(row),
    customFields: parseCustomFields(row.custom_fields),
    assignedUserIds: [...assignedUserIds].sort(),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
    anonymisedAt: row.anonymised_at,
    balance: money(row.balance),
    receivable: money(row.receivable),
    payable: money(row.payable),
    advance: money(row.advance),
    overdue: money(overdue),
  };
}

/**
 * SQL for the assigned user ids of the contact whose id is `contactId`,
 * comma-separated (null without any), as a scalar subquery a list can
 * select beside each row. User ids contain no comma.
 */
export function assignedUserIdsSql(engine: Engine, businessId: string, contactId: RawBuilder<unknown>): RawBuilder<string | null> {
  const joined = engine === 'postgres'
    ? sql`string_agg(contact_assignments.user_id, ',')`
    : sql`group_concat(contact_assignments.user_id, ',')`;
  return sql<string | null>`(select ${joined} from contact_assignments
    where contact_assignments.business_id = ${businessId} and contact_assignments.contact_id = ${contactId})`;
}

/** Reads the comma-separated ids of `assignedUserIdsSql`. */
export function splitUserIds(joined: string | null): string[] {
  return joined ? joined.split(',') : [];
}

/** Assigned user ids of each contact, for a page of contacts. */
export async function loadAssignments(
  db: Executor,
  businessId: string,
  contactIds: string[],
): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>(contactIds.map((id) => [id, []]));
  if (contactIds.length === 0) return byContact;
  const rows = await db
    .selectFrom('contact_assignments')
    .select(['contact_id', 'user_id'])
    .where('business_id', '=', businessId)
    .where('contact_id', 'in', contactIds)
    .execute();
  for (const row of rows) byContact.get(row.contact_id)?.push(row.user_id);
  return byContact;
}

/** Overdue receivable of each contact, in minor units, counted on the business's today. */
export async function loadOverdue(
  db: Executor,
  business: Pick<BusinessRow, 'id' | 'timezone'>,
  contactIds: string[],
): Promise<Map<string, number>> {
  const figures = await overdueByContact(db, business.id, contactIds, todayIn(business.timezone));
  return new Map([...figures].map(([id, figure]) => [id, figure.overdue]));
}

export async function serializeWithAssignments(
  db: Executor,
  row: ContactRow,
  business: Pick<BusinessRow, 'id' | 'currency' | 'timezone'>,
): Promise<ContactJson> {
  const assignments = await loadAssignments(db, row.business_id, [row.id]);
  const overdue = await loadOverdue(db, business, [row.id]);
  return serializeContact(row, business, assignments.get(row.id) ?? [], overdue.get(row.id) ?? 0);
}
