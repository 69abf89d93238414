/**
 * Validates a contact input against every rule, the database ones included
 * (codes, loyalty cards, assigned users, duplicates), without writing
 * anything. Update uses it for one contact; `checkNewContacts` applies the
 * same rules to a batch of new contacts with the reporting functions here.
 */
import type { Executor } from '../db/database.ts';
import type { BusinessRow, ContactRow } from '../db/schema.ts';
import { type FieldIssue, IssueList } from '../shared/errors.ts';
import { inLists } from '../db/batches.ts';
import { type ContactKeys, type ContactMatch, findKeyMatches, type KeyName } from './duplicates.ts';
import { todayIn } from './fields.ts';
import type { ContactInput } from './model.ts';
import { type ContactColumns, readContactFields } from './read-fields.ts';
import { checkCustomerGroupRef } from '../pricing/customer-groups.ts';
import { loyaltyCardKey } from './search/search-terms.ts';
import { customerGroupNames } from '../pricing/customer-groups.ts';
import { nameGroupOnSupplier } from './supplier-fields.ts';
import { type ContactActor, loadViewTest, type OwnedContact } from './visibility.ts';

export interface ContactValidation {
  /** Errors: the contact cannot be saved while there is one. */
  issues: FieldIssue[];
  /** Warnings: the contact can be saved, but someone should look. */
  warnings: FieldIssue[];
  columns: ContactColumns;
  assignedUserIds: string[];
}

export interface ValidateOptions {
  /** The stored contact on update: it is not its own duplicate, and unchanged values are not checked again. */
  existing?: ContactRow | null;
}

export type ContactBusiness = Pick<
  BusinessRow,
  'id' | 'currency' | 'country' | 'timezone' | 'locale' | 'contact_code_prefix' | 'custom_field_labels'
>;

/**
 * Validates a contact's input for `actor`, whose view permissions decide
 * whether an issue about another contact names it.
 */
export async function validateContactInput(
  db: Executor,
  actor: ContactActor,
  business: ContactBusiness,
  input: ContactInput,
  options: ValidateOptions = {},
): Promise<ContactValidation> {
  const existing = options.existing ?? null;
  const issues = new IssueList();
  const warnings: FieldIssue[] = [];
  const { columns, assignedUserIds } = readContactFields(
    input,
    { business, existing, today: todayIn(business.timezone) },
    issues,
    warnings,
  );

  const matches = await findKeyMatches(db, business.id, keysToCheck(columns, existing), existing?.id ?? null);
  const mayView = await loadViewTest(db, actor, Object.values(matches));
  reportKeyMatches(matches, columns.code, issues, warnings, mayView);
  reportUnknownUsers(input.assignedUserIds, assignedUserIds, await knownUserIds(db, business.id, assignedUserIds), issues);
  await checkCustomerGroupRef(db, business.id, columns.customer_group_id, existing?.customer_group_id, issues);
  if (columns.type === 'supplier' && columns.customer_group_id) {
    nameGroupOnSupplier(issues.items, await customerGroupNames(db, business.id, [columns.customer_group_id]));
  }
  return { issues: issues.items, warnings, columns, assignedUserIds };
}

/** Keys to look up: those given, and on update only those that changed. */
export function keysToCheck(columns: ContactColumns, existing: ContactRow | null): ContactKeys {
  const changed = <T>(value: T | null | undefined, stored: T | null | undefined): T | null =>
    value !== null && value !== undefined && (existing === null || value !== stored) ? value : null;
  const mobileChanged = existing === null || columns.mobile !== existing.mobile || columns.mobile_e164 !== existing.mobile_e164;
  return {
    mobileE164: mobileChanged ? columns.mobile_e164 ?? null : null,
    mobileDigits: mobileChanged ? columns.mobile_digits ?? null : null,
    emailKey: changed(columns.email_key, existing?.email_key),
    taxNumberKey: changed(columns.tax_number_key, existing?.tax_number_key),
    loyaltyCardNumber: cardChanged(columns.loyalty_card_number, existing?.loyalty_card_number) ? columns.loyalty_card_number ?? null : null,
    code: changed(columns.code, existing?.code),
  };
}

/** Tells whether a card is given with a key other than the stored card's, so rewriting `CARD-1001` as `card 1001` is no change. */
function cardChanged(card: string | null | undefined, stored: string | null | undefined): boolean {
  if (card === null || card === undefined) return false;
  return stored === null || stored === undefined || loyaltyCardKey(card) !== loyaltyCardKey(stored);
}

/**
 * Turns the other contacts that have one of the keys into warnings (mobile,
 * email, tax number) and errors (loyalty card, a typed code in use). An
 * issue names the other contact, and a warning gives its id, only when
 * `mayView` allows it. Otherwise the issue has no `name` parameter, so its
 * message says "another contact".
 */
export function reportKeyMatches(
  matches: Partial<Record<KeyName, ContactMatch>>,
  typedCode: string | null,
  issues: IssueList,
  warnings: FieldIssue[],
  mayView: (contact: OwnedContact) => boolean,
): void {
  const named = (match: ContactMatch) => (mayView(match) ? { name: match.name, code: match.code } : {});
  const warn = (path: string, code: string, match: ContactMatch) =>
    warnings.push(mayView(match) ? { path, code, params: named(match), contactId: match.id } : { path, code });
  if (matches.mobile) warn('mobile', 'duplicate_mobile', matches.mobile);
  if (matches.email) warn('email', 'duplicate_email', matches.email);
  if (matches.taxNumber) warn('taxNumber', 'duplicate_tax_number', matches.taxNumber);
  if (matches.loyaltyCard) issues.add('loyaltyCardNumber', 'duplicate_loyalty_card', named(matches.loyaltyCard));
  if (matches.code && typedCode !== null) {
    const name = mayView(matches.code) ? { name: matches.code.name } : {};
    issues.add('code', 'code_taken', { value: typedCode, ...name });
  }
}

/** Returns which of the ids are users of the business. */
export async function knownUserIds(db: Executor, businessId: string, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  const unique = [...new Set(ids)];
  for (const slice of inLists(unique)) {
    const found = await db
      .selectFrom('users')
      .select('id')
      .where('business_id', '=', businessId)
      .where('id', 'in', slice)
      .execute();
    for (const row of found) known.add(row.id);
  }
  return known;
}

/** Assigned users must be users of the same business; the path names the list position. */
export function reportUnknownUsers(given: unknown, ids: string[], known: ReadonlySet<string>, issues: IssueList): void {
  if (ids.length === 0) return;
  const positions: unknown[] = [];
  if (Array.isArray(given)) {
    for (const item of given) positions.push(typeof item === 'string' ? item.trim() : item);
  }
  for (const id of ids) {
    if (!known.has(id)) issues.add(`assignedUserIds.${positions.indexOf(id)}`, 'not_found_ref', { value: id });
  }
}
