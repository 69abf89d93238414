/**
 * Operations routes: liveness (`/api/v1/health`), readiness (`/api/v1/ready`)
 * and Prometheus metrics (`/metrics`).
 */
import { timingSafeEqual } from 'node:crypto';
import { Migrator } from 'kysely';
import { z } from 'zod';
import { migrationList } from '../db/migrate.ts';
import { registry } from '../ops/metrics.ts';
import { AppError } from '../shared/errors.ts';
import type { Deps, ZodApp } from './app.ts';

let shuttingDown = false;

/** Readiness turns false at shutdown so a load balancer stops sending requests first. */
export function markShuttingDown(): void {
  shuttingDown = true;
}

const healthSchema = z.object({ status: z.literal('ok'), engine: z.enum(['sqlite', 'postgres']) });
const readySchema = z.object({ ready: z.boolean(), pendingMigrations: z.number(), shuttingDown: z.boolean() });

export async function opsRoutes(app: ZodApp, deps: Deps): Promise<void> {
  app.get('/api/v1/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness: the process answers and the database responds',
      security: [],
      response: { 200: healthSchema },
    },
  }, async () => {
    await deps.db.kysely.selectFrom('businesses').select('id').limit(1).execute();
    return { status: 'ok' as const, engine: deps.db.engine };
  });

  app.get('/api/v1/ready', {
    schema: {
      tags: ['system'],
      summary: 'Readiness: database reachable, migrations applied, not shutting down',
      security: [],
      // A 503 is this body while migrations are pending or at shutdown, and
      // the service_unavailable problem while the database is unreachable.
      response: { 200: readySchema, 503: z.union([readySchema, z.looseObject({ code: z.string(), detail: z.string() })]) },
    },
  }, async (_, reply) => {
    const migrator = new Migrator({
      db: deps.db.kysely,
      provider: { getMigrations: async () => migrationList(deps.db.engine) },
    });
    const pending = (await migrator.getMigrations()).filter((m) => !m.executedAt).length;
    const ready = pending === 0 && !shuttingDown;
    return reply.status(ready ? 200 : 503).send({ ready, pendingMigrations: pending, shuttingDown });
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!metricsAllowed(request.headers.authorization, request.ip)) throw new AppError('forbidden', { permission: 'metrics' });
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/**
 * Metrics answer loopback callers, or anyone presenting COMPTOIR_METRICS_TOKEN
 * as a bearer token when that variable is set.
 */
function metricsAllowed(authorization: string | undefined, ip: string): boolean {
  const token = process.env.COMPTOIR_METRICS_TOKEN;
  if (token && authorization?.startsWith('Bearer ')) {
    const given = Buffer.from(authorization.slice(7));
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}
