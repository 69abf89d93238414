/**
 * Sends what the outbox has due: claims a batch, sends each message, then
 * records the outcome under the claim's token. A failure is retried with
 * exponential backoff (1, 2, 4, 8, 16 minutes…) until the attempts run out;
 * a permanent failure (SMTP 5xx, gateway 4xx) fails at once. Every attempt
 * is logged in `message_attempts`.
 */
import type { Db } from '../db/database.ts';
import type { MessageTable } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import { ChannelCache, deliver, type DeliveryResult } from './deliver.ts';
import { claimDueMessages } from './outbox-claim.ts';
import { CancelledDelivery, DeliveryError } from './transports/delivery-error.ts';

export const MAX_ATTEMPTS = 6;
export const WEBHOOK_MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;

export interface JobLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface OutboxRunOptions {
  now?: () => Date;
  businessId?: string;
  batchSize?: number;
  /** Messages sent at the same time within a batch. */
  concurrency?: number;
  /** Stops after this many batches, so one run cannot go on forever. */
  maxBatches?: number;
  log?: JobLogger;
  /** Once aborted, the run claims no further batch and ends after the messages it has claimed. */
  signal?: AbortSignal;
}

export interface OutboxRunResult {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS);
}

export async function runOutbox(db: Db, options: OutboxRunOptions = {}): Promise<OutboxRunResult> {
  const now = options.now ?? (() => new Date());
  const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
  const cache = new ChannelCache(db);
  try {
    for (let batch = 0; batch < (options.maxBatches ?? 100); batch += 1) {
      if (options.signal?.aborted) break;
      const claim = await claimDueMessages(db, { now: now(), limit: options.batchSize ?? 50, businessId: options.businessId });
      if (claim.rows.length === 0) break;
      await inParallel(claim.rows, options.concurrency ?? 4, (row) => sendOne(db, cache, row, claim.token, now, result, options.log));
    }
  } finally {
    await cache.close();
  }
  return result;
}

async function sendOne(
  db: Db,
  cache: ChannelCache,
  row: MessageTable,
  token: string,
  now: () => Date,
  result: OutboxRunResult,
  log: JobLogger | undefined,
): Promise<void> {
  const started = now().toISOString();
  const ids = { messageId: row.id, businessId: row.business_id, channel: row.channel, attempt: row.attempts };
  try {
    const delivered = await deliver(db, cache, row);
    await markSent(db, row, token, delivered, started, now());
    // Successes are counted in the run's summary, not logged one by one.
    result.sent += 1;
  } catch (error) {
    if (error instanceof CancelledDelivery) {
      await finish(db, row, token, { status: 'cancelled', last_error: error.message }, started, now(), 'cancelled', null);
      result.cancelled += 1;
      log?.info({ ...ids, reason: error.message }, 'message cancelled');
      return;
    }
    const failure = error instanceof DeliveryError ? error : new DeliveryError(describe(error), false);
    const limit = row.channel === 'webhook' ? WEBHOOK_MAX_ATTEMPTS : MAX_ATTEMPTS;
    const finalFailure = failure.permanent || row.attempts >= limit;
    const at = now();
    if (finalFailure) {
      await finish(db, row, token, { status: 'failed', last_error: failure.message }, started, at, 'error', failure.status);
      result.failed += 1;
      log?.warn({ ...ids, error: failure.message }, 'message failed');
    } else {
      const next = new Date(at.getTime() + backoffMs(row.attempts)).toISOString();
      await finish(db, row, token, { status: 'queued', last_error: failure.message, next_attempt_at: next }, started, at, 'error', failure.status);
      result.retried += 1;
      log?.warn({ ...ids, error: failure.message, nextAttemptAt: next }, 'message send failed, will retry');
    }
  }
}

async function markSent(db: Db, row: MessageTable, token: string, delivered: DeliveryResult, started: string, at: Date) {
  await finish(
    db,
    row,
    token,
    { status: 'sent', sent_at: at.toISOString(), provider_id: delivered.providerId, last_error: null },
    started,
    at,
    'sent',
    delivered.responseStatus,
  );
}

/**
 * Writes the outcome only while this worker still owns the claim, and logs
 * the attempt in the same transaction.
 */
async function finish(
  db: Db,
  row: MessageTable,
  token: string,
  changes: Partial<MessageTable>,
  started: string,
  at: Date,
  outcome: 'sent' | 'error' | 'cancelled',
  responseStatus: number | null,
): Promise<void> {
  const finished = at.toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    await trx
      .updateTable('messages')
      .set({ ...changes, claim_token: null, updated_at: finished })
      .where('id', '=', row.id)
      .where('claim_token', '=', token)
      .execute();
    await trx
      .insertInto('message_attempts')
      .values({
        id: newId(),
        business_id: row.business_id,
        message_id: row.id,
        attempt: row.attempts,
        started_at: started,
        finished_at: finished,
        outcome,
        response_status: responseStatus,
        error: outcome === 'sent' ? null : (changes.last_error ?? null),
      })
      .execute();
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(lanes);
}
