/**
 * Idempotency keys: a request sent again with the same `Idempotency-Key`
 * gets the first request's response instead of acting twice. The key row is
 * claimed first in the transaction that does the work, so the response is
 * stored in the same commit, and a failure leaves neither work nor key.
 * Keys are deleted after a retention period (purge-idempotency.ts).
 */
import { createHash } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';

export interface StoredAnswer {
  statusCode: number;
  body: unknown;
  replayed: boolean;
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** Accepts 1 to 200 printable ASCII characters, as UUIDs and most client ids are. */
export function readIdempotencyKey(value: string | string[] | undefined): string | null {
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || key === '') return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new AppError('bad_request', { reason: 'Idempotency-Key' });
  return key;
}

export function requestHash(method: string, route: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${route}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

/**
 * Runs `work` once per key. On PostgreSQL a second transaction claiming the
 * same key waits on the key's unique index until the first one commits, then
 * reads its stored response; SQLite runs one write transaction at a time.
 */
export async function runOnce(
  trx: Executor,
  scope: { businessId: string; key: string | null; hash: string },
  work: () => Promise<{ statusCode: number; body: unknown }>,
): Promise<StoredAnswer> {
  if (scope.key === null) return { ...(await work()), replayed: false };

  const claimed = await trx
    .insertInto('idempotency_keys')
    .values({
      business_id: scope.businessId,
      key: scope.key,
      request_hash: scope.hash,
      status_code: null,
      response: null,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['business_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();

  if (!claimed) {
    const stored = await trx
      .selectFrom('idempotency_keys')
      .where('business_id', '=', scope.businessId)
      .where('key', '=', scope.key)
      .selectAll()
      .executeTakeFirstOrThrow();
    if (stored.request_hash !== scope.hash) throw new AppError('idempotency_conflict');
    if (stored.status_code === null || stored.response === null) {
      throw new AppError('conflict', { reason: 'Idempotency-Key' });
    }
    return { statusCode: stored.status_code, body: JSON.parse(stored.response), replayed: true };
  }

  const answer = await work();
  await trx
    .updateTable('idempotency_keys')
    .set({ status_code: answer.statusCode, response: JSON.stringify(answer.body) })
    .where('business_id', '=', scope.businessId)
    .where('key', '=', scope.key)
    .execute();
  return { ...answer, replayed: false };
}
