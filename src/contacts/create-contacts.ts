/**
 * Creates many contacts with a few statements per batch: the checks of
 * `checkNewContacts`, then multi-row INSERTs of the contacts, their
 * assignments, opening balances, audit entries and webhook deliveries.
 * `createContact` is the batch of one, so the API, the demo and the importer
 * share this code path.
 */
import { recordAudits } from '../auth/audit.ts';
import { insertRows } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';
import type { ContactAssignmentTable, ContactRow } from '../db/schema.ts';
import { openingBalanceFigures, postNewOpeningBalances } from '../ledger/post-opening-balances.ts';
import { enqueueContactsCreated } from '../messages/events.ts';
import type { AppError, FieldIssue } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import { type CheckedContact, checkNewContacts } from './check-new-contacts.ts';
import { ContactBatchConflict, isUniqueViolation, rethrowContactConflict } from './contact-errors.ts';
import type { ContactWriteOptions } from './create-contact.ts';
import type { ContactInput } from './model.ts';
import type { TriggerColumn } from './serialize.ts';
import type { ContactActor } from './visibility.ts';
import { requireAnyContactPermission } from './visibility.ts';

/** A contact row as inserted, without the columns that database triggers fill. */
export type NewContact = Omit<ContactRow, TriggerColumn>;

export type CreateOutcome =
  | { ok: true; contact: NewContact; assignedUserIds: string[]; warnings: FieldIssue[] }
  | { ok: false; error: AppError };

/**
 * Validates and inserts the contacts, each with its code, assignments,
 * opening balance and audit entry, and returns one outcome per input in
 * order: the contact, or the AppError (403, 409, 422) that `createContact`
 * would throw for it. A contact that fails writes nothing, and the others
 * are checked as if it had not been there.
 * Throws 403 when the actor may create no contact at all, and
 * `ContactBatchConflict` when a concurrent transaction took a code or card
 * of a batch of several (a batch of one gets the contact's own 409 or 422).
 */
export async function createContacts(
  db: Executor,
  actor: ContactActor,
  inputs: readonly ContactInput[],
  options: ContactWriteOptions = {},
): Promise<CreateOutcome[]> {
  requireAnyContactPermission(actor, 'create');
  return inTransaction(db, async (trx) => {
    const business = options.business ?? (await loadContactBusiness(trx, actor.businessId));
    const checked = await checkNewContacts(trx, actor, business, inputs, options);
    const valid = checked.flatMap((outcome) => (outcome.ok ? [outcome.contact] : []));

    const rows = valid.map((contact) => contactRow(contact, business.id, actor.userId));
    await insertContacts(trx, rows, valid);
    // Set after the insert, which leaves it to the column's default, so that
    // the insert also runs on a database not yet migrated to contact versions.
    for (const row of rows) Object.assign(row, { version: 1 });
    await insertRows(trx, 'contact_assignments', valid.flatMap((contact) => assignmentRows(contact, business.id)));
    const balances = rows.flatMap((row) =>
      row.opening_balance === 0 ? [] : [{ contactId: row.id, amount: row.opening_balance, date: row.opening_balance_date as string }]);
    await postNewOpeningBalances(trx, business.id, actor.userId, balances);
    await recordAudits(trx, rows.map((row) => ({
      businessId: business.id,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: 'created',
      changes: { code: row.code, name: row.name, type: row.type, ...options.auditDetail },
    })));
    await enqueueContactsCreated(trx, business.id, rows);

    const byId = new Map(rows.map((row) => [row.id, row]));
    return checked.map((outcome): CreateOutcome => {
      if (!outcome.ok) return outcome;
      const { id, assignedUserIds, warnings } = outcome.contact;
      return { ok: true, contact: byId.get(id) as NewContact, assignedUserIds, warnings };
    });
  });
}

/**
 * Builds the row of a checked contact, with the figures its opening balance
 * gives. The row is the checked columns object itself, with the other
 * columns set on it, because copying some 50 columns with a spread took
 * about 20 µs and 2 KB a contact (Node 20, 20,000 objects).
 */
function contactRow(contact: CheckedContact, businessId: string, userId: string | null): NewContact {
  const now = nowIso();
  const figures = openingBalanceFigures(contact.columns.opening_balance ?? 0);
  const row = contact.columns as Record<string, unknown>;
  row.id = contact.id;
  row.business_id = businessId;
  row.code = contact.code;
  row.balance = figures.balance;
  row.receivable = figures.receivable;
  row.payable = figures.payable;
  row.advance = figures.advance;
  row.created_by = userId;
  row.anonymised_at = null;
  row.created_at = now;
  row.updated_at = now;
  return row as NewContact;
}

function assignmentRows(contact: CheckedContact, businessId: string): ContactAssignmentTable[] {
  return contact.assignedUserIds.map((userId) => ({ business_id: businessId, contact_id: contact.id, user_id: userId }));
}

async function insertContacts(trx: Executor, rows: NewContact[], contacts: CheckedContact[]): Promise<void> {
  try {
    await insertRows(trx, 'contacts', rows);
  } catch (error) {
    const [only] = contacts;
    if (contacts.length === 1 && only) rethrowContactConflict(error, only.code);
    if (isUniqueViolation(error)) throw new ContactBatchConflict(error);
    throw error;
  }
}
