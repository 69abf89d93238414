/**
 * Starts Comptoir: open the database, migrate, create the first business when
 * the admin variables ask for it, mark interrupted the imports that stopped
 * processes left running, listen, and stop cleanly on SIGTERM/SIGINT.
 */
import type { FastifyBaseLogger } from 'fastify';
import { createBusiness, hasAnyUser } from '../auth/businesses.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { stopServer } from './shutdown.ts';
import { retryWhileUnavailable } from './wait-for-database.ts';
import { backupScheduleFromEnv, startBackupSchedule } from '../ops/scheduled-backup.ts';
import type { PeriodicJob } from '../ops/periodic.ts';
import { startLoyaltyExpirySchedule } from '../loyalty/expire-points.ts';
import { startMessageJobs } from '../messages/jobs.ts';
import { startIdempotencyPurgeSchedule } from '../payments/purge-idempotency.ts';
import { markInterruptedImports } from '../transfer/import/interrupted-runs.ts';
import { importStaleMs } from '../transfer/import/runner.ts';

export interface StartOptions {
  /** Registers routes beside the app's own before the server listens; the search benchmark adds its floor route here. */
  addRoutes?: (app: Awaited<ReturnType<typeof buildApp>>) => void;
}

export async function startServer(config: Config = loadConfig(), options: StartOptions = {}) {
  // Read now so that a wrong value stops the start rather than the first import.
  importStaleMs();
  const db = openDatabase(config.databaseUrl);
  const app = await buildApp({ db, config });
  options.addRoutes?.(app);
  try {
    const wait = { seconds: config.databaseWaitSeconds, log: app.log };
    const applied = await retryWhileUnavailable(() => migrate(db), { ...wait, step: 'migrate' });
    app.log.info({ engine: db.engine, applied }, 'database ready');
    await retryWhileUnavailable(() => bootstrapFromEnvironment(config, db.kysely, app.log), { ...wait, step: 'create the first business' });
  } catch (err) {
    // Logged whole here, because the command line prints only the message.
    app.log.fatal({ err }, 'start failed');
    await db.close();
    throw err;
  }
  await markLeftImports(db, app.log);

  const schedule = backupScheduleFromEnv();
  const jobs: PeriodicJob[] = [
    ...(schedule ? [startBackupSchedule(db, schedule, app.log)] : []),
    startLoyaltyExpirySchedule(db, app.log),
    startIdempotencyPurgeSchedule(db, app.log),
    startMessageJobs(db, app.log),
  ];

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      app.log.warn({ signal }, 'second stop signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.log.info({ signal, requests: app.requests.size, graceSeconds: config.shutdownGraceSeconds }, 'shutting down');
    const finished = await stopServer({
      app,
      requests: app.requests,
      jobs,
      db,
      log: app.log,
      graceMs: config.shutdownGraceSeconds * 1000,
    });
    app.log.info({ finished }, 'stopped');
    process.exit(finished ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  return { app, db };
}

/** Creates the business and its administrator from the COMPTOIR_ADMIN_* variables, unless a user already exists. */
export async function bootstrapFromEnvironment(
  config: Config,
  db: Parameters<typeof hasAnyUser>[0],
  log: { info: (obj: object, msg: string) => void },
) {
  if (!config.adminEmail || !config.adminPassword) return;
  if (await hasAnyUser(db)) return;
  try {
    const created = await createBusiness(db, {
      name: config.businessName,
      currency: config.currency,
      locale: config.locale,
      timezone: config.timezone,
      country: config.country,
      admin: { email: config.adminEmail, password: config.adminPassword, name: config.adminName },
    });
    log.info({ businessId: created.businessId }, 'first business created from the environment');
  } catch (error) {
    // Instances started together with the same variables race to create the
    // business; the unique email lets one win, and the others go on with it.
    if (!(await hasAnyUser(db))) throw error;
    log.info({ email: config.adminEmail }, 'first business already created by another instance');
  }
}

/** Marks interrupted the imports that stopped processes left running; a failure is logged, since every read does it again. */
async function markLeftImports(db: Parameters<typeof markInterruptedImports>[0], log: FastifyBaseLogger): Promise<void> {
  try {
    const marked = await markInterruptedImports(db, {}, log);
    if (marked.length > 0) log.info({ imports: marked.length }, 'imports left running by stopped processes marked interrupted');
  } catch (err) {
    log.error({ err }, 'marking the interrupted imports failed');
  }
}
