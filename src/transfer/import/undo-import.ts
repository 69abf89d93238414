/**
 * `DELETE /imports/{id}`: undoes a committed import in one transaction. The
 * contacts it created are deleted and those it updated get their previous
 * values back, through the contact use cases. Nothing is undone when one of
 * them has been used or changed since: a sale, a payment, a new opening
 * balance, an edit. A sales import is undone by voiding its sales
 * (sales/undo-sales-import.ts).
 */
import { recordAudit } from '../../auth/audit.ts';
import { deleteContact } from '../../contacts/delete-contact.ts';
import { countContactHistory } from '../../contacts/history.ts';
import { updateContact } from '../../contacts/update-contact.ts';
import type { Db, Executor } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import type { Locale } from '../../shared/messages.ts';
import { type ImportActor, requireImportPermission } from './access.ts';
import { importKindOf } from './options.ts';
import { undoSalesImport } from './sales/undo-sales-import.ts';
import { type ImportRecord, loadImport, setStatus } from './store.ts';

/** Undoes the import; `locale` words the void reason a sales import leaves on its sales. */
export async function undoImport(db: Db, actor: ImportActor, id: string, locale: Locale = 'fr'): Promise<ImportRecord> {
  const record = await loadImport(db.kysely, actor.businessId, id);
  requireImportPermission(actor, record.options);
  if (record.status !== 'committed') throw new AppError('import_not_undoable', { status: record.status });
  if (importKindOf(record.options) === 'sales') {
    return undoSalesImport(db, { ...actor, defaultLocationId: actor.defaultLocationId ?? null, locale }, record);
  }

  await db.kysely.transaction().execute(async (trx) => {
    const created = await existingContacts(trx, actor.businessId, record.createdIds);
    const blocked = await countBlocked(trx, actor.businessId, record, created);
    if (blocked > 0) throw new AppError('import_undo_blocked', { count: blocked }, [], { count: blocked });

    for (const contactId of created) {
      await discardOpeningBalance(trx, actor.businessId, contactId);
      await deleteContact(trx, actor, contactId);
    }
    for (const contact of record.updated) {
      await updateContact(trx, actor, contact.id, contact.before, { auditDetail: { importId: id, undo: true } });
    }
    await setStatus(trx, id, 'undone', { undone_at: nowIso() });
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'import',
      entityId: id,
      action: 'undone',
      changes: { deleted: created.length, restored: record.updated.length },
    });
  });
  return loadImport(db.kysely, actor.businessId, id);
}

/** Ids still present: a contact deleted by hand since the import has nothing left to undo. */
async function existingContacts(trx: Executor, businessId: string, ids: string[]): Promise<string[]> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await trx
      .selectFrom('contacts')
      .select('id')
      .where('business_id', '=', businessId)
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
    for (const row of rows) found.add(row.id);
  }
  return ids.filter((id) => found.has(id));
}

/**
 * Counts the contacts that have history of their own since the import. A
 * created contact may have exactly the opening balance the import posted
 * (one item, one ledger entry); an updated one must not have changed since.
 */
async function countBlocked(trx: Executor, businessId: string, record: ImportRecord, created: string[]): Promise<number> {
  let blocked = 0;
  for (const contactId of created) {
    const history = await countContactHistory(trx, businessId, contactId);
    const entries = await countRows(trx, 'ledger_entries', businessId, contactId);
    const loyalty = await countRows(trx, 'loyalty_movements', businessId, contactId);
    const importedBalanceOnly = history === 1 && entries === 1 && (await openingEntries(trx, businessId, contactId)) === 1;
    if (loyalty > 0 || (history > 0 && !importedBalanceOnly)) blocked += 1;
  }
  for (const contact of record.updated) {
    const row = await trx
      .selectFrom('contacts')
      .select('updated_at')
      .where('business_id', '=', businessId)
      .where('id', '=', contact.id)
      .executeTakeFirst();
    if (!row || row.updated_at !== contact.updatedAt) blocked += 1;
  }
  return blocked;
}

async function countRows(
  trx: Executor,
  table: 'ledger_entries' | 'loyalty_movements',
  businessId: string,
  contactId: string,
): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

async function openingEntries(trx: Executor, businessId: string, contactId: string): Promise<number> {
  const row = await trx
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('type', '=', 'opening_balance')
    .where('source_type', '=', 'opening_balance')
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * Removes the opening balance the import posted for a contact it created,
 * so that the contact can be deleted.
 * NOTE: this is the one place ledger rows are deleted rather than reversed.
 * It runs only for a contact whose whole ledger is that one entry, which
 * nothing else refers to, and the undo is in the audit log.
 */
async function discardOpeningBalance(trx: Executor, businessId: string, contactId: string): Promise<void> {
  for (const table of ['ledger_totals', 'ledger_entries', 'open_items'] as const) {
    await trx.deleteFrom(table).where('business_id', '=', businessId).where('contact_id', '=', contactId).execute();
  }
}
