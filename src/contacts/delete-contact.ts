/**
 * Deletes contacts that have no history, with their notes, attachments and
 * assignments. A contact with history is refused with 409 and its count.
 * Many contacts are deleted with a few statements per list of ids, and
 * `deleteContact` is the batch of one, so the API and the undo of an import
 * share this code path.
 */
import { recordAudits } from '../auth/audit.ts';
import { IDS_PER_STATEMENT, inLists, slices } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';
import { enqueueContactsDeleted } from '../messages/events.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { inTransaction } from './business.ts';
import { countHistoryBySource, historyTotal } from './history.ts';
import type { ContactType } from './model.ts';
import { type ContactActor, loadViewTest, requireContactPermission } from './visibility.ts';

export interface DeleteContactsOptions {
  /** Added to each contact's audit entry, such as the import an undo removes it for. */
  auditDetail?: Record<string, unknown>;
}

export async function deleteContact(db: Executor, actor: ContactActor, id: string): Promise<void> {
  await deleteContacts(db, actor, [id]);
}

/**
 * Deletes the contacts `ids`, all or none. Throws 404 when one of them is
 * missing or hidden from the actor, and 403 when the actor may not delete
 * one of its type. Throws 409 `contact_has_history` for the first contact
 * with history, in the order of `ids`, with that contact's counts.
 */
export async function deleteContacts(
  db: Executor,
  actor: ContactActor,
  ids: readonly string[],
  options: DeleteContactsOptions = {},
): Promise<void> {
  await inTransaction(db, async (trx) => {
    for (const slice of slices([...new Set(ids)], IDS_PER_STATEMENT)) {
      await deleteSlice(trx, actor, slice, options);
    }
  });
}

async function deleteSlice(trx: Executor, actor: ContactActor, ids: string[], options: DeleteContactsOptions): Promise<void> {
  const [list] = inLists(ids, IDS_PER_STATEMENT);
  if (!list) return;
  const found = await trx
    .selectFrom('contacts')
    .select(['id', 'code', 'name', 'type', 'status', 'created_by'])
    .where('business_id', '=', actor.businessId)
    .where('id', 'in', list)
    .execute();
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = ids.map((id) => {
    const row = byId.get(id);
    if (!row) throw notFound('contact');
    return row;
  });

  const mayView = await loadViewTest(trx, actor, rows.map((row) => ({ id: row.id, type: row.type, createdBy: row.created_by })));
  for (const row of rows) {
    if (!mayView({ id: row.id, type: row.type, createdBy: row.created_by })) throw notFound('contact');
  }
  for (const type of new Set(rows.map((row) => row.type))) requireContactPermission(actor, type as ContactType, 'delete');

  const history = await countHistoryBySource(trx, actor.businessId, ids);
  for (const row of rows) {
    const count = historyTotal(history, row.id);
    if (count > 0) throw new AppError('contact_has_history', { count }, [], { count });
  }
  await enqueueContactsDeleted(trx, actor.businessId, rows);

  // Children go first and by name: the foreign keys cascade too, but an
  // explicit delete does not depend on the engine enforcing them.
  for (const table of ['contact_notes', 'contact_attachments', 'contact_assignments'] as const) {
    await trx.deleteFrom(table).where('business_id', '=', actor.businessId).where('contact_id', 'in', list).execute();
  }
  await trx.deleteFrom('contacts').where('business_id', '=', actor.businessId).where('id', 'in', list).execute();
  await recordAudits(trx, rows.map((row) => ({
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'contact',
    entityId: row.id,
    action: 'deleted',
    changes: { code: row.code, name: row.name, type: row.type, ...options.auditDetail },
  })));
}
