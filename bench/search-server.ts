/**
 * The server process of bench/search.bench.ts: `startServer` as
 * `comptoir serve` runs it (migrations, jobs, request log at LOG_LEVEL),
 * configured from the environment the bench passes, plus the floor route.
 * It sends `{ port, barePort }` to the parent over the IPC channel of `fork`
 * once it listens, and stops on SIGTERM like the real server.
 *
 * Beside it, the same process runs a bare `node:http` server that responds
 * to `GET /bytes?n=N` with N bytes of JSON and nothing else: no framework, no
 * hooks, no session, no database. The time of that round trip is what any
 * HTTP server must spend on a response of that size on this machine.
 */
import { createServer } from 'node:http';
import { requireAuth } from '../src/auth/context.ts';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/start.ts';

/** The floor route: authenticates the caller and returns at once. */
export const FLOOR_PATH = '/api/v1/bench/floor';

async function main() {
  if (!process.send) throw new Error('bench/search-server.ts has no IPC channel: run bench/search.bench.ts, which forks it');
  const { app } = await startServer(loadConfig(), {
    addRoutes: (server) => {
      server.get(FLOOR_PATH, async (request) => {
        requireAuth(request);
        return { ok: true };
      });
    },
  });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('the server has no TCP address');
  const barePort = await startBareServer();
  process.send({ port: address.port, barePort });
}

/** Starts the bare server on a free port of 127.0.0.1 and resolves with that port. */
async function startBareServer(): Promise<number> {
  const bodies = new Map<number, Buffer>();
  const bodyOf = (size: number) => {
    let body = bodies.get(size);
    if (!body) {
      body = Buffer.from(`{"x":"${'x'.repeat(Math.max(0, size - 8))}"}`);
      bodies.set(size, body);
    }
    return body;
  };
  const server = createServer((request, response) => {
    const size = Number(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('n') ?? '0');
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(bodyOf(size));
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
  });
  return (server.address() as { port: number }).port;
}

if (process.argv[1]?.endsWith('search-server.ts')) await main();
