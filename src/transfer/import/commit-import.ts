/**
 * `POST /imports/{id}/commit`: imports a previewed file with the options of
 * its preview, so the rows the preview counted valid are the rows imported.
 * Only the invalid-row policy may change at this step.
 */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import type { Locale } from '../../shared/messages.ts';
import { requireImportPermission, requireNoRunningImport } from './access.ts';
import { executeImport } from './execute.ts';
import { trackRun } from './jobs.ts';
import type { ImportOptions } from './options.ts';
import { type ImportRecord, loadImport, loadImportFile, setStatus } from './store.ts';

/** States whose stored file can still be imported. */
const committable = new Set(['previewed', 'failed', 'cancelled']);

export interface CommitRequest {
  onInvalid?: ImportOptions['onInvalid'];
  locale: Locale;
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
  const record = await loadImport(db.kysely, actor.businessId, id);
  const bytes = committable.has(record.status) ? await loadImportFile(db.kysely, id) : null;
  if (!bytes) throw new AppError('import_not_pending', { status: record.status });
  const options: ImportOptions = { ...record.options, dryRun: false, onInvalid: request.onInvalid ?? record.options.onInvalid };
  requireImportPermission(actor, options);
  await requireNoRunningImport(db.kysely, actor.businessId, id);

  const total = record.status === 'previewed' ? record.totals.rows : null;
  await setStatus(db.kysely, id, 'running', {
    options: JSON.stringify(options),
    progress_done: 0,
    progress_total: total,
    cancel_requested: 0,
  });
  const finished = trackRun(executeImport({ db, actor, locale: request.locale, importId: id, bytes, options, total }));
  return { finished };
}

export async function commitImport(db: Db, actor: ContactActor, id: string, request: CommitRequest): Promise<ImportRecord> {
  const { finished } = await beginCommit(db, actor, id, request);
  return finished;
}
