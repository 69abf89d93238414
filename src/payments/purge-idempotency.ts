/**
 * The purge of old idempotency keys. A key only has to outlive the retries
 * of its client, so keys older than the retention period are deleted, and a
 * request sent again after that acts as a new one.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { jobRuns } from '../ops/metrics.ts';
import { type PeriodicJob, runPeriodically } from '../ops/periodic.ts';

export const RETENTION_VARIABLE = 'COMPTOIR_IDEMPOTENCY_RETENTION_HOURS';
const DEFAULT_RETENTION_HOURS = 7 * 24;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** Retention in hours from the environment; an unset, invalid or non-positive value gives 7 days. */
export function retentionHours(env: NodeJS.ProcessEnv = process.env): number {
  const hours = Number(env[RETENTION_VARIABLE] ?? DEFAULT_RETENTION_HOURS);
  return Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_RETENTION_HOURS;
}

/** Deletes the keys of every business created more than `hours` before `now`; returns how many. */
export async function purgeIdempotencyKeys(db: Db, hours: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - hours * 3_600_000).toISOString();
  const result = await db.kysely.deleteFrom('idempotency_keys').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Runs the purge at start and then every hour. */
export function startIdempotencyPurgeSchedule(db: Db, log: FastifyBaseLogger, hours = retentionHours()): PeriodicJob {
  const tick = async () => {
    try {
      const deleted = await purgeIdempotencyKeys(db, hours);
      jobRuns.inc({ job: 'idempotency_purge', outcome: 'ok' });
      if (deleted > 0) log.info({ deleted, retentionHours: hours }, 'idempotency keys purged');
    } catch (err) {
      jobRuns.inc({ job: 'idempotency_purge', outcome: 'failed' });
      log.error({ err }, 'idempotency key purge failed');
    }
  };
  return runPeriodically(tick, PURGE_EVERY_MS);
}
