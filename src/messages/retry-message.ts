/** Puts a failed message back in the queue with a fresh count of attempts. */
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { wakeMessageJobs } from './jobs.ts';
import { listMessagesByIds } from './messages-by-id.ts';
import type { MessageView } from './message-view.ts';

export async function retryMessage(db: Db, auth: AuthContext, id: string): Promise<MessageView> {
  const now = nowIso();
  const updated = await db.kysely
    .updateTable('messages')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now, updated_at: now })
    .where('business_id', '=', auth.businessId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  const [message] = await listMessagesByIds(db.kysely, auth.businessId, [id]);
  if (!message) throw notFound('message');
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('conflict', { reason: `message is ${message.status}, only failed messages are retried` });
  wakeMessageJobs();
  return message;
}
