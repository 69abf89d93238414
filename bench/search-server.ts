/**
 * The server process of bench/search.bench.ts: `startServer` as
 * `comptoir serve` runs it (migrations, jobs, request log at LOG_LEVEL),
 * configured from the environment the bench passes, plus the floor route.
 * It sends `{ port }` to the parent over the IPC channel of `fork` once it
 * listens, and stops on SIGTERM like the real server.
 */
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
  process.send({ port: address.port });
}

if (process.argv[1]?.endsWith('search-server.ts')) await main();
