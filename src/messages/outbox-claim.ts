/**
 * Claims due outbox messages for one worker. The claim is one short UPDATE:
 * due rows become `sending` with this worker's token and a lease, stored in
 * `next_attempt_at`. On PostgreSQL the rows are picked `FOR UPDATE SKIP
 * LOCKED`, so concurrent workers on several instances each get different
 * rows. SQLite runs one write at a time, so the UPDATE alone is enough. A
 * `sending` row whose lease ran out (its worker died) is due again.
 */
import type { Db } from '../db/database.ts';
import type { MessageTable } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';

export const LEASE_MS = 10 * 60_000;

export interface Claim {
  token: string;
  rows: MessageTable[];
}

export async function claimDueMessages(
  db: Db,
  options: { now: Date; limit: number; businessId?: string },
): Promise<Claim> {
  const token = newId();
  const now = options.now.toISOString();
  const leaseEnd = new Date(options.now.getTime() + LEASE_MS).toISOString();

  let due = db.kysely
    .selectFrom('messages')
    .select('id')
    .where('status', 'in', ['queued', 'sending'])
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(options.limit);
  if (options.businessId) due = due.where('business_id', '=', options.businessId);

  if (db.engine === 'sqlite') {
    const rows = await db.kysely
      .updateTable('messages')
      .set((eb) => ({
        status: 'sending',
        claim_token: token,
        attempts: eb('attempts', '+', 1),
        next_attempt_at: leaseEnd,
        updated_at: now,
      }))
      .where('id', 'in', due)
      .returningAll()
      .execute();
    return { token, rows };
  }

  // A materialized CTE locks its rows once. As an IN subquery the planner may
  // rescan it inside a nested loop, and each rescan of a LIMIT with SKIP
  // LOCKED can lock other rows.
  const rows = await db.kysely
    .with((cte) => cte('due').materialized(), () => due.forUpdate().skipLocked())
    .updateTable('messages')
    .from('due')
    .set((eb) => ({
      status: 'sending',
      claim_token: token,
      attempts: eb('messages.attempts', '+', 1),
      next_attempt_at: leaseEnd,
      updated_at: now,
    }))
    .whereRef('messages.id', '=', 'due.id')
    .returningAll('messages')
    .execute();
  return { token, rows };
}
