/**
 * The fields a contact list request may name in `fields=`: each field of the
 * contact JSON with the `contacts` columns it is built from. A list that
 * requests only the columns it shows reads, builds and writes only those,
 * whereas the default response contains every field of every contact.
 */
import type { ContactRow } from '../db/schema.ts';
import { type IssueList } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import { quotedValue } from '../shared/text.ts';
import type { ContactKind, ContactStatus, ContactType } from './model.ts';
import type { ListedContactRow } from './search/list-rows.ts';
import {
  bankAccountOf,
  type ContactWithActivity,
  lastActivityOf,
  parseCustomFields,
  payTermOf,
  splitUserIds,
} from './serialize.ts';

/** A contact as the list returns it, which the list can sort by its last activity (`sort=lastActivity`). */
export type ContactListJson = ContactWithActivity;

export type ContactField = keyof ContactListJson;

/** Figures a list reads beside each row by a subquery, not from a column of `contacts`. */
export type SideFigure = 'assigned_user_ids' | 'overdue' | 'points';

/** A column of `contacts`. */
type Column = Extract<keyof ContactRow, string>;

type Money = (minor: number | string) => string;

interface FieldSource {
  columns: readonly Column[];
  side?: SideFigure;
  value: (row: ListedContactRow, money: Money) => unknown;
}

function column(name: Column): FieldSource {
  return { columns: [name], value: (row) => (row as unknown as Record<string, unknown>)[name] };
}

function amount(name: 'opening_balance' | 'balance' | 'receivable' | 'payable' | 'advance'): FieldSource {
  return { columns: [name], value: (row, money) => money(row[name]) };
}

/** Builders of each field of the contact JSON, giving the same values as `serializeContact` (a test compares them). */
const sources = {
  id: column('id'),
  code: column('code'),
  type: { columns: ['type'], value: (row) => row.type as ContactType },
  kind: { columns: ['kind'], value: (row) => row.kind as ContactKind },
  prefix: column('prefix'),
  firstName: column('first_name'),
  middleName: column('middle_name'),
  lastName: column('last_name'),
  businessName: column('business_name'),
  name: column('name'),
  mobile: { columns: ['mobile'], value: (row) => (row.mobile === '' ? null : row.mobile) },
  mobileE164: column('mobile_e164'),
  alternateNumber: column('alternate_number'),
  alternateNumberE164: column('alternate_number_e164'),
  landline: column('landline'),
  landlineE164: column('landline_e164'),
  email: column('email'),
  taxNumber: column('tax_number'),
  addressLine1: column('address_line1'),
  addressLine2: column('address_line2'),
  city: column('city'),
  state: column('state'),
  country: column('country'),
  zipCode: column('zip_code'),
  shippingAddress: column('shipping_address'),
  dateOfBirth: column('date_of_birth'),
  customerGroupId: column('customer_group_id'),
  creditLimit: {
    columns: ['credit_limit'],
    value: (row, money) => (row.credit_limit === null ? null : money(row.credit_limit)),
  },
  payTerm: { columns: ['pay_term_number', 'pay_term_unit', 'pay_term_end_of_month'], value: (row) => payTermOf(row) },
  openingBalance: amount('opening_balance'),
  openingBalanceDate: column('opening_balance_date'),
  loyaltyCardNumber: column('loyalty_card_number'),
  status: { columns: ['status'], value: (row) => row.status as ContactStatus },
  bankAccount: { columns: ['bank_iban', 'bank_bic', 'bank_holder'], value: (row) => bankAccountOf(row) },
  customFields: { columns: ['custom_fields'], value: (row) => parseCustomFields(row.custom_fields) },
  assignedUserIds: { columns: [], side: 'assigned_user_ids', value: (row) => splitUserIds(row.assigned_user_ids).sort() },
  createdBy: column('created_by'),
  createdAt: column('created_at'),
  updatedAt: column('updated_at'),
  version: { columns: ['version'], value: (row) => Number(row.version) },
  anonymisedAt: column('anonymised_at'),
  balance: amount('balance'),
  receivable: amount('receivable'),
  payable: amount('payable'),
  advance: amount('advance'),
  overdue: { columns: [], side: 'overdue', value: (row, money) => money(row.overdue) },
  lastActivity: { columns: ['last_activity_on'], value: (row) => lastActivityOf(row) },
  points: { columns: [], side: 'points', value: (row) => Number(row.points) },
} satisfies Record<ContactField, FieldSource>;

/** Every field a list request may name, in the order of the contact JSON. */
export const contactFields = Object.keys(sources) as ContactField[];

const known = new Set<string>(contactFields);

/**
 * Reads `fields=` (names separated by commas) into the fields of each item,
 * `id` first whether named or not. Each distinct unknown name is one
 * `invalid_enum` issue on `fields`, and empty names are one issue in all,
 * so `fields=,` or `fields=solde,solde` reports its mistake once. These
 * issues list the accepted names. A known name given again is one
 * `field_repeated` issue per repeat, naming its position.
 */
export function readContactFields(text: string, issues: IssueList): ContactField[] {
  const fields = new Set<ContactField>(['id']);
  const allowed = contactFields.join(', ');
  if (text.trim() === '') {
    issues.add('fields', 'fields_empty', { parameter: 'fields', value: text, allowed });
    return [...fields];
  }
  const unknown = new Set<string>();
  const firstPosition = new Map<string, number>();
  const repeated: { name: string; position: number; first: number }[] = [];
  text.split(',').forEach((part, index) => {
    const name = part.trim();
    if (!known.has(name)) {
      unknown.add(name);
      return;
    }
    const first = firstPosition.get(name);
    if (first === undefined) firstPosition.set(name, index + 1);
    else repeated.push({ name, position: index + 1, first });
    fields.add(name as ContactField);
  });
  for (const name of unknown) {
    if (name === '') issues.add('fields', 'empty_field_name', { parameter: 'fields', value: quotedValue(text), allowed });
    else issues.add('fields', 'invalid_enum', { parameter: 'fields', value: quotedValue(name), allowed });
  }
  for (const { name, position, first } of repeated) {
    issues.add('fields', 'field_repeated', { value: quotedValue(name), position: String(position), first: String(first) });
  }
  return [...fields];
}

/** Returns the `contacts` columns and the side figures that `fields` are built from. */
export function fieldColumns(fields: readonly ContactField[]): { columns: Column[]; sides: SideFigure[] } {
  const columns = new Set<Column>();
  const sides = new Set<SideFigure>();
  for (const field of fields) {
    const source: FieldSource = sources[field];
    for (const name of source.columns) columns.add(name);
    if (source.side) sides.add(source.side);
  }
  return { columns: [...columns], sides: [...sides] };
}

/** Builds the JSON of a list row with only `fields`, from a row that has the columns `fieldColumns` named. */
export function serializeContactFields(
  row: ListedContactRow,
  currency: string,
  fields: readonly ContactField[],
): Partial<ContactListJson> {
  const money: Money = (minor) => formatDecimal(Number(minor), currency);
  const item: Record<string, unknown> = {};
  for (const field of fields) item[field] = sources[field].value(row, money);
  return item as Partial<ContactListJson>;
}
