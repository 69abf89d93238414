/**
 * Rules for a loyalty card, a credit limit and a customer group on a
 * supplier. An update that turns a customer into a supplier clears the
 * stored ones, and an issue about one that the input gives names the group
 * by its name. A user who may not change the stored credit limit or group
 * cannot make that change.
 */
import type { Executor } from '../db/database.ts';
import { customerGroupNames } from '../pricing/customer-groups.ts';
import type { ContactRow } from '../db/schema.ts';
import { AppError, type FieldIssue } from '../shared/errors.ts';
import type { ContactInput } from './model.ts';
import { missingMoneyPermission } from './money-rules.ts';
import { customerOnlyFields } from './read-fields.ts';
import type { ContactJson } from './serialize.ts';
import type { ContactActor } from './visibility.ts';

/** The warning code of each customer-only field that the update clears. */
const clearedCodes = {
  loyaltyCardNumber: 'supplier_card_cleared',
  creditLimit: 'supplier_credit_limit_cleared',
  customerGroupId: 'supplier_group_cleared',
} as const;

export interface SupplierInput {
  /** The merged input, with the cleared fields set to null. */
  input: ContactInput;
  /** One warning per cleared field, naming its stored value. */
  warnings: FieldIssue[];
}

/**
 * Clears the customer-only fields that a contact turned into a supplier
 * has stored and that the patch does not set, as the contact form does, with
 * a warning for each. A field that the patch sets stays in the input, so the
 * check in `readContactFields` rejects it and names the patch's value. A
 * stored supplier keeps what it has: only the change of type clears.
 */
export async function clearFieldsOfNewSupplier(
  db: Executor,
  business: { id: string; currency: string },
  row: ContactRow,
  before: ContactJson,
  patch: ContactInput,
  merged: ContactInput,
): Promise<SupplierInput> {
  const becomesSupplier = row.type !== 'supplier' && typeof merged.type === 'string' && merged.type.trim() === 'supplier';
  if (!becomesSupplier) return { input: merged, warnings: [] };
  const input: ContactInput = { ...merged };
  const warnings: FieldIssue[] = [];
  for (const { field } of customerOnlyFields) {
    const stored = before[field];
    if (patch[field] !== undefined || stored === null || stored === undefined) continue;
    input[field] = null;
    warnings.push({ path: field, code: clearedCodes[field], params: await storedValueParams(db, business, field, stored) });
  }
  return { input, warnings };
}

/** The error of each cleared field that needs a permission, when the actor lacks it. */
const clearForbiddenCodes = {
  creditLimit: 'supplier_credit_limit_forbidden',
  customerGroupId: 'supplier_group_forbidden',
} as const;

/**
 * Rejects with 403 an update that turns a customer into a supplier and so
 * clears a stored credit limit or customer group that the actor may not
 * change. It covers both a clearing by `clearFieldsOfNewSupplier` and the
 * nulls that the contact form sends, where that field is hidden from the
 * actor. The error names the contact, the value and the permission.
 * Letting it pass would let a user drop a credit limit by turning the
 * customer into a supplier and back.
 */
export async function checkClearedMoneyFields(
  db: Executor,
  actor: ContactActor,
  business: { id: string; currency: string },
  before: ContactJson,
  newType: string,
): Promise<void> {
  if (before.type === 'supplier' || newType !== 'supplier') return;
  for (const field of ['creditLimit', 'customerGroupId'] as const) {
    const stored = before[field];
    const permission = missingMoneyPermission(actor, field);
    if (stored === null || permission === null) continue;
    const code = clearForbiddenCodes[field];
    const params = { ...(await storedValueParams(db, business, field, stored)), name: before.name, permission };
    throw new AppError(code, params, [{ path: field, code, params }]);
  }
}

async function storedValueParams(
  db: Executor,
  business: { id: string; currency: string },
  field: keyof typeof clearedCodes,
  stored: string,
): Promise<Record<string, string>> {
  if (field === 'creditLimit') return { value: stored, currency: business.currency };
  if (field === 'customerGroupId') return { value: (await customerGroupNames(db, business.id, [stored])).get(stored) ?? stored };
  return { value: stored };
}

/**
 * Replaces the group id that a `customer_field_on_supplier` issue names
 * with the group's name from `names`. An unknown id stays, beside its own
 * `not_found_ref` issue.
 */
export function nameGroupOnSupplier(issues: FieldIssue[], names: ReadonlyMap<string, string>): void {
  for (const issue of issues) {
    if (issue.code !== 'customer_field_on_supplier' || issue.path !== 'customerGroupId') continue;
    const name = names.get(String(issue.params?.value));
    if (name !== undefined) issue.params = { ...issue.params, value: name };
  }
}
