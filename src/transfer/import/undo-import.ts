/**
 * `DELETE /imports/{id}`: undoes a committed import in one transaction. The
 * contacts it created are deleted together, with a few statements per
 * list of ids, and those it updated get their previous values back, one
 * at a time, through the contact use cases. When some of them have been
 * used or changed since (a sale, a payment, a new opening balance, loyalty
 * points, an edit), nothing is undone and the refusal names them. With
 * `keepChanged` those are kept and the others undone, and the import becomes
 * `partly_undone`. A caller who may view only some contacts sees the names
 * and codes of those, and a count of the others. A sales import is undone whole by voiding its sales
 * (sales/undo-sales-import.ts).
 */
import { recordAudit } from '../../auth/audit.ts';
import { deleteContacts } from '../../contacts/delete-contact.ts';
import { lockCardKeys } from '../../contacts/duplicates.ts';
import type { ContactType } from '../../contacts/model.ts';
import { updateContact } from '../../contacts/update-contact.ts';
import { requireAnyContactPermission, requireContactPermission } from '../../contacts/visibility.ts';
import { IDS_PER_STATEMENT, inLists } from '../../db/batches.ts';
import type { Db, Executor } from '../../db/database.ts';
import { analyzeAfterBulkChange, type StatisticsLog } from '../../db/statistics.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { type Locale, translate } from '../../shared/messages.ts';
import { type ImportActor, requireImportPermission, requireImportVisible } from './access.ts';
import { type ImportChanges, loadImportChanges } from './import-contacts.ts';
import { splitVisibleKept } from './kept-visibility.ts';
import { importKindOf } from './options.ts';
import { contactImportTables } from './run-import.ts';
import { undoSalesImport } from './sales/undo-sales-import.ts';
import { type ImportRecord, loadImport, setStatus, type UndoResult } from './store.ts';
import { type KeptContact, planUndo } from './undo-plan.ts';

/** Kept contacts listed in a refusal and in the stored result; the counts cover them all. */
export const LISTED_KEPT_CONTACTS = 100;
/** Kept contacts named in the sentence of a refusal. */
const NAMED_KEPT_CONTACTS = 10;

export interface UndoOptions {
  /** Undo the contacts that allow it and keep the others, instead of refusing. */
  keepChanged?: boolean;
  /** Words the void reason that a sales import leaves on its sales. */
  locale?: Locale;
  /** Receives a failure of the ANALYZE that follows a large undo. */
  log?: StatisticsLog;
}

export async function undoImport(db: Db, actor: ImportActor, id: string, options: UndoOptions = {}): Promise<ImportRecord> {
  const record = await loadImport(db.kysely, actor.businessId, id);
  requireImportVisible(actor, record);
  requireImportPermission(actor, record.options);
  if (record.status !== 'committed') throw new AppError('import_not_undoable', { status: record.status });
  if (importKindOf(record.options) === 'sales') {
    if (options.keepChanged) throw new AppError('import_partial_undo_unsupported');
    const locale = options.locale ?? 'fr';
    return undoSalesImport(db, { ...actor, defaultLocationId: actor.defaultLocationId ?? null, locale }, record);
  }

  const changes = await loadImportChanges(db.kysely, record);
  await requireUndoPermissions(db.kysely, actor, changes);
  let undone = 0;
  await db.kysely.transaction().execute(async (trx) => {
    const plan = await planUndo(trx, actor.businessId, record.committedAt ?? '', changes);
    const locale = options.locale ?? 'fr';
    if (plan.kept.length > 0 && !options.keepChanged) throw await keptError(trx, actor, 'import_undo_blocked', plan.kept, locale);
    if (plan.toDelete.length + plan.toRestore.length === 0 && plan.kept.length > 0) {
      throw await keptError(trx, actor, 'import_undo_nothing_left', plan.kept, locale);
    }

    // Restoring contacts checks their cards one at a time: one lock for them all (see `lockCardKeys`).
    const cards = plan.toRestore.map((contact) => contact.before.loyaltyCardNumber);
    await lockCardKeys(trx, actor.businessId, cards, 'batch');
    await discardOpeningBalances(trx, actor.businessId, plan.toDelete);
    await deleteContacts(trx, actor, plan.toDelete, { auditDetail: { importId: id, undo: true } });
    for (const contact of plan.toRestore) {
      await updateContact(trx, actor, contact.id, contact.before, { auditDetail: { importId: id, undo: true } });
    }

    const result: UndoResult = {
      deleted: plan.toDelete.length,
      restored: plan.toRestore.length,
      kept: plan.kept.length,
      keptContacts: plan.kept.slice(0, LISTED_KEPT_CONTACTS),
    };
    const status = plan.kept.length > 0 ? 'partly_undone' : 'undone';
    await setStatus(trx, id, status, { undone_at: nowIso(), undo_result: JSON.stringify(result) });
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'import',
      entityId: id,
      action: status,
      changes: {
        deleted: result.deleted,
        restored: result.restored,
        ...(result.kept > 0 ? { kept: result.kept, keptIds: result.keptContacts.map((contact) => contact.id) } : {}),
      },
    });
    undone = result.deleted + result.restored;
  });
  await analyzeAfterBulkChange(db, undone, contactImportTables, options.log);
  return loadImport(db.kysely, actor.businessId, id);
}

/**
 * Throws 403 unless the actor may delete every contact the import created
 * and update every contact it updated, on their present sides. It runs
 * before the undo is planned, so that a caller without these permissions
 * learns nothing about which contacts changed since.
 */
async function requireUndoPermissions(db: Executor, actor: ImportActor, changes: ImportChanges): Promise<void> {
  const checks: Array<{ ids: string[]; action: 'delete' | 'update' }> = [
    { ids: changes.createdIds, action: 'delete' },
    { ids: changes.updated.map((contact) => contact.id), action: 'update' },
  ];
  for (const { ids, action } of checks) {
    if (ids.length === 0) continue;
    // Without the permission on either side, no contact type needs to be read.
    requireAnyContactPermission(actor, action);
    const types = new Set<ContactType>();
    for (const list of inLists(ids)) {
      const rows = await db
        .selectFrom('contacts')
        .select('type')
        .distinct()
        .where('business_id', '=', actor.businessId)
        .where('id', 'in', list)
        .execute();
      for (const row of rows) types.add(row.type as ContactType);
    }
    for (const type of types) requireContactPermission(actor, type, action);
  }
}

/**
 * Builds the 409 that names the kept contacts the actor may view: a few in
 * its sentence, up to LISTED_KEPT_CONTACTS in `contacts`. The others are
 * counted in `otherContacts` and in the sentence, without name or code.
 */
async function keptError(
  trx: Executor,
  actor: ImportActor,
  code: 'import_undo_blocked' | 'import_undo_nothing_left',
  kept: KeptContact[],
  locale: Locale,
): Promise<AppError> {
  const { visible, hidden } = await splitVisibleKept(trx, actor, kept);
  const named = visible.slice(0, NAMED_KEPT_CONTACTS).map((contact) => [contact.code, contact.name].filter(Boolean).join(' '));
  if (visible.length > NAMED_KEPT_CONTACTS) named.push('…');
  if (hidden > 0) named.push(translate(hidden === 1 ? 'import_other_contact' : 'import_other_contacts', locale, { count: hidden }));
  return new AppError(code, { count: kept.length, contacts: named.join(', ') }, [], {
    count: kept.length,
    contacts: visible.slice(0, LISTED_KEPT_CONTACTS),
    otherContacts: hidden,
  });
}

/**
 * Removes the opening balances the import posted for contacts it created,
 * so that the contacts can be deleted: their open items, ledger entries and
 * day and month totals, by list of ids.
 * NOTE: this is the one place ledger rows are deleted rather than reversed.
 * It runs only for contacts whose whole ledger is that one entry, which
 * nothing else refers to, and the undo is in the audit log.
 */
async function discardOpeningBalances(trx: Executor, businessId: string, contactIds: readonly string[]): Promise<void> {
  for (const list of inLists(contactIds, IDS_PER_STATEMENT)) {
    for (const table of ['ledger_totals', 'ledger_entries', 'open_items'] as const) {
      await trx.deleteFrom(table).where('business_id', '=', businessId).where('contact_id', 'in', list).execute();
    }
  }
}
