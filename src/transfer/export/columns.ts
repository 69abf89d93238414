/**
 * The columns of a contact export, read straight from contact rows. Their
 * headers are the import's own field labels and their values are written
 * the way the import reads them back (type words, pay term units, group
 * names), so an exported file imports unchanged.
 */
import type { ContactRow } from '../../db/schema.ts';
import type { Locale } from '../../shared/messages.ts';
import { todayIn } from '../../ledger/dates.ts';
import { CUSTOM_FIELD_COUNT, type CustomFieldKey, customFieldLabel, fieldLabels, type ImportField, type ReadOnlyColumn } from '../mapping/fields.ts';

export type ExportKey = Exclude<ImportField, 'fullName'> | ReadOnlyColumn;

/** Kind of a value: text, a money amount in minor units, a whole number or a `YYYY-MM-DD` date. */
export type ValueKind = 'text' | 'amount' | 'date' | 'integer';

export interface ExportColumn {
  key: ExportKey;
  kind: ValueKind;
  header: string;
  value: (row: ContactRow) => string | number | null;
}

export interface ColumnContext {
  locale: Locale;
  /** Labels of the business's custom fields, keyed custom1..custom10. */
  customLabels: Record<string, string>;
  /** Customer group id → name. */
  groupNames: Map<string, string>;
  /** The business's time zone, in which a creation time becomes a date. */
  timezone: string;
}

const words = {
  fr: {
    customer: 'Client', supplier: 'Fournisseur', both: 'Client et fournisseur',
    individual: 'Particulier', business: 'Entreprise', active: 'Actif', inactive: 'Inactif',
    days: 'jours', months: 'mois', endOfMonth: 'fin de mois',
  },
  en: {
    customer: 'Customer', supplier: 'Supplier', both: 'Both',
    individual: 'Individual', business: 'Business', active: 'Active', inactive: 'Inactive',
    days: 'days', months: 'months', endOfMonth: 'end of month',
  },
} as const;

type Words = (typeof words)[Locale];

export function choiceWord(locale: Locale, value: string): string {
  return (words[locale] as Record<string, string>)[value] ?? value;
}

function payTermUnit(row: ContactRow, word: Words): string | null {
  if (row.pay_term_unit === null) return null;
  const unit = row.pay_term_unit === 'months' ? word.months : word.days;
  return row.pay_term_end_of_month === 1 ? `${unit} ${word.endOfMonth}` : unit;
}

function customValue(row: ContactRow, key: CustomFieldKey): string | null {
  try {
    const fields = JSON.parse(row.custom_fields || '{}') as Record<string, unknown>;
    const value = fields[key];
    return typeof value === 'string' && value !== '' ? value : null;
  } catch {
    return null;
  }
}

type ColumnSpec = Omit<ExportColumn, 'header'>;

function specs(context: ColumnContext): ColumnSpec[] {
  const word = words[context.locale];
  const text = (key: ExportKey, read: (row: ContactRow) => string | null): ColumnSpec => ({ key, kind: 'text', value: read });
  return [
    text('code', (row) => row.code),
    text('type', (row) => choiceWord(context.locale, row.type)),
    text('kind', (row) => choiceWord(context.locale, row.kind)),
    text('name', (row) => row.name),
    text('prefix', (row) => row.prefix),
    text('firstName', (row) => row.first_name),
    text('middleName', (row) => row.middle_name),
    text('lastName', (row) => row.last_name),
    text('businessName', (row) => row.business_name),
    text('mobile', (row) => row.mobile || null),
    text('alternateNumber', (row) => row.alternate_number),
    text('landline', (row) => row.landline),
    text('email', (row) => row.email),
    text('taxNumber', (row) => row.tax_number),
    text('addressLine1', (row) => row.address_line1),
    text('addressLine2', (row) => row.address_line2),
    text('zipCode', (row) => row.zip_code),
    text('city', (row) => row.city),
    text('state', (row) => row.state),
    text('country', (row) => row.country),
    text('shippingAddress', (row) => row.shipping_address),
    { key: 'dateOfBirth', kind: 'date', value: (row) => row.date_of_birth },
    text('customerGroup', (row) => (row.customer_group_id ? context.groupNames.get(row.customer_group_id) ?? null : null)),
    { key: 'creditLimit', kind: 'amount', value: (row) => row.credit_limit },
    { key: 'payTerm', kind: 'integer', value: (row) => row.pay_term_number },
    text('payTermUnit', (row) => payTermUnit(row, word)),
    { key: 'openingBalance', kind: 'amount', value: (row) => row.opening_balance },
    { key: 'openingBalanceDate', kind: 'date', value: (row) => row.opening_balance_date },
    text('loyaltyCardNumber', (row) => row.loyalty_card_number),
    text('status', (row) => choiceWord(context.locale, row.status)),
    text('bankIban', (row) => row.bank_iban),
    text('bankBic', (row) => row.bank_bic),
    text('bankHolder', (row) => row.bank_holder),
    ...Array.from({ length: CUSTOM_FIELD_COUNT }, (_, i) => {
      const key = `custom${i + 1}` as CustomFieldKey;
      return text(key, (row) => customValue(row, key));
    }),
    { key: 'balance', kind: 'amount', value: (row) => row.balance },
    { key: 'receivable', kind: 'amount', value: (row) => row.receivable },
    { key: 'payable', kind: 'amount', value: (row) => row.payable },
    { key: 'createdAt', kind: 'date', value: (row) => todayIn(context.timezone, new Date(row.created_at)) },
  ];
}

/** Columns of account figures, which a user without `ledger.view` may not export. */
export const figureKeys: readonly ExportKey[] = ['openingBalance', 'openingBalanceDate', 'balance', 'receivable', 'payable'];

export const exportKeys: readonly ExportKey[] = specs({ locale: 'fr', customLabels: {}, groupNames: new Map(), timezone: 'UTC' }).map(
  (spec) => spec.key,
);

export function isExportKey(value: string): value is ExportKey {
  return (exportKeys as readonly string[]).includes(value);
}

function isLabelled(key: ExportKey, labels: Record<string, string>): boolean {
  return !/^custom\d+$/.test(key) || Boolean(labels[key]?.trim());
}

/**
 * Lists the columns to write: those requested, in that order, or by default
 * every writable field (custom fields that have a label) plus the balance
 * and the creation date, which an import reads past.
 */
export function exportColumns(context: ColumnContext, keys?: readonly ExportKey[]): ExportColumn[] {
  const all = specs(context);
  const chosen = keys
    ? keys.map((key) => all.find((spec) => spec.key === key)).filter((spec): spec is ColumnSpec => spec !== undefined)
    : all.filter((spec) => !['name', 'receivable', 'payable'].includes(spec.key) && isLabelled(spec.key, context.customLabels));
  return chosen.map((spec) => ({ ...spec, header: headerOf(spec.key, context) }));
}

function headerOf(key: ExportKey, context: ColumnContext): string {
  if (/^custom\d+$/.test(key)) return customFieldLabel(key as CustomFieldKey, context.locale, context.customLabels);
  return fieldLabels[context.locale][key];
}
