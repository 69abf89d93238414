/**
 * `POST /imports/{id}/commit`: imports a previewed file with the options of
 * its preview, so the rows the preview counted valid are the rows imported.
 * Only the invalid-row policy may change at this step. An import that
 * failed, was cancelled or was interrupted is started again the same way.
 */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/messages.ts';
import { requireImportPermission, requireImportVisible, requireNoRunningImport } from './access.ts';
import { executeImport } from './execute.ts';
import { markInterruptedImports, type RunLog } from './interrupted-runs.ts';
import { finishJob, isRunningHere, registerJob, trackRun } from './jobs.ts';
import type { ImportOptions } from './options.ts';
import { claimRun, type ImportRecord, loadImport, loadImportFile } from './store.ts';

/** Tells whether the import's stored file can still be imported: an interrupted preview has dropped it. */
function committable(record: ImportRecord): boolean {
  if (record.status === 'interrupted') return !record.options.dryRun;
  return record.status === 'previewed' || record.status === 'failed' || record.status === 'cancelled';
}

export interface CommitRequest {
  onInvalid?: ImportOptions['onInvalid'];
  locale: Locale;
  log?: RunLog;
}

/**
 * Checks that the import can be committed, marks it running and starts it.
 * Errors of these checks are thrown; `finished` settles with the outcome.
 */
export async function beginCommit(
  db: Db,
  actor: ContactActor,
  id: string,
  request: CommitRequest,
): Promise<{ finished: Promise<ImportRecord> }> {
  // An import its process left running can be started again at once.
  await markInterruptedImports(db, { businessId: actor.businessId, importId: id }, request.log);
  const record = await loadImport(db.kysely, actor.businessId, id);
  requireImportVisible(actor, record);
  const bytes = committable(record) ? await loadImportFile(db.kysely, id) : null;
  if (!bytes) throw new AppError('import_not_pending', { status: record.status });
  const options: ImportOptions = { ...record.options, dryRun: false, onInvalid: request.onInvalid ?? record.options.onInvalid };
  requireImportPermission(actor, options);
  await requireNoRunningImport(db, actor.businessId, id, request.log);

  const total = record.status === 'previewed' ? record.totals.rows : null;
  if (isRunningHere(id)) throw new AppError('import_not_pending', { status: 'running' });
  const job = registerJob(id, total);
  let claimed = false;
  try {
    claimed = await claimRun(db.kysely, id, [record.status], {
      options: JSON.stringify(options),
      progress_done: 0,
      progress_total: total,
      cancel_requested: 0,
    });
  } finally {
    if (!claimed) finishJob(id);
  }
  // Another request started or discarded it since it was read.
  if (!claimed) throw new AppError('import_not_pending', { status: (await loadImport(db.kysely, actor.businessId, id)).status });

  const finished = trackRun(executeImport({ db, actor, locale: request.locale, importId: id, bytes, options, job, log: request.log }));
  return { finished };
}

export async function commitImport(db: Db, actor: ContactActor, id: string, request: CommitRequest): Promise<ImportRecord> {
  const { finished } = await beginCommit(db, actor, id, request);
  return finished;
}
