/**
 * The heartbeat of an import this process runs: on PostgreSQL, a timer
 * refreshes the row's `heartbeat_at` every sixth of the stale period, so
 * that other instances see the run is alive however long it takes. SQLite
 * gets no heartbeat, because the import's transaction keeps its writer
 * connection busy; the processes that share its file check the runner's pid
 * instead.
 */
import type { Db } from '../../db/database.ts';
import { nowIso } from '../../shared/ids.ts';
import type { RunLog } from './interrupted-runs.ts';
import { heartbeatMs, thisRunnerJson } from './runner.ts';

export interface Heartbeat {
  stop(): void;
}

/**
 * Starts the heartbeat of `importId`. When the row is no longer this
 * process's running import, because another instance marked it interrupted,
 * it calls `onLost` once and stops: the run must then roll back.
 */
export function startHeartbeat(db: Db, importId: string, onLost: () => void, log?: RunLog): Heartbeat {
  if (db.engine !== 'postgres') return { stop: () => undefined };
  let stopped = false;
  let beating = false;
  let failing = false;

  const beat = async () => {
    if (stopped || beating) return;
    beating = true;
    try {
      const result = await db.kysely
        .updateTable('imports')
        .set({ heartbeat_at: nowIso() })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .where('runner', '=', thisRunnerJson)
        .executeTakeFirst();
      if (failing) log?.warn({ importId }, 'import heartbeat written again');
      failing = false;
      if (Number(result.numUpdatedRows) === 0 && !stopped && (await takenFromUs(db, importId))) {
        stopped = true;
        clearInterval(timer);
        log?.warn({ importId }, 'import taken as interrupted by another instance: rolling it back');
        onLost();
      }
    } catch (error) {
      // Logged once per outage; the run goes on, and the commit checks that
      // the import is still its own.
      if (!failing) log?.warn({ err: error, importId }, 'import heartbeat failed');
      failing = true;
    } finally {
      beating = false;
    }
  };

  const timer = setInterval(() => void beat(), heartbeatMs());
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}

/**
 * Tells whether the import is no longer this process's to run. A heartbeat
 * that waited for the run's own commit finds the row finished instead,
 * which is not a loss.
 */
async function takenFromUs(db: Db, importId: string): Promise<boolean> {
  const row = await db.kysely.selectFrom('imports').select(['status', 'runner']).where('id', '=', importId).executeTakeFirst();
  if (!row) return true;
  return row.status === 'interrupted' || (row.status === 'running' && row.runner !== thisRunnerJson);
}
