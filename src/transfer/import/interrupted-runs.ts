/**
 * Marks `interrupted` the imports left `running` by a process that stopped
 * (a crash, a kill, a power cut). Such an import wrote its rows in one
 * transaction, which ended unfinished with its process, so nothing of it was
 * saved and it can be started again. An import is left behind when:
 *
 * - this process recorded it and runs it no more;
 * - its process ran on this machine and has stopped;
 * - on SQLite, its process ran on another machine or before the last boot,
 *   because only the processes of one machine share a SQLite file;
 * - on PostgreSQL, its process has sent no heartbeat for the stale period
 *   (COMPTOIR_IMPORT_STALE_SECONDS, 60 by default).
 *
 * Rows written before runners were recorded have no runner, so the time of
 * their last change serves as their heartbeat on both engines.
 *
 * Every instance runs this at start, on each read of the import list or of
 * an import, and before deciding that another import is running.
 */
import type { Db, Engine } from '../../db/database.ts';
import { nowIso } from '../../shared/ids.ts';
import { isRunningHere } from './jobs.ts';
import type { ImportOptions } from './options.ts';
import { importStaleMs, parseRunner, runnerState } from './runner.ts';

/** The logger calls this module makes; pino's and Fastify's loggers fit. */
export interface RunLog {
  warn(object: object, message: string): void;
}

export interface RunningRow {
  id: string;
  business_id: string;
  runner: string | null;
  heartbeat_at: string | null;
  updated_at: string;
  options: string;
}

export type LeftBehindReason = 'run ended' | 'process stopped' | 'other machine' | 'no heartbeat';

/** Tells why the running import of `row` has been left behind by its process, or returns null while it may still run. */
export function leftBehindReason(row: RunningRow, engine: Engine, now = Date.now()): LeftBehindReason | null {
  const runner = parseRunner(row.runner);
  const lastSign = Date.parse(row.heartbeat_at ?? row.updated_at);
  const silent = !(now - lastSign < importStaleMs());
  if (!runner) return silent ? 'no heartbeat' : null;

  const state = runnerState(runner);
  if (state === 'this process') return isRunningHere(row.id) ? null : 'run ended';
  if (state === 'stopped') return 'process stopped';
  if (engine === 'postgres') return silent ? 'no heartbeat' : null;
  // NOTE: a SQLite import run from another PID namespace of this machine
  // (another container sharing the file) cannot be checked. If that process
  // crashes, the import stays running until the machine restarts.
  return state === 'other machine' ? 'other machine' : null;
}

/**
 * Marks `interrupted` the running imports of the scope that their process
 * left behind, and returns their ids. A preview's stored file is dropped,
 * since only an import can be started again from its file. Each row is
 * updated only if it still has the runner and the heartbeat read, so a
 * heartbeat or a new claim that arrives meanwhile keeps it running.
 */
export async function markInterruptedImports(
  db: Db,
  scope: { businessId?: string; importId?: string },
  log?: RunLog,
): Promise<string[]> {
  let query = db.kysely
    .selectFrom('imports')
    .select(['id', 'business_id', 'runner', 'heartbeat_at', 'updated_at', 'options'])
    .where('status', '=', 'running');
  if (scope.businessId !== undefined) query = query.where('business_id', '=', scope.businessId);
  if (scope.importId !== undefined) query = query.where('id', '=', scope.importId);
  const rows = await query.execute();

  const marked: string[] = [];
  for (const row of rows) {
    const reason = leftBehindReason(row, db.engine);
    if (reason === null) continue;
    if (!(await markInterrupted(db, row))) continue;
    marked.push(row.id);
    const runner = parseRunner(row.runner);
    log?.warn(
      { importId: row.id, businessId: row.business_id, reason, runnerHost: runner?.host, runnerPid: runner?.pid, lastHeartbeat: row.heartbeat_at },
      'import left running by a stopped process marked interrupted',
    );
  }
  return marked;
}

async function markInterrupted(db: Db, row: RunningRow): Promise<boolean> {
  const preview = (JSON.parse(row.options) as ImportOptions).dryRun === true;
  const result = await db.kysely
    .updateTable('imports')
    .set({ status: 'interrupted', updated_at: nowIso(), cancel_requested: 0, ...(preview ? { file_data: null } : {}) })
    .where('id', '=', row.id)
    .where('status', '=', 'running')
    .where((eb) => (row.runner === null ? eb('runner', 'is', null) : eb('runner', '=', row.runner)))
    .where((eb) => (row.heartbeat_at === null ? eb('heartbeat_at', 'is', null) : eb('heartbeat_at', '=', row.heartbeat_at)))
    .where('updated_at', '=', row.updated_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
