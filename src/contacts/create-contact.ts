/**
 * Creates a contact: the API and the demo call this, inside their own
 * transaction or a new one. It is the batch of one of `createContacts`,
 * which the importer calls, so an imported contact obeys every rule.
 */
import type { Executor } from '../db/database.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import { createContacts } from './create-contacts.ts';
import type { ContactInput } from './model.ts';
import { type ContactJson, serializeContact } from './serialize.ts';
import type { ContactBusiness } from './validate.ts';
import { type ContactActor, requireAnyContactPermission } from './visibility.ts';

export interface ContactWriteOptions {
  /** Writes nothing and throws 409 `duplicate_warning` when there is any warning. */
  stopOnWarnings?: boolean;
  /** The business row, when the caller already has it (an import reads it once). */
  business?: ContactBusiness;
  /** Recorded in the audit entry, e.g. `{ importId }`. */
  auditDetail?: Record<string, unknown>;
}

export interface ContactWriteResult {
  contact: ContactJson;
  /** Warnings with their parameters; the HTTP layer words them in the caller's language. */
  warnings: FieldIssue[];
}

/**
 * Validates and inserts a contact with its code, assignments, opening balance
 * and audit entry. Throws AppError (403, 409, 422) and writes nothing then.
 * NOTE: a typed code taken by a concurrent transaction after the check
 * fails the insert, which on PostgreSQL aborts the caller's transaction too.
 * A card cannot be, because the check locks it (see `lockCardKeys`).
 */
export async function createContact(
  db: Executor,
  actor: ContactActor,
  input: ContactInput,
  options: ContactWriteOptions = {},
): Promise<ContactWriteResult> {
  requireAnyContactPermission(actor, 'create');
  return inTransaction(db, async (trx) => {
    const business = options.business ?? (await loadContactBusiness(trx, actor.businessId));
    const [outcome] = await createContacts(trx, actor, [input], { ...options, business });
    if (!outcome) throw new Error('createContacts returned no outcome for one input');
    if (!outcome.ok) throw outcome.error;
    return { contact: serializeContact(outcome.contact, business, outcome.assignedUserIds), warnings: outcome.warnings };
  });
}
