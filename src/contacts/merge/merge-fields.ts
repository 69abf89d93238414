/**
 * The contact fields a merge decides: for each, the kept contact's value, or
 * the one of the contact named in `fields`. Without a choice, an empty field
 * of the kept contact takes the first merged contact's value, the type
 * becomes `both` when the contacts cover both sides, and custom fields are
 * united (the kept contact's values first). A choice of
 * `customFields.custom1` takes that one custom field from the contact it
 * names, over the united or chosen set. The message language, which no
 * choice names, is filled the same way as an empty field.
 */
import type { ContactRow, ContactUpdate } from '../../db/schema.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { customFieldKeys } from '../model.ts';
import { customerOnlyFields } from '../read-fields.ts';

/** API field name to the columns that move together. */
export const mergeableFields = {
  code: ['code'],
  type: ['type'],
  kind: ['kind'],
  prefix: ['prefix'],
  firstName: ['first_name'],
  middleName: ['middle_name'],
  lastName: ['last_name'],
  businessName: ['business_name'],
  mobile: ['mobile', 'mobile_e164', 'mobile_digits'],
  alternateNumber: ['alternate_number', 'alternate_number_e164'],
  landline: ['landline', 'landline_e164'],
  email: ['email', 'email_key'],
  taxNumber: ['tax_number', 'tax_number_key'],
  addressLine1: ['address_line1'],
  addressLine2: ['address_line2'],
  city: ['city'],
  state: ['state'],
  country: ['country'],
  zipCode: ['zip_code'],
  shippingAddress: ['shipping_address'],
  dateOfBirth: ['date_of_birth'],
  customerGroupId: ['customer_group_id'],
  creditLimit: ['credit_limit'],
  payTerm: ['pay_term_number', 'pay_term_unit', 'pay_term_end_of_month'],
  loyaltyCardNumber: ['loyalty_card_number'],
  status: ['status'],
  bankAccount: ['bank_iban', 'bank_bic', 'bank_holder'],
  customFields: ['custom_fields'],
} as const satisfies Record<string, readonly (keyof ContactRow)[]>;

export type MergeableField = keyof typeof mergeableFields;
type Column = Exclude<keyof ContactRow, undefined>;

/** Fields that keep the kept contact's value unless a choice names another. */
const keptUnlessChosen = new Set<MergeableField>(['code', 'kind', 'status', 'type', 'customFields']);

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/** Prefix of the `fields` keys that choose one custom field: `customFields.custom1`. */
const customFieldChoice = 'customFields.';

/** Returns the custom field key a `fields` key chooses (`custom1` for `customFields.custom1`), or null for another key. */
function chosenCustomField(field: string): string | null {
  return field.startsWith(customFieldChoice) ? field.slice(customFieldChoice.length) : null;
}

/** The `fields` keys a merge accepts, for error messages. */
const acceptedChoices = [...Object.keys(mergeableFields), `${customFieldChoice}${customFieldKeys[0]}…${customFieldKeys.at(-1)}`].join(', ');

/**
 * Checks each choice of `fields`: its key is a mergeable field or one
 * custom field, and its value is one of `ids`, the kept and merged contacts.
 */
export function checkFieldChoices(fields: Record<string, string>, ids: Set<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [field, id] of Object.entries(fields)) {
    const path = `fields.${field}`;
    const customField = chosenCustomField(field);
    if (customField !== null && !customFieldKeys.includes(customField)) {
      issues.push({ path, code: 'merge_custom_field_unknown', params: { field: customField, allowed: customFieldKeys.join(', ') } });
    } else if (customField === null && !Object.hasOwn(mergeableFields, field)) {
      issues.push({ path, code: 'merge_field_unknown', params: { field, allowed: acceptedChoices } });
    } else if (!ids.has(id)) {
      issues.push({ path, code: 'merge_field_source', params: { value: id } });
    }
  }
  return issues;
}

function unitedType(rows: ContactRow[]): string {
  const sides = new Set(rows.flatMap((row) => (row.type === 'both' ? ['customer', 'supplier'] : [row.type])));
  return sides.size > 1 ? 'both' : (rows[0] as ContactRow).type;
}

function customFieldsOf(row: ContactRow): Record<string, string> {
  return JSON.parse(row.custom_fields || '{}') as Record<string, string>;
}

function unitedCustomFields(rows: ContactRow[]): string {
  const united: Record<string, string> = {};
  for (const row of [...rows].reverse()) Object.assign(united, customFieldsOf(row));
  return JSON.stringify(united);
}

/**
 * Applies the choices of single custom fields to `customFields` (the JSON
 * the merge keeps so far). A chosen contact without a value clears the
 * field, because the user picked its empty value.
 */
function chooseCustomFields(customFields: string, byId: Map<string, ContactRow>, fields: Record<string, string>): string {
  const choices = Object.entries(fields).filter(([field]) => chosenCustomField(field) !== null);
  if (choices.length === 0) return customFields;
  const chosen = JSON.parse(customFields || '{}') as Record<string, string>;
  for (const [field, id] of choices) {
    const key = chosenCustomField(field) as string;
    const source = byId.get(id);
    if (!source) continue;
    const value = customFieldsOf(source)[key];
    if (isEmpty(value)) delete chosen[key];
    else chosen[key] = value as string;
  }
  return JSON.stringify(chosen);
}

/** Derives the name as the contact rules do: the business name, or prefix, first, middle and last names. */
function derivedName(values: Pick<ContactRow, 'kind' | 'prefix' | 'first_name' | 'middle_name' | 'last_name' | 'business_name'>) {
  if (values.kind === 'business') return values.business_name ?? '';
  return [values.prefix, values.first_name, values.middle_name, values.last_name].filter((part) => part !== null).join(' ');
}

/**
 * Gives back the kept contact's own loyalty card, credit limit and customer
 * group when the merge leaves a supplier, unless a choice names another
 * contact's, which `checkSupplierChoices` then rejects.
 */
function keepOwnCustomerFields(kept: ContactRow, fields: Record<string, string>, values: Record<string, unknown>): void {
  for (const { field, column } of customerOnlyFields) {
    if (fields[field] !== undefined) continue;
    values[column] = kept[column];
  }
}

/**
 * Rejects a choice that gives a supplier a loyalty card, credit limit or
 * customer group other than its own, as the contact routes reject them.
 */
export function checkSupplierChoices(kept: ContactRow, values: ContactUpdate, fields: Record<string, string>): FieldIssue[] {
  if (values.type !== 'supplier') return [];
  const issues: FieldIssue[] = [];
  for (const { field, column } of customerOnlyFields) {
    const value = values[column];
    if (fields[field] === undefined || value === null || value === undefined || String(value) === String(kept[column])) continue;
    issues.push({ path: `fields.${field}`, code: 'merge_supplier_customer_field', params: { value: fields[field] } });
  }
  return issues;
}

/** Computes the kept contact's new field values, from `kept` first and `merged` after it. */
export function mergedValues(kept: ContactRow, merged: ContactRow[], fields: Record<string, string>): ContactUpdate {
  const all = [kept, ...merged];
  const byId = new Map(all.map((row) => [row.id, row]));
  const values: Record<string, unknown> = {};

  for (const [field, columns] of Object.entries(mergeableFields) as [MergeableField, readonly Column[]][]) {
    const chosenId = fields[field];
    let source: ContactRow | undefined = chosenId ? byId.get(chosenId) : undefined;
    const lead = columns[0] as Column;
    if (!source && !keptUnlessChosen.has(field) && isEmpty(kept[lead])) {
      source = merged.find((row) => !isEmpty(row[lead]));
    }
    if (!source) {
      if (field === 'type') values.type = unitedType(all);
      if (field === 'customFields') values.custom_fields = unitedCustomFields(all);
      continue;
    }
    for (const column of columns) values[column] = source[column];
  }

  values.custom_fields = chooseCustomFields(values.custom_fields as string, byId, fields);
  if (values.type === 'supplier') keepOwnCustomerFields(kept, fields, values);

  // The message language is a preference, like the channel consents. The
  // kept contact's own stays, and a merged contact's fills it only when unset.
  if (isEmpty(kept.language)) {
    const language = merged.find((row) => !isEmpty(row.language))?.language;
    if (language) values.language = language;
  }

  const next = { ...kept, ...values } as ContactRow;
  values.name = derivedName(next);
  return values as ContactUpdate;
}
