/**
 * Columns the contact table can show. Their ids are the column names saved
 * views store (the server checks them), and a column with a `sort` field
 * sorts the list when its header is clicked.
 */
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { customFieldKeys, type Business, type Contact, type CustomFieldKey, type DecimalString } from '../../api/types.ts';
import { useBusinessFormat, useSession } from '../../auth/session-context.tsx';
import { readablePhone } from '../../shared/phones.ts';
import { Amount } from '../../shared/Amount.tsx';
import { intlLocale } from '../../i18n/locale.ts';
import { StatusBadge } from '../badges.tsx';
import { payTermLabel } from '../form/payTerm.ts';
import type { CustomerGroup, SortField } from './list-api.ts';

export type ColumnId =
  | 'code' | 'name' | 'type' | 'kind' | 'firstName' | 'lastName' | 'businessName' | 'mobile' | 'alternateNumber'
  | 'landline' | 'email' | 'taxNumber' | 'addressLine1' | 'city' | 'zipCode' | 'state' | 'country' | 'dateOfBirth'
  | 'customerGroup' | 'creditLimit' | 'payTerm' | 'openingBalance' | 'balance' | 'receivable' | 'payable' | 'advance'
  | 'loyaltyCardNumber' | 'points' | 'status' | 'assignedUsers' | 'createdAt' | 'lastActivity' | CustomFieldKey;

export interface ColumnContext {
  groups: Map<string, string>;
  /** Names of the users the caller may list, by id (every user for one with `users.manage`, else the caller alone). */
  users: Map<string, string>;
}

export interface ColumnDef {
  id: ColumnId;
  /** Width in pixels; the table is laid out with fixed widths so rows keep their place while scrolling. */
  width: number;
  align?: 'right';
  sort?: SortField;
  /** The amount a figure column shows, which widens the column to fit it (see `useFittedColumns`). */
  amount?: { value: (contact: Contact) => DecimalString | null; signed: boolean };
  render: (contact: Contact, context: ColumnContext) => ReactNode;
}

function Plain({ value, mono = false }: { value: string | null | undefined; mono?: boolean }) {
  return (
    <Text span inherit className={mono ? 'amount' : undefined} title={value ?? undefined}>
      {value ?? ''}
    </Text>
  );
}

/** Shows a stored phone number in groups of digits, with the number as typed on hover. */
function PhoneCell({ value }: { value: string | null | undefined }) {
  const { business } = useSession();
  return (
    <Text span inherit className="amount" title={value ?? undefined}>
      {value ? readablePhone(value, business.country) : ''}
    </Text>
  );
}

function DateCell({ value }: { value: string | null }) {
  const format = useBusinessFormat();
  return <Plain value={value ? format.date(value.slice(0, 10)) : null} />;
}

function TypeCell({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return <Plain value={t(`contact.type.${contact.type}`)} />;
}

function KindCell({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return <Plain value={t(`contact.kind.${contact.kind}`)} />;
}

function PayTermCell({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return <Plain value={payTermLabel(contact.payTerm ?? null, t)} />;
}

function PointsCell({ contact }: { contact: Contact }) {
  const format = useBusinessFormat();
  if (contact.points === undefined) return null;
  return <Plain value={new Intl.NumberFormat(intlLocale(format.locale)).format(contact.points)} mono />;
}

/** Names the users who follow the contact. Those the caller may not list are counted, as "+2". */
function AssignedUsersCell({ contact, users }: { contact: Contact; users: Map<string, string> }) {
  const { t } = useTranslation();
  const ids = contact.assignedUserIds ?? [];
  const names = ids.flatMap((id) => users.get(id) ?? []);
  const unnamed = ids.length - names.length;
  const text = [...names, ...(unnamed > 0 ? [t('contactList.values.moreUsers', { count: unnamed })] : [])].join(', ');
  return <Plain value={text || null} />;
}

/**
 * Width of the phone columns: the cell's 24 px of padding plus an
 * international number of up to 14 digits in four groups, such as
 * "+49 1512 34567890" (about 145 px of 14 px text in Chromium on Debian).
 */
const PHONE_WIDTH = 170;

/** Builds a right-aligned column of one amount of the contact. A `signed` amount is a balance, shown with its sign and colour. */
function amountColumn(id: ColumnId, width: number, value: (contact: Contact) => DecimalString | null, signed: boolean): ColumnDef {
  return { id, width, align: 'right', amount: { value, signed }, render: (c) => <Amount value={value(c)} balance={signed} /> };
}

/** Every column, in the order of the server's list of view columns, which the picker keeps. */
const baseColumns: ColumnDef[] = [
  { id: 'code', width: 90, sort: 'code', render: (c) => <Plain value={c.code} mono /> },
  { id: 'name', width: 180, sort: 'name', render: (c) => <Text span inherit fw={500}>{c.name}</Text> },
  { id: 'type', width: 170, render: (c) => <TypeCell contact={c} /> },
  { id: 'kind', width: 120, render: (c) => <KindCell contact={c} /> },
  { id: 'firstName', width: 140, render: (c) => <Plain value={c.firstName} /> },
  { id: 'lastName', width: 150, render: (c) => <Plain value={c.lastName} /> },
  { id: 'businessName', width: 180, render: (c) => <Plain value={c.businessName} /> },
  { id: 'mobile', width: PHONE_WIDTH, render: (c) => <PhoneCell value={c.mobile} /> },
  { id: 'alternateNumber', width: PHONE_WIDTH, render: (c) => <PhoneCell value={c.alternateNumber} /> },
  { id: 'landline', width: PHONE_WIDTH, render: (c) => <PhoneCell value={c.landline} /> },
  // Narrower than the phones, so the default columns fit the 1000 px that a 1280 px screen leaves. A long address shows whole on hover.
  { id: 'email', width: 150, render: (c) => <Plain value={c.email} /> },
  { id: 'taxNumber', width: 160, render: (c) => <Plain value={c.taxNumber} mono /> },
  { id: 'addressLine1', width: 220, render: (c) => <Plain value={c.addressLine1} /> },
  { id: 'city', width: 120, render: (c) => <Plain value={c.city} /> },
  { id: 'zipCode', width: 110, render: (c) => <Plain value={c.zipCode} mono /> },
  { id: 'state', width: 140, render: (c) => <Plain value={c.state} /> },
  { id: 'country', width: 90, render: (c) => <Plain value={c.country} /> },
  { id: 'dateOfBirth', width: 130, render: (c) => <DateCell value={c.dateOfBirth} /> },
  {
    id: 'customerGroup',
    width: 160,
    render: (c, context) => <Plain value={c.customerGroupId ? (context.groups.get(c.customerGroupId) ?? '') : null} />,
  },
  {
    id: 'creditLimit',
    width: 140,
    align: 'right',
    amount: { value: (c) => c.creditLimit, signed: false },
    render: (c) => (c.creditLimit ? <Amount value={c.creditLimit} /> : null),
  },
  // Wide enough for a term such as "30 jours fin de mois". The table widens a column to fit its header.
  { id: 'payTerm', width: 200, render: (c) => <PayTermCell contact={c} /> },
  amountColumn('openingBalance', 150, (c) => c.openingBalance, true),
  { ...amountColumn('balance', 120, (c) => c.balance, true), sort: 'balance' },
  amountColumn('receivable', 130, (c) => c.receivable, false),
  amountColumn('payable', 130, (c) => c.payable, false),
  amountColumn('advance', 130, (c) => c.advance, false),
  { id: 'loyaltyCardNumber', width: 160, render: (c) => <Plain value={c.loyaltyCardNumber} mono /> },
  { id: 'points', width: 100, align: 'right', render: (c) => <PointsCell contact={c} /> },
  { id: 'status', width: 100, render: (c) => <StatusBadge status={c.status} /> },
  { id: 'assignedUsers', width: 180, render: (c, context) => <AssignedUsersCell contact={c} users={context.users} /> },
  { id: 'createdAt', width: 130, sort: 'createdAt', render: (c) => <DateCell value={c.createdAt} /> },
  // Wide enough for the French header "Dernière activité" beside its sort icon.
  { id: 'lastActivity', width: 180, sort: 'lastActivity', render: (c) => <DateCell value={c.lastActivity ?? null} /> },
];

const customColumns: ColumnDef[] = customFieldKeys.map((key) => ({
  id: key,
  width: 160,
  render: (c) => <Plain value={c.customFields[key] ?? null} />,
}));

function isCustomField(id: ColumnId): id is CustomFieldKey {
  return (customFieldKeys as readonly string[]).includes(id);
}

export const allColumns: ColumnDef[] = [...baseColumns, ...customColumns];
const byId = new Map(allColumns.map((column) => [column.id, column]));

export const defaultColumns: ColumnId[] = ['code', 'name', 'mobile', 'email', 'city', 'balance', 'status'];

/** Columns of account figures, which a user without `ledger.view` neither sees nor may sort by. */
export const figureColumns: readonly ColumnId[] = ['openingBalance', 'balance', 'receivable', 'payable', 'advance'];

/** Returns the default columns, without the figures for a user who may not see them. */
export function defaultColumnsFor(figures: boolean): ColumnId[] {
  return figures ? defaultColumns : defaultColumns.filter((id) => !figureColumns.includes(id));
}

function hasLabel(business: Business, id: CustomFieldKey): boolean {
  return (business.customFieldLabels[id] ?? '').trim() !== '';
}

/**
 * Returns the columns a business offers: custom fields only once they have
 * a label, and figures only to a user who may see them.
 */
export function offeredColumns(business: Business, figures: boolean): ColumnDef[] {
  return allColumns.filter(
    (column) => (!isCustomField(column.id) || hasLabel(business, column.id)) && (figures || !figureColumns.includes(column.id)),
  );
}

/**
 * Returns the columns the picker lists: those offered, and the custom fields
 * among `visible` whose label was removed since a saved view or the browser
 * stored them. The table shows those, so the picker must let the user remove them.
 */
export function pickerColumns(business: Business, figures: boolean, visible: readonly ColumnId[]): ColumnDef[] {
  const offered = new Set(offeredColumns(business, figures).map((column) => column.id));
  return allColumns.filter((column) => offered.has(column.id) || (isCustomField(column.id) && visible.includes(column.id)));
}

/** Tells whether a column is a custom field that has no label in the business settings. */
export function isUnlabeledCustomField(id: ColumnId, business: Business): boolean {
  return isCustomField(id) && !hasLabel(business, id);
}

/**
 * Keeps the known column ids, in the given order, without the figures for a
 * user who may not see them; the name column is always there.
 */
export function columnsFrom(ids: readonly string[], figures = true): ColumnDef[] {
  const known = ids.filter((id) => byId.has(id as ColumnId) && (figures || !figureColumns.includes(id as ColumnId))) as ColumnId[];
  if (!known.includes('name')) known.splice(Math.min(1, known.length), 0, 'name');
  return known.map((id) => byId.get(id) as ColumnDef);
}

/** Fields every table row needs whatever its columns: its link, the name, and the payment button's figures. */
const rowFields = ['id', 'name', 'type', 'status', 'balance', 'receivable', 'payable', 'advance'];

/** Fields a card shows on phones, where the column choice does not apply. */
const cardFields = [...rowFields, 'code', 'mobile', 'city', 'email'];

function fieldOf(id: ColumnId): string {
  if (isCustomField(id)) return 'customFields';
  if (id === 'customerGroup') return 'customerGroupId';
  if (id === 'assignedUsers') return 'assignedUserIds';
  return id;
}

/** Returns the contact fields the list requests: those of the cards, or those of the rows and `columns`. */
export function listFields(columns: readonly ColumnDef[], cards: boolean): string[] {
  if (cards) return cardFields;
  const fields = new Set(rowFields);
  for (const column of columns) fields.add(fieldOf(column.id));
  return [...fields];
}

/**
 * Returns a column's header: custom fields show their label from the
 * business settings, or their number when that label was removed.
 */
export function columnLabel(id: ColumnId, business: Business, t: (key: string, options?: { number: number }) => string): string {
  if (!isCustomField(id)) return t(`contactList.columns.${id}`);
  if (hasLabel(business, id)) return (business.customFieldLabels[id] ?? '').trim();
  return t('contactList.columns.unlabeledCustomField', { number: customFieldKeys.indexOf(id) + 1 });
}
