/**
 * Creates a contact: the API and the importer call this same code, inside
 * their own transaction or a new one, so an imported contact obeys every rule.
 */
import { recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { syncOpeningBalance } from '../ledger/opening-balance.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import { generateContactCode, nextGeneratedCode } from './codes.ts';
import { rethrowContactConflict, throwIfInvalid, throwIfWarned } from './contact-errors.ts';
import { type ContactInput, type ContactType, contactTypes } from './model.ts';
import { type ContactJson, serializeContact } from './serialize.ts';
import { type ContactBusiness, validateContactInput } from './validate.ts';
import { type ContactActor, requireAnyContactPermission, requireContactPermission } from './visibility.ts';
import { checkMoneyPermissions } from './money-rules.ts';

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

function hasTypedCode(input: ContactInput): boolean {
  return typeof input.code === 'string' && input.code.trim() !== '';
}

function knownType(value: unknown): ContactType | null {
  return typeof value === 'string' && (contactTypes as readonly string[]).includes(value.trim())
    ? (value.trim() as ContactType)
    : null;
}

/**
 * Validates and inserts a contact with its code, assignments, opening balance
 * and audit entry. Throws AppError (403, 409, 422) and writes nothing then.
 * NOTE: a code or card taken by a concurrent transaction after the check
 * fails the insert, which on PostgreSQL aborts the caller's transaction too.
 */
export async function createContact(
  db: Executor,
  actor: ContactActor,
  input: ContactInput,
  options: ContactWriteOptions = {},
): Promise<ContactWriteResult> {
  requireAnyContactPermission(actor, 'create');
  const requestedType = knownType(input.type ?? 'customer');
  if (requestedType) requireContactPermission(actor, requestedType, 'create');

  return inTransaction(db, async (trx) => {
    const business = options.business ?? (await loadContactBusiness(trx, actor.businessId));
    // A code to generate is drawn first, so the duplicate lookup checks it too.
    const prefix = business.contact_code_prefix;
    const generatedCode = hasTypedCode(input) ? null : await nextGeneratedCode(trx, business.id, prefix);
    const validation = await validateContactInput(trx, business, input, { generatedCode });
    throwIfInvalid(validation.issues);
    checkMoneyPermissions(actor, validation.columns, null);
    throwIfWarned(validation.warnings, options.stopOnWarnings);
    const { columns, assignedUserIds } = validation;

    const now = nowIso();
    let code = columns.code ?? generatedCode;
    if (code === null || validation.generatedCodeTaken) code = await generateContactCode(trx, business.id, prefix);
    let row: ContactRow = {
      ...columns,
      id: newId(),
      business_id: business.id,
      code,
      balance: 0,
      receivable: 0,
      payable: 0,
      advance: 0,
      created_by: actor.userId,
      anonymised_at: null,
      created_at: now,
      updated_at: now,
    } as ContactRow;
    await trx.insertInto('contacts').values(row).execute()
      .catch((error: unknown) => rethrowContactConflict(error, code, columns.loyalty_card_number ?? null));

    if (assignedUserIds.length > 0) {
      await trx
        .insertInto('contact_assignments')
        .values(assignedUserIds.map((userId) => ({ business_id: business.id, contact_id: row.id, user_id: userId })))
        .execute();
    }
    if (row.opening_balance !== 0) {
      await syncOpeningBalance(trx, {
        businessId: business.id,
        contactId: row.id,
        amount: row.opening_balance,
        date: row.opening_balance_date,
        locationId: null,
        userId: actor.userId,
      });
      row = await trx.selectFrom('contacts').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    }
    await recordAudit(trx, {
      businessId: business.id,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: 'created',
      changes: { code, name: row.name, type: row.type, ...options.auditDetail },
    });
    await enqueueEventMessages(trx, { type: 'contact.created', businessId: business.id, contactId: row.id });
    return { contact: serializeContact(row, business, assignedUserIds), warnings: validation.warnings };
  });
}
