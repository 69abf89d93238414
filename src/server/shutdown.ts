/**
 * Stops the server without failing the work it has started. On SIGTERM or
 * SIGINT the server stops accepting connections but serves the requests that
 * arrive on the connections already open, each response closing its
 * connection. It waits for the requests in progress, the imports running
 * after their response and the background jobs, then closes the database.
 * Work still running when the grace period ends is cancelled: an import
 * rolls back whole, and a request cut off gets no response.
 */
import { Server } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import { cancelAllJobs, importsSettled, runningImports } from '../transfer/import/jobs.ts';
import { markShuttingDown } from './ops-routes.ts';

/** Time left to cancelled imports to roll back, and to the database to close, after the grace period. */
const CANCEL_WAIT_MS = 5000;
/** Quiet time after the last request after which the open connections are taken to be idle. */
const LINGER_MS = 1000;

/**
 * Requests started and not finished. A request counts from its first hook
 * until its response has ended, and its handler counts while it runs,
 * because a handler goes on after its client has closed the connection.
 */
export class RequestTracker {
  private running = 0;
  private waiters: (() => void)[] = [];
  /** Requests started since the server did, for telling whether any arrived during a wait. */
  started = 0;
  /** Set at shutdown: every response then closes its connection. */
  draining = false;

  get size(): number {
    return this.running;
  }

  /** Counts one unit of work and returns the function that ends it; calling that function again does nothing. */
  enter(): () => void {
    this.running += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running -= 1;
      if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  /** Resolves when no request is in progress. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Counts every request of `app` in a tracker. Call it before any other hook or route is added.
 * NOTE: a request whose client leaves while its onRequest hooks run stops counting at once, so
 * the database may close under those hooks; its handler counts again if it starts.
 */
export function trackRequests(app: FastifyInstance): RequestTracker {
  const tracker = new RequestTracker();
  app.addHook('onRequest', async (_request, reply) => {
    tracker.started += 1;
    const leave = tracker.enter();
    reply.raw.once('close', leave);
    reply.raw.once('finish', leave);
  });
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = async function trackedHandler(this: FastifyInstance, request, reply) {
      const leave = tracker.enter();
      try {
        return await handler.call(this, request, reply);
      } finally {
        leave();
      }
    };
  });
  app.addHook('onSend', async (_request, reply) => {
    if (tracker.draining) reply.header('connection', 'close');
  });
  return tracker;
}

export interface StoppingServer {
  app: FastifyInstance;
  requests: RequestTracker;
  /** Background jobs; each `stop` resolves once its run in progress has ended. */
  jobs: { stop(): Promise<void> }[];
  db: Db;
  log: FastifyBaseLogger;
  graceMs: number;
}

/**
 * Stops the server as the file header describes and closes the database.
 * Returns true when every request, import and job ended within the grace
 * period, false when some were cancelled or cut off.
 */
export async function stopServer(server: StoppingServer): Promise<boolean> {
  const { app, requests, log } = server;
  const deadline = Date.now() + server.graceMs;
  markShuttingDown();
  requests.draining = true;
  stopListening(app.server);

  const step = (name: string, work: Promise<unknown>) =>
    work.catch((err: unknown) => log.error({ err, step: name }, 'shutdown step failed'));
  const background = Promise.all([importsSettled(), ...server.jobs.map((job) => step('stop a background job', job.stop()))]);

  let finished = (await drainConnections(app, requests, deadline)) && (await settlesBefore(background, deadline));
  if (!finished) {
    log.warn(
      { requests: requests.size, imports: runningImports(), graceSeconds: server.graceMs / 1000 },
      'grace period over: cancelling the imports and closing the connections still open',
    );
    cancelAllJobs();
    app.server.closeAllConnections();
    await settlesBefore(Promise.all([requests.idle(), background]), Date.now() + CANCEL_WAIT_MS);
  }
  // Closes the connections left idle, and runs Fastify's own close hooks.
  await settlesBefore(step('close the server', app.close()), Date.now() + CANCEL_WAIT_MS);

  const closed = await settlesBefore(step('close the database', server.db.close()), Date.now() + CANCEL_WAIT_MS);
  if (!closed) {
    log.error({ requests: requests.size }, 'database connections still busy after the grace period: exiting without closing them');
    finished = false;
  }
  return finished;
}

/**
 * Stops accepting connections and keeps the open ones. Node's
 * `http.Server.close` also closes at once every connection that has no
 * request in progress, which resets a request a client is sending on it at
 * that moment, so this calls the `net.Server` method it builds on.
 */
function stopListening(server: Server): void {
  Server.prototype.close.call(server);
}

/**
 * Waits until no request is in progress and no request has arrived for
 * LINGER_MS. Busy clients send one more request on each open connection
 * meanwhile, which is served and closes the connection; connections still
 * open after that are idle. Returns false when the deadline came first.
 */
async function drainConnections(app: FastifyInstance, requests: RequestTracker, deadline: number): Promise<boolean> {
  for (;;) {
    if (!(await settlesBefore(requests.idle(), deadline))) return false;
    if ((await openConnections(app.server)) === 0) return true;
    const started = requests.started;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(LINGER_MS, deadline - Date.now()))));
    if (requests.started === started && requests.size === 0) return true;
    if (Date.now() >= deadline) return false;
  }
}

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}

/** Resolves true when `work` resolves before `deadline` (a Date.now() value), false otherwise. */
async function settlesBefore(work: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
