/**
 * The message job inside the server: every interval (and soon after a
 * message is queued by hand) it runs each business's reminders once per
 * local day, outside quiet hours, then sends what the outbox has due.
 */
import type { Db } from '../db/database.ts';
import { todayIn } from '../ledger/dates.ts';
import { notBefore } from './quiet-hours.ts';
import { type JobLogger, runOutbox } from './run-outbox.ts';
import { runReminders } from './run-reminders.ts';
import { loadMessageSettings } from './settings.ts';

export const JOBS_INTERVAL_VARIABLE = 'COMPTOIR_JOBS_INTERVAL_SECONDS';
const DEFAULT_INTERVAL_SECONDS = 120;
/** A run that started this long ago without finishing is taken to have died. */
const STALE_RUN_MS = 30 * 60_000;
const WAKE_DELAY_MS = 1000;

export interface MessageJobs {
  stop(): Promise<void>;
  wake(): void;
}

let running: MessageJobs | null = null;

/** Asks the running job, if any, to send soon instead of at its next interval. */
export function wakeMessageJobs(): void {
  running?.wake();
}

export function jobsIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env[JOBS_INTERVAL_VARIABLE] ?? DEFAULT_INTERVAL_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

export function startMessageJobs(db: Db, log: JobLogger, intervalMs = jobsIntervalMs()): MessageJobs {
  if (intervalMs === 0) {
    log.info({}, 'message jobs disabled');
    return { stop: async () => undefined, wake: () => undefined };
  }
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  let stopped = false;
  const stopping = new AbortController();

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      current = tick(db, log, stopping.signal).finally(() => {
        current = null;
        schedule(intervalMs);
      });
    }, delay);
    timer.unref();
  };

  const jobs: MessageJobs = {
    /** Ends the run in progress after the business or outbox batch it is on, then resolves. */
    async stop() {
      stopped = true;
      stopping.abort();
      if (timer) clearTimeout(timer);
      await current;
      if (running === jobs) running = null;
      log.info({}, 'message jobs stopped');
    },
    wake() {
      if (!current) schedule(WAKE_DELAY_MS);
    },
  };
  running = jobs;
  log.info({ intervalSeconds: intervalMs / 1000 }, 'message jobs started');
  schedule(WAKE_DELAY_MS);
  return jobs;
}

async function tick(db: Db, log: JobLogger, signal: AbortSignal): Promise<void> {
  try {
    await remindDueBusinesses(db, log, signal);
  } catch (error) {
    log.error({ err: error }, 'reminder scheduling failed');
  }
  try {
    const result = await runOutbox(db, { log, signal });
    if (result.sent + result.failed + result.retried + result.cancelled > 0) log.info({ ...result }, 'outbox run finished');
  } catch (error) {
    log.error({ err: error }, 'outbox run failed');
  }
}

async function remindDueBusinesses(db: Db, log: JobLogger, signal: AbortSignal): Promise<void> {
  const now = new Date();
  const businesses = await db.kysely.selectFrom('businesses').select(['id', 'timezone']).execute();
  for (const business of businesses) {
    if (signal.aborted) return;
    const today = todayIn(business.timezone, now);
    if (!(await needsRun(db, business.id, today, now))) continue;
    const settings = await loadMessageSettings(db.kysely, business.id);
    if (notBefore(now, business.timezone, settings.quietHours).getTime() > now.getTime()) continue;
    try {
      const result = await runReminders(db, business.id, today, { now });
      log.info({ ...result }, 'reminder run finished');
    } catch (error) {
      log.error({ err: error, businessId: business.id, runDate: today }, 'reminder run failed');
    }
  }
}

async function needsRun(db: Db, businessId: string, runDate: string, now: Date): Promise<boolean> {
  const run = await db.kysely
    .selectFrom('reminder_runs')
    .where('business_id', '=', businessId)
    .where('run_date', '=', runDate)
    .select(['started_at', 'finished_at'])
    .executeTakeFirst();
  if (!run) return true;
  if (run.finished_at) return false;
  return now.getTime() - Date.parse(run.started_at) > STALE_RUN_MS;
}
