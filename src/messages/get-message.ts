/** Reads one outbox message with every attempt to send it. */
import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import { listMessagesByIds } from './messages-by-id.ts';

export async function getMessage(db: Executor, businessId: string, id: string) {
  const [message] = await listMessagesByIds(db, businessId, [id]);
  if (!message) throw notFound('message');
  const attempts = await db
    .selectFrom('message_attempts')
    .where('business_id', '=', businessId)
    .where('message_id', '=', id)
    .select(['attempt', 'started_at', 'finished_at', 'outcome', 'response_status', 'error'])
    .orderBy('attempt')
    .orderBy('started_at')
    .execute();
  return {
    ...message,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: a.started_at,
      finishedAt: a.finished_at,
      outcome: a.outcome as 'sent' | 'error' | 'cancelled',
      responseStatus: a.response_status,
      error: a.error,
    })),
  };
}
