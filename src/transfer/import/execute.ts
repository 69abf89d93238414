/**
 * Runs one import row set for its id: loads what the rows need (business,
 * customer groups, saved mappings), keeps the run's heartbeat, and stores
 * the outcome. A commit stores it in the import's own transaction, with the
 * audit entry and the saved mapping, and rolls back if another instance has
 * marked the import interrupted meanwhile.
 */
import { recordAudit } from '../../auth/audit.ts';
import { loadContactBusiness } from '../../contacts/business.ts';
import { todayIn } from '../../contacts/fields.ts';
import type { Db, Executor } from '../../db/database.ts';
import { analyzeAfterBulkChange } from '../../db/statistics.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import type { Locale } from '../../shared/messages.ts';
import { normaliseHeader } from '../mapping/aliases.ts';
import type { ImportActor } from './access.ts';
import { startHeartbeat } from './heartbeat.ts';
import type { RunLog } from './interrupted-runs.ts';
import { finishJob, type Progress, type RunningImport } from './jobs.ts';
import { importKindOf, type ImportOptions } from './options.ts';
import { contactImportTables, runImport, type RunOutcome } from './run-import.ts';
import { executeSalesImport } from './sales/execute-sales.ts';
import { type ImportRecord, loadImport, loadSavedMappings, saveMappings, saveOutcome, saveRunFailure } from './store.ts';

export interface ExecuteRequest {
  db: Db;
  actor: ImportActor;
  /** Language of the person importing: amounts written as text follow it unless the options set another. */
  locale: Locale;
  importId: string;
  bytes: Buffer;
  options: ImportOptions;
  /** The run, registered by the caller before it marked the import running; it ends here. */
  job: RunningImport;
  log?: RunLog;
  /** Data rows accepted in a contact import's file, when not `IMPORT_LIMITS.rows`. */
  maxRows?: number;
}

/**
 * Tables that a sales import writes in bulk, analysed after a large one: the
 * sales with their lines, what each posts to the ledger, and the points earned.
 */
const salesImportTables = [
  'documents', 'document_lines', 'ledger_entries', 'open_items', 'ledger_totals', 'loyalty_lots', 'loyalty_movements',
] as const;

export async function executeImport(request: ExecuteRequest): Promise<ImportRecord> {
  const { db, actor, importId, options, job } = request;
  const heartbeat = startHeartbeat(db, importId, () => job.controller.abort(), request.log);

  try {
    if (importKindOf(options) === 'sales') {
      const onTick = db.engine === 'postgres' ? progressReporter(db, importId, job.progress, job.controller, request.log) : undefined;
      const sales = await executeSalesImport({ ...request, progress: job.progress, signal: job.controller.signal, onTick });
      if (sales.status === 'committed') await analyzeAfterBulkChange(db, sales.totals.created, salesImportTables, request.log);
      return await loadImport(db.kysely, actor.businessId, importId);
    }
    const business = await loadContactBusiness(db.kysely, actor.businessId);
    const groups = await loadGroups(db.kysely, business.id);
    const saved = await loadSavedMappings(db.kysely, business.id);
    const outcome = await runImport(db, {
      importId,
      bytes: request.bytes,
      options,
      actor,
      business,
      context: {
        currency: business.currency,
        numberLocale: options.numberLocale ?? request.locale,
        dateOrder: options.dateOrder ?? 'dmy',
        today: todayIn(business.timezone),
        businessCountry: business.country,
        groups,
      },
      saved,
      progress: job.progress,
      signal: job.controller.signal,
      maxRows: request.maxRows,
      // Only PostgreSQL can take these writes during the run: SQLite's writer
      // connection is held by the import's transaction.
      onTick: db.engine === 'postgres' ? progressReporter(db, importId, job.progress, job.controller, request.log) : undefined,
      beforeCommit: (trx, committed) => recordCommit(trx, request, committed),
    });
    if (outcome.status !== 'committed') await saveOutcome(db.kysely, importId, outcome, true);
    else await analyzeAfterBulkChange(db, outcome.totals.created + outcome.totals.updated, contactImportTables, request.log);
  } catch (error) {
    const status = error instanceof AppError && error.status < 500 ? 'failed' : 'error';
    await saveRunFailure(db.kysely, importId, status, JSON.stringify({ errors: [fileIssue(error)], truncated: false }));
    throw error;
  } finally {
    heartbeat.stop();
    finishJob(importId);
  }
  return loadImport(db.kysely, actor.businessId, importId);
}

/** Builds the issue that stores a file-level error, so GET shows why the import stopped. */
function fileIssue(error: unknown) {
  const code = error instanceof AppError ? error.code : 'internal_error';
  const params = error instanceof AppError ? error.params : {};
  return { line: 0, column: null, field: null, value: null, code, params };
}

async function recordCommit(trx: Executor, request: ExecuteRequest, outcome: RunOutcome): Promise<void> {
  const { actor, importId, options } = request;
  if (!(await saveOutcome(trx, importId, outcome, false))) throw new AppError('import_interrupted');
  if (options.mapping && options.saveMapping !== false) {
    await saveMappings(trx, actor.businessId, actor.userId, outcome.columns);
  }
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'import',
    entityId: importId,
    action: 'committed',
    changes: { ...outcome.totals },
  });
}

async function reportProgress(db: Db, importId: string, progress: Progress, controller: AbortController): Promise<void> {
  const row = await db.kysely
    .updateTable('imports')
    .set({ progress_done: progress.done, progress_total: progress.total, updated_at: nowIso() })
    .where('id', '=', importId)
    .where('status', '=', 'running')
    .returning('cancel_requested')
    .executeTakeFirst();
  if (row?.cancel_requested === 1) controller.abort();
}

/**
 * Returns an import's tick, which writes its progress without making the
 * import wait. The write needs a connection of its own, and
 * requests waiting on the import's locks can hold every pooled one until
 * the import ends. Awaited, the write then timed out and failed the whole
 * import. A tick while the last write still waits writes nothing, and a
 * failed write is logged and skipped.
 */
export function progressReporter(db: Db, importId: string, progress: Progress, controller: AbortController, log?: RunLog) {
  let writing = false;
  return async (): Promise<void> => {
    if (writing) return;
    writing = true;
    void reportProgress(db, importId, progress, controller)
      .catch((error: unknown) => log?.warn({ err: error, importId }, 'import progress write failed'))
      .finally(() => {
        writing = false;
      });
  };
}

/** Customer groups of the business by normalised name, for the group column. */
async function loadGroups(db: Executor, businessId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('customer_groups').select(['id', 'name']).where('business_id', '=', businessId).execute();
  return new Map(rows.map((row) => [normaliseHeader(row.name), row.id]));
}
