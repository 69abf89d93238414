/**
 * Every column of `contacts` by name. A statement that runs as a named
 * prepared statement on PostgreSQL selects these instead of `contacts.*`,
 * because a named statement fails once a migration adds a column to what it
 * returns (see db/prepared-statements.ts).
 */
import type { ContactTable } from '../db/schema.ts';

export const contactColumns = [
  'id', 'business_id', 'code', 'type', 'kind', 'prefix', 'first_name', 'middle_name', 'last_name',
  'business_name', 'name', 'mobile', 'mobile_e164', 'mobile_digits', 'alternate_number',
  'alternate_number_e164', 'landline', 'landline_e164', 'email', 'email_key', 'tax_number',
  'tax_number_key', 'address_line1', 'address_line2', 'city', 'state', 'country', 'zip_code',
  'shipping_address', 'date_of_birth', 'customer_group_id', 'credit_limit', 'pay_term_number',
  'pay_term_unit', 'pay_term_end_of_month', 'opening_balance', 'opening_balance_date',
  'loyalty_card_number', 'status', 'bank_iban', 'bank_bic', 'bank_holder', 'custom_fields',
  'balance', 'receivable', 'payable', 'advance', 'created_by', 'anonymised_at', 'language',
  'created_at', 'updated_at', 'version', 'sort_name', 'last_activity_on', 'last_sale_on', 'duplicate_name_key',
  'earliest_open_due_on',
] as const satisfies readonly (keyof ContactTable)[];

/** Fails to compile when `ContactTable` has a column that `contactColumns` lacks. */
type MissingColumn = Exclude<keyof ContactTable, (typeof contactColumns)[number]>;
export const everyContactColumn: [MissingColumn] extends [never] ? true : MissingColumn = true;
