/**
 * `POST /imports/{id}/cancel`: stops a running import, which then rolls
 * back and writes nothing, or discards a preview that will not be committed.
 * It takes the permission that starting the import takes. An import whose
 * process has stopped is marked interrupted instead, with nothing to cancel.
 */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { requireImportPermission, requireImportVisible } from './access.ts';
import { markInterruptedImports, type RunLog } from './interrupted-runs.ts';
import { cancelJob } from './jobs.ts';
import { type ImportRecord, loadImport, setStatus } from './store.ts';

export async function cancelImport(db: Db, actor: ContactActor, id: string, log?: RunLog): Promise<ImportRecord> {
  const businessId = actor.businessId;
  await markInterruptedImports(db, { businessId, importId: id }, log);
  const record = await loadImport(db.kysely, businessId, id);
  requireImportVisible(actor, record);
  requireImportPermission(actor, record.options);
  if (record.status === 'previewed') {
    await setStatus(db.kysely, id, 'cancelled', { file_data: null });
    return loadImport(db.kysely, businessId, id);
  }
  if (record.status !== 'running') throw new AppError('import_not_running', { status: record.status });

  // An import this process runs stops at its next chunk, rolls back and
  // stores itself as cancelled. No write is needed, and on SQLite none
  // could run before the import's transaction ends.
  if (cancelJob(id)) return { ...record, cancelRequested: true };
  // Another instance runs it: it reads the flag at its next progress
  // report (PostgreSQL).
  await db.kysely.updateTable('imports').set({ cancel_requested: 1 }).where('id', '=', id).execute();
  return loadImport(db.kysely, businessId, id);
}
