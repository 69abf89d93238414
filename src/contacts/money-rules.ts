/**
 * Rules on a contact's money fields and on changes that would hide or rewrite
 * its account: who may set the opening balance and the credit limit, when the
 * opening balance is frozen, and which type changes an open account forbids.
 */
import type { Executor } from '../db/database.ts';
import type { ContactRow, ContactUpdate } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import type { ContactType } from './model.ts';
import type { ContactColumns } from './read-fields.ts';
import { type ContactActor, sidesOf } from './visibility.ts';

/**
 * The permission each money field needs, by API field and column. A customer
 * group gives its discount on every later sale, so it needs the discount
 * permission.
 */
const moneyFields = [
  { field: 'openingBalance', column: 'opening_balance', permission: 'ledger.discount' },
  { field: 'openingBalanceDate', column: 'opening_balance_date', permission: 'ledger.discount' },
  { field: 'creditLimit', column: 'credit_limit', permission: 'credit_limit.override' },
  { field: 'customerGroupId', column: 'customer_group_id', permission: 'ledger.discount' },
] as const;

function holds(actor: ContactActor, permission: string): boolean {
  return actor.isAdmin || actor.permissions.has(permission);
}

/**
 * Rejects with 403 a money field the actor may not set: on creation any
 * opening balance, credit limit or customer group, on update any change of one.
 */
export function checkMoneyPermissions(actor: ContactActor, columns: ContactColumns, existing: ContactRow | null): void {
  for (const { field, column, permission } of moneyFields) {
    const value = columns[column] ?? null;
    // A zero opening balance is no opening balance; a zero credit limit means no credit.
    const set = existing ? String(value) !== String(existing[column] ?? null) : value !== null && !(column === 'opening_balance' && value === 0);
    if (!set || holds(actor, permission)) continue;
    throw new AppError('money_field_forbidden', { field, permission }, [
      { path: field, code: 'field_needs_permission', params: { permission } },
    ]);
  }
}

/** Returns the permission the actor lacks to change a money field, or null when the actor may change it. */
export function missingMoneyPermission(actor: ContactActor, field: (typeof moneyFields)[number]['field']): string | null {
  const { permission } = moneyFields.find((entry) => entry.field === field)!;
  return holds(actor, permission) ? null : permission;
}

/**
 * Rejects with 403 a credit limit or customer group that a merge gives the
 * kept contact from a merged one, when the actor may not set that field,
 * as an update would. The opening balances are not checked. A merge adds
 * them together for any actor, because their ledger entries move with it.
 */
export function checkMergedMoneyFields(actor: ContactActor, kept: ContactRow, values: ContactUpdate): void {
  for (const { field, column, permission } of moneyFields) {
    if (column !== 'credit_limit' && column !== 'customer_group_id') continue;
    const value = values[column];
    if (value === undefined || String(value) === String(kept[column]) || holds(actor, permission)) continue;
    throw new AppError('money_field_forbidden', { field, permission }, [
      { path: `fields.${field}`, code: 'field_needs_permission', params: { permission } },
    ]);
  }
}

/**
 * Rejects a change of the opening balance (amount or date) once the account
 * has any other entry: payments may have settled it and statements shown it,
 * so a correction is recorded as a new operation dated today.
 */
export async function checkOpeningBalanceChange(trx: Executor, row: ContactRow, columns: ContactColumns): Promise<void> {
  const amountChanged = Number(columns.opening_balance ?? 0) !== Number(row.opening_balance);
  const dateChanged = (columns.opening_balance_date ?? null) !== (row.opening_balance_date ?? null);
  if (!amountChanged && !dateChanged) return;
  const later = await trx
    .selectFrom('ledger_entries')
    .where('business_id', '=', row.business_id)
    .where('contact_id', '=', row.id)
    .where('source_type', '!=', 'opening_balance')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const count = Number(later.count);
  if (count > 0) throw new AppError('opening_balance_locked', { name: row.name, count });
}

/**
 * Rejects a type change that drops the customer or supplier side of a
 * contact whose account is not settled, because the contact would leave that
 * side's lists with its open amounts. Becoming `both` is always allowed.
 */
export function checkTypeChange(row: ContactRow, type: ContactType, currency: string): void {
  if (type === row.type) return;
  const open = Number(row.receivable) + Number(row.payable) + Number(row.advance);
  if (open === 0 && Number(row.balance) === 0) return;
  const keptSides = new Set(sidesOf(type));
  const amount = formatDecimal(Number(row.balance), currency);
  for (const side of sidesOf(row.type as ContactType)) {
    if (keptSides.has(side)) continue;
    throw new AppError(side === 'customer' ? 'contact_type_hides_customer' : 'contact_type_hides_supplier', { name: row.name, amount });
  }
}
