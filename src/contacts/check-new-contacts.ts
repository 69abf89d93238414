/**
 * Validates a batch of new contacts with the rules `validateContactInput`
 * applies to one, and gives each valid one its code. The database lookups
 * (keys, users, groups) run once per batch. Each contact is then checked in
 * memory, in order, against the stored contacts and the batch's earlier
 * valid contacts, so the results are those of creating them one at a time.
 */
import type { Executor } from '../db/database.ts';
import { AppError, type FieldIssue, IssueList } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { reportCustomerGroupRef } from '../pricing/customer-groups.ts';
import { CodeSequence } from './codes.ts';
import { invalidInputError, warnedError } from './contact-errors.ts';
import type { ContactWriteOptions } from './create-contact.ts';
import { type ContactKeys, type KeyHolder, KeyIndex, loadKeyHolders } from './duplicates.ts';
import { todayIn } from './fields.ts';
import { type ContactInput, type ContactType, contactTypes } from './model.ts';
import { checkMoneyPermissions } from './money-rules.ts';
import { type ContactColumns, readContactFields } from './read-fields.ts';
import { customerGroupNames } from '../pricing/customer-groups.ts';
import { nameGroupOnSupplier } from './supplier-fields.ts';
import { type ContactBusiness, keysToCheck, knownUserIds, reportKeyMatches, reportUnknownUsers } from './validate.ts';
import { type ContactActor, loadViewTest, type OwnedContact, requireContactPermission } from './visibility.ts';

/** A new contact that passed every rule, with its code and id. */
export interface CheckedContact {
  id: string;
  code: string;
  columns: ContactColumns;
  assignedUserIds: string[];
  warnings: FieldIssue[];
}

export type CheckOutcome = { ok: true; contact: CheckedContact } | { ok: false; error: AppError };

interface ReadInput {
  input: ContactInput;
  /** The 403 of a type the actor may not create, found before anything else. */
  denied: AppError | null;
  issues: IssueList;
  warnings: FieldIssue[];
  columns: ContactColumns;
  assignedUserIds: string[];
  keys: ContactKeys;
}

function hasTypedCode(input: ContactInput): boolean {
  return typeof input.code === 'string' && input.code.trim() !== '';
}

function knownType(value: unknown): ContactType | null {
  return typeof value === 'string' && (contactTypes as readonly string[]).includes(value.trim())
    ? (value.trim() as ContactType)
    : null;
}

/** Returns the AppError that `check` throws, or null. Any other error propagates. */
function caught(check: () => void): AppError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

function readInput(actor: ContactActor, business: ContactBusiness, today: string, input: ContactInput): ReadInput {
  const type = knownType(input.type ?? 'customer');
  const denied = type ? caught(() => requireContactPermission(actor, type, 'create')) : null;
  const issues = new IssueList();
  const warnings: FieldIssue[] = [];
  const { columns, assignedUserIds } = readContactFields(input, { business, existing: null, today }, issues, warnings);
  return { input, denied, issues, warnings, columns, assignedUserIds, keys: keysToCheck(columns, null) };
}

export async function checkNewContacts(
  trx: Executor,
  actor: ContactActor,
  business: ContactBusiness,
  inputs: readonly ContactInput[],
  options: Pick<ContactWriteOptions, 'stopOnWarnings'>,
): Promise<CheckOutcome[]> {
  const today = todayIn(business.timezone);
  const read = inputs.map((input) => readInput(actor, business, today, input));
  const allowed = read.filter((item) => item.denied === null);

  const needCodes = allowed.filter((item) => !hasTypedCode(item.input)).length;
  const codes = await CodeSequence.reserve(trx, business.id, business.contact_code_prefix, needCodes);
  const reserved = codes.uncheckedCodes();
  const holders = await loadKeyHolders(trx, business.id, allowed.map((item) => item.keys), reserved);
  const reservedSet = new Set(reserved);
  codes.recordLookup(holders.map((holder) => holder.code).filter((code) => reservedSet.has(code)));
  const index = new KeyIndex();
  for (const holder of holders) index.add(holder);
  const stored = holders.map((holder) => ({ id: holder.id, type: holder.type, createdBy: holder.created_by }));
  const mayView = await loadViewTest(trx, actor, stored);
  const users = await knownUserIds(trx, business.id, allowed.flatMap((item) => item.assignedUserIds));
  const groupIds = allowed.flatMap((item) => (item.columns.customer_group_id ? [item.columns.customer_group_id] : []));
  const groupNames = await customerGroupNames(trx, business.id, groupIds);
  const groups = new Set(groupNames.keys());

  const outcomes: CheckOutcome[] = [];
  for (const item of read) {
    const error = item.denied ?? decide(actor, item, { index, users, groups, groupNames, mayView }, options);
    if (error) {
      outcomes.push({ ok: false, error });
      continue;
    }
    const code = item.columns.code ?? (await codes.next());
    const contact: CheckedContact = {
      id: newId(),
      code,
      columns: item.columns,
      assignedUserIds: item.assignedUserIds,
      warnings: item.warnings,
    };
    // Later contacts of the batch see this one as stored, as they would one at a time.
    codes.exclude([code]);
    index.add(keyHolderOf(contact, actor.userId));
    outcomes.push({ ok: true, contact });
  }
  await codes.settle();
  return outcomes;
}

function keyHolderOf(contact: CheckedContact, createdBy: string | null): KeyHolder {
  const { columns } = contact;
  return {
    id: contact.id,
    name: columns.name,
    code: contact.code,
    type: columns.type,
    created_by: createdBy,
    mobile_e164: columns.mobile_e164 ?? null,
    mobile_digits: columns.mobile_digits ?? null,
    email_key: columns.email_key ?? null,
    tax_number_key: columns.tax_number_key ?? null,
    loyalty_card_number: columns.loyalty_card_number ?? null,
  };
}

interface Lookups {
  index: KeyIndex;
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  /** The name of each group in `groups`, for an issue about a group given to a supplier. */
  groupNames: ReadonlyMap<string, string>;
  /** Whether the actor may view a stored contact, or one of the batch that it creates. */
  mayView: (contact: OwnedContact) => boolean;
}

/** Applies the checks that need the database, in the order `createContact` has always used, and returns the first error or null. */
function decide(
  actor: ContactActor,
  item: ReadInput,
  lookups: Lookups,
  options: Pick<ContactWriteOptions, 'stopOnWarnings'>,
): AppError | null {
  const { issues, warnings, columns } = item;
  reportKeyMatches(lookups.index.match(item.keys), columns.code, issues, warnings, lookups.mayView);
  reportUnknownUsers(item.input.assignedUserIds, item.assignedUserIds, lookups.users, issues);
  reportCustomerGroupRef(columns.customer_group_id, null, lookups.groups, issues);
  nameGroupOnSupplier(issues.items, lookups.groupNames);
  return invalidInputError(issues.items)
    ?? caught(() => checkMoneyPermissions(actor, columns, null))
    ?? warnedError(warnings, options.stopOnWarnings);
}
