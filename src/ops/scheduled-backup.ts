/**
 * The daily backup that shops are told to keep: when COMPTOIR_BACKUP_DIR is
 * set, the server writes one backup a day into that folder and keeps the
 * newest COMPTOIR_BACKUP_KEEP files (7 by default). With several instances
 * on PostgreSQL, an advisory lock lets one instance do it.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database.ts';
import { jobRuns } from './metrics.ts';
import { backupDatabase } from './backup.ts';
import { type PeriodicJob, runPeriodically } from './periodic.ts';

const PREFIX = 'comptoir-';
const SUFFIX = '.backup.gz';
// Apart from the migration (4_242_001) and first-setup (4_242_002) locks, so a
// backup never makes a setup wait.
const LOCK_KEY = 4_242_003;
const CHECK_EVERY_MS = 15 * 60 * 1000;

export interface BackupSchedule {
  dir: string;
  keep: number;
}

export function backupScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): BackupSchedule | null {
  if (!env.COMPTOIR_BACKUP_DIR) return null;
  const keep = Number(env.COMPTOIR_BACKUP_KEEP ?? 7);
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`COMPTOIR_BACKUP_KEEP must be a whole number of at least 1 (got "${env.COMPTOIR_BACKUP_KEEP}")`);
  return { dir: env.COMPTOIR_BACKUP_DIR, keep };
}

/** Makes today's backup unless one exists, then deletes the oldest beyond `keep`. Returns the new file or null. */
export async function runDailyBackup(db: Db, schedule: BackupSchedule, today = new Date()): Promise<string | null> {
  mkdirSync(schedule.dir, { recursive: true });
  const day = today.toISOString().slice(0, 10);
  const target = join(schedule.dir, `${PREFIX}${day}${SUFFIX}`);
  const existing = backupFiles(schedule.dir);
  if (existing.includes(`${PREFIX}${day}${SUFFIX}`)) return null;

  const lockTaken = await withInstanceLock(db, async () => {
    const partial = `${target}.partial`;
    await backupDatabase(db, partial);
    // Renaming last means a crash never leaves a truncated file under the final name.
    renameSync(partial, target);
  });
  if (!lockTaken) return null;
  pruneBackups(schedule);
  return target;
}

function backupFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.startsWith(PREFIX) && f.endsWith(SUFFIX)).sort();
}

export function pruneBackups(schedule: BackupSchedule): string[] {
  const files = backupFiles(schedule.dir);
  const removed = files.slice(0, Math.max(0, files.length - schedule.keep));
  for (const file of removed) rmSync(join(schedule.dir, file));
  return removed;
}

async function withInstanceLock(db: Db, work: () => Promise<void>): Promise<boolean> {
  if (db.engine === 'sqlite') {
    await work();
    return true;
  }
  return db.kysely.connection().execute(async (connection) => {
    const result = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${LOCK_KEY}, hashtext(current_database())) as locked`.execute(connection);
    if (!result.rows[0]?.locked) return false;
    try {
      await work();
      return true;
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY}, hashtext(current_database()))`.execute(connection);
    }
  });
}

/** Starts the daily check, every 15 minutes from the start. */
export function startBackupSchedule(db: Db, schedule: BackupSchedule, log: FastifyBaseLogger): PeriodicJob {
  const tick = async () => {
    try {
      const file = await runDailyBackup(db, schedule);
      if (file) {
        jobRuns.inc({ job: 'backup', outcome: 'ok' });
        log.info({ file, bytes: statSync(file).size }, 'daily backup written');
      }
    } catch (err) {
      jobRuns.inc({ job: 'backup', outcome: 'failed' });
      log.error({ err }, 'daily backup failed');
    }
  };
  return runPeriodically(tick, CHECK_EVERY_MS);
}
