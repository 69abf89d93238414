/**
 * Updates part of a contact. Absent fields stay as they are; null or ""
 * clears one; customFields, payTerm and bankAccount merge key by key.
 * A customer turned into a supplier loses the loyalty card, credit limit and
 * customer group that the patch does not set, with a warning for each.
 * A change moves the contact's version, and a caller that read an older
 * version gets 412 `contact_changed` (see contact-version.ts).
 * The importer calls this same code inside its own transaction.
 */
import { diffFields, recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import type { Executor } from '../db/database.ts';
import { formatDecimal } from '../shared/money.ts';
import type { ContactRow, ContactUpdate } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { syncOpeningBalance } from '../ledger/opening-balance.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import { rethrowContactConflict, throwIfInvalid, throwIfWarned } from './contact-errors.ts';
import type { ContactWriteOptions, ContactWriteResult } from './create-contact.ts';
import { type ContactInput, type ContactType, writableFields } from './model.ts';
import type { ContactColumns } from './read-fields.ts';
import { type ContactJson, loadAssignments, serializeContact, loadOverdue } from './serialize.ts';
import { checkClearedMoneyFields, clearFieldsOfNewSupplier } from './supplier-fields.ts';
import { validateContactInput } from './validate.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';
import { checkMoneyPermissions, checkOpeningBalanceChange, checkTypeChange } from './money-rules.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { nextVersion, requireVersion, type VersionCondition } from './contact-version.ts';

export interface ContactUpdateOptions extends ContactWriteOptions {
  /** The versions the caller read (`If-Match`). Without it the update applies to any version. */
  versionCondition?: VersionCondition | null;
}

export function writableView(contact: ContactJson): Record<string, unknown> {
  return Object.fromEntries(writableFields.map((field) => [field, contact[field]]));
}

function mergeObject<T extends object>(stored: T | null, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  return { ...(stored ?? {}), ...patch };
}

/** Builds the full input the contact would have after the patch. */
export function mergePatch(before: ContactJson, patch: ContactInput): ContactInput {
  const merged: Record<string, unknown> = writableView(before);
  for (const field of writableFields) {
    if (patch[field] !== undefined) merged[field] = patch[field];
  }
  if (patch.customFields !== undefined) merged.customFields = mergeObject(before.customFields, patch.customFields);
  if (patch.payTerm !== undefined) merged.payTerm = mergeObject(before.payTerm, patch.payTerm);
  if (patch.bankAccount !== undefined) merged.bankAccount = mergeObject(before.bankAccount, patch.bankAccount);
  return merged as ContactInput;
}

function changedColumns(row: ContactRow, columns: ContactColumns): ContactUpdate {
  const changes: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(columns)) {
    if (column === 'code' && value === null) continue;
    if ((row as Record<string, unknown>)[column] !== value) changes[column] = value;
  }
  return changes as ContactUpdate;
}

function sameIds(left: string[], right: string[]): boolean {
  return left.length === right.length && [...left].sort().join() === [...right].sort().join();
}

export async function updateContact(
  db: Executor,
  actor: ContactActor,
  id: string,
  patch: ContactInput,
  options: ContactUpdateOptions = {},
): Promise<ContactWriteResult> {
  return inTransaction(db, async (trx) => {
    const business = options.business ?? (await loadContactBusiness(trx, actor.businessId));
    const row = await loadVisibleContact(trx, actor, id);
    requireContactPermission(actor, row.type as ContactType, 'update');
    if (row.anonymised_at !== null) throw new AppError('contact_anonymised', { code: row.code });
    // Checked before validation, so that a stale form gets 412 and not errors about values it never saw.
    await requireVersion(trx, row, options.versionCondition);

    const assigned = (await loadAssignments(trx, business.id, [row.id])).get(row.id) ?? [];
    const before = serializeContact(row, business, assigned);
    const supplier = await clearFieldsOfNewSupplier(trx, business, row, before, patch, mergePatch(before, patch));
    const validation = await validateContactInput(trx, actor, business, supplier.input, { existing: row });
    throwIfInvalid(validation.issues);
    const warnings = [...validation.warnings, ...supplier.warnings];
    if (validation.columns.type !== row.type) {
      requireContactPermission(actor, validation.columns.type as ContactType, 'update');
    }
    await checkClearedMoneyFields(trx, actor, business, before, validation.columns.type);
    checkMoneyPermissions(actor, validation.columns, row);
    // The figures the next two rules read must not move before the update commits.
    const locked = await lockContact(trx, business.id, row.id, actor);
    // On PostgreSQL a concurrent update may have committed since the first read: the lock waits for it, then reads its version.
    await requireVersion(trx, locked, options.versionCondition);
    checkTypeChange(locked, validation.columns.type as ContactType, business.currency);
    await checkOpeningBalanceChange(trx, locked, validation.columns);
    throwIfWarned(warnings, options.stopOnWarnings);

    const changes = changedColumns(row, validation.columns);
    const assignmentsChanged = !sameIds(assigned, validation.assignedUserIds);
    if (Object.keys(changes).length === 0 && !assignmentsChanged) {
      return { contact: before, warnings };
    }

    await trx
      .updateTable('contacts')
      .set({ ...changes, ...nextVersion() })
      .where('business_id', '=', business.id)
      .where('id', '=', row.id)
      .execute()
      .catch((error: unknown) => rethrowContactConflict(error, String(changes.code ?? row.code)));
    if (assignmentsChanged) await replaceAssignments(trx, business.id, row.id, validation.assignedUserIds);
    if (changes.opening_balance !== undefined || changes.opening_balance_date !== undefined) {
      await syncOpeningBalance(trx, {
        businessId: business.id,
        contactId: row.id,
        amount: validation.columns.opening_balance ?? 0,
        date: validation.columns.opening_balance_date ?? null,
        locationId: null,
        userId: actor.userId,
      });
    }

    const updated = await trx.selectFrom('contacts').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    const after = serializeContact(updated, business, validation.assignedUserIds);
    await recordAudit(trx, {
      businessId: business.id,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: 'updated',
      changes: diffFields(writableView(before), writableView(after)),
    });
    await enqueueEventMessages(trx, { type: 'contact.updated', businessId: business.id, contactId: row.id });
    const overdue = await loadOverdue(trx, business, [row.id]);
    return { contact: { ...after, overdue: formatDecimal(overdue.get(row.id) ?? 0, business.currency) }, warnings };
  });
}

async function replaceAssignments(trx: Executor, businessId: string, contactId: string, userIds: string[]) {
  await trx
    .deleteFrom('contact_assignments')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto('contact_assignments')
    .values(userIds.map((userId) => ({ business_id: businessId, contact_id: contactId, user_id: userId })))
    .execute();
}
