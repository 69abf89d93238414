/**
 * Prometheus metrics: requests, requests in progress, latency, errors,
 * background job runs, and gauges that other modules register (the outbox
 * depth, for one).
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const requests = new Counter({
  name: 'comptoir_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [registry],
});

const latency = new Histogram({
  name: 'comptoir_http_request_duration_seconds',
  help: 'Time to answer an HTTP request, in seconds',
  labelNames: ['method', 'route'] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const errors = new Counter({
  name: 'comptoir_http_errors_total',
  help: 'HTTP answers with a 5xx status, by route pattern',
  labelNames: ['route'] as const,
  registers: [registry],
});

export const jobRuns = new Counter({
  name: 'comptoir_job_runs_total',
  help: 'Background job runs, by job name and outcome (ok or failed)',
  labelNames: ['job', 'outcome'] as const,
  registers: [registry],
});

/** Registers a gauge whose value is read (for example from the database) at each scrape. */
export function registerGauge(name: string, help: string, read: () => Promise<number>): void {
  if (registry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      try {
        this.set(await read());
      } catch {
        // A failed read leaves the last value; the error counters show the outage.
      }
    },
  });
}

const inProgress = new Gauge({
  name: 'comptoir_http_requests_in_progress',
  help: 'HTTP requests received whose response has not ended yet',
  registers: [registry],
});

export function instrument(app: FastifyInstance): void {
  app.addHook('onRequest', async (_request, reply) => {
    inProgress.inc();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      inProgress.dec();
    };
    reply.raw.once('close', end);
    reply.raw.once('finish', end);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) errors.inc({ route });
  });
}
