/**
 * `POST /imports`: stores the uploaded file as a new import and runs it,
 * as a preview (`dryRun`) or as the import itself.
 */
import type { ContactActor } from '../../contacts/visibility.ts';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Locale } from '../../shared/messages.ts';
import { requireImportPermission, requireNoRunningImport } from './access.ts';
import { executeImport } from './execute.ts';
import type { RunLog } from './interrupted-runs.ts';
import { finishJob, registerJob, trackRun } from './jobs.ts';
import type { ImportOptions } from './options.ts';
import { insertImport, type ImportRecord } from './store.ts';

export interface StartImportRequest {
  fileName: string;
  bytes: Buffer;
  options: ImportOptions;
  locale: Locale;
  log?: RunLog;
  /** Data rows accepted in a contact import's file, for a benchmark that goes past `IMPORT_LIMITS.rows`. */
  maxRows?: number;
}

export async function startImport(db: Db, actor: ContactActor, request: StartImportRequest): Promise<ImportRecord> {
  const { finished } = await beginImport(db, actor, request);
  return finished;
}

/**
 * Checks the request, stores the file as a new import and starts running
 * it. Errors of the checks are thrown; `finished` settles with the outcome,
 * and `id` lets the caller follow the run's progress meanwhile.
 */
export async function beginImport(
  db: Db,
  actor: ContactActor,
  request: StartImportRequest,
): Promise<{ id: string; finished: Promise<ImportRecord> }> {
  requireImportPermission(actor, request.options);
  if (!request.options.dryRun) await requireNoRunningImport(db, actor.businessId, null, request.log);

  // Registered before the row exists, so that no reader takes the row for a
  // run this process has left behind, and a cancel right after is seen.
  const importId = newId();
  const job = registerJob(importId, null);
  try {
    await insertImport(db.kysely, {
      id: importId,
      businessId: actor.businessId,
      userId: actor.userId,
      fileName: request.fileName,
      bytes: request.bytes,
      options: request.options,
      status: 'running',
      keepFile: true,
    });
  } catch (error) {
    finishJob(importId);
    throw error;
  }
  const run = executeImport({
    db, actor, locale: request.locale, importId, bytes: request.bytes, options: request.options, job, log: request.log,
    maxRows: request.maxRows,
  });
  const finished = trackRun(run.catch(async (error: unknown) => {
    // A file that cannot be read leaves no import behind: the caller gets
    // the reason and can send another file.
    if (error instanceof AppError && error.status < 500 && error.code !== 'import_interrupted') {
      await db.kysely.deleteFrom('imports').where('id', '=', importId).execute();
    }
    throw error;
  }));
  return { id: importId, finished };
}
