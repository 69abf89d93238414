/**
 * Runs a start-up step that needs the database, trying again while the
 * database refuses or drops connections: PostgreSQL still starting, at its
 * connection limit, or slower to accept a connection than the pool's
 * 5-second connect timeout. Any other error, and the last one after
 * `seconds`, is thrown.
 */
import type { FastifyBaseLogger } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable.ts';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5000;

export async function retryWhileUnavailable<T>(work: () => Promise<T>, options: { seconds: number; log: FastifyBaseLogger; step: string }): Promise<T> {
  const deadline = Date.now() + options.seconds * 1000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      const left = deadline - Date.now();
      if (!isDatabaseUnavailable(err) || left <= 0) throw err;
      const delayMs = Math.min(FIRST_DELAY_MS * 2 ** (attempt - 1), MAX_DELAY_MS, left);
      options.log.warn({ err, attempt, retryInMs: delayMs, step: options.step }, 'database unavailable at start: trying again');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
