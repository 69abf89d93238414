/**
 * Sign-in throttling kept in the `login_attempts` table, so the limits hold
 * across several Comptoir instances sharing one database.
 *
 * Rows are keyed `ip:<address>` (every attempt that did not succeed, and
 * those still running), `email:<sha256>` (every failure) and `lock:<sha256>`
 * (a lock on an email that has no account). Successful sign-ins do not count
 * toward the address limit, so tills that share one address cannot lock the
 * shop out.
 * Unknown emails are locked by the same rule as real accounts, so the
 * response does not reveal whether an account exists.
 */
import { AppError } from '../shared/errors.ts';
import type { Executor } from '../db/database.ts';
import { hashSecret, newId } from '../shared/ids.ts';

export const ATTEMPT_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_IP = 30;
export const MAX_FAILURES_PER_EMAIL = 10;
export const LOCK_MS = 15 * 60_000;

/** The account fields the lock reads and writes. Callers pass null for an unknown email. */
export interface LockableUser {
  id: string;
  locked_until: string | null;
}

const ipKey = (ip: string) => `ip:${ip}`;
const emailKey = (email: string) => `email:${hashSecret(email)}`;
const lockKey = (email: string) => `lock:${hashSecret(email)}`;

function windowStart(now: Date): string {
  return new Date(now.getTime() - Math.max(ATTEMPT_WINDOW_MS, LOCK_MS)).toISOString();
}

/** Deletes the rows that no longer count toward any limit. */
export async function pruneAttempts(db: Executor, now = new Date()): Promise<void> {
  await db.deleteFrom('login_attempts').where('created_at', '<', windowStart(now)).execute();
}

/**
 * Counts this attempt for the address, throws `rate_limited` past the limit
 * and returns the attempt's row id. The attempt is inserted before counting,
 * so concurrent attempts on other instances are all seen. A rejected attempt
 * is removed again, so waiting is enough to get through. The caller removes
 * the row with `forgetAttempt` when the sign-in succeeds, so only failures
 * stay counted.
 */
export async function admitAttemptFromIp(db: Executor, ip: string, now = new Date()): Promise<string> {
  const id = newId();
  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS).toISOString();
  await db.insertInto('login_attempts').values({ id, key: ipKey(ip), created_at: now.toISOString() }).execute();

  const recent = await db
    .selectFrom('login_attempts')
    .where('key', '=', ipKey(ip))
    .where('created_at', '>', since)
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
    .executeTakeFirstOrThrow();
  if (Number(recent.count) <= MAX_FAILURES_PER_IP) return id;

  await db.deleteFrom('login_attempts').where('id', '=', id).execute();
  const freeAt = Date.parse(String(recent.oldest)) + ATTEMPT_WINDOW_MS;
  const seconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new AppError('rate_limited', { seconds }, [], { seconds });
}

/**
 * Returns the end of the lock on this email, or null when sign-in is open.
 * The lock rows are read for real accounts too, so both cases run the same
 * queries and take about as long.
 */
export async function lockedUntil(
  db: Executor,
  email: string,
  user: LockableUser | null,
  now = new Date(),
): Promise<Date | null> {
  const lock = await db
    .selectFrom('login_attempts')
    .where('key', '=', lockKey(email))
    .where('created_at', '>', new Date(now.getTime() - LOCK_MS).toISOString())
    .select((eb) => eb.fn.max('created_at').as('latest'))
    .executeTakeFirst();
  const ends = [
    lock?.latest ? Date.parse(String(lock.latest)) + LOCK_MS : 0,
    user?.locked_until ? Date.parse(user.locked_until) : 0,
  ];
  const until = Math.max(...ends);
  return until > now.getTime() ? new Date(until) : null;
}

/**
 * Records a failed sign-in and returns the end of the lock when this failure
 * reaches the limit, or null.
 */
export async function recordFailure(
  db: Executor,
  email: string,
  user: LockableUser | null,
  now = new Date(),
): Promise<Date | null> {
  const at = now.toISOString();
  await db.insertInto('login_attempts').values({ id: newId(), key: emailKey(email), created_at: at }).execute();
  if (user) {
    await db
      .updateTable('users')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', user.id)
      .execute();
  }

  const since = new Date(now.getTime() - ATTEMPT_WINDOW_MS).toISOString();
  const failures = await db
    .selectFrom('login_attempts')
    .where('key', '=', emailKey(email))
    .where('created_at', '>', since)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(failures.count) < MAX_FAILURES_PER_EMAIL) return null;

  const until = new Date(now.getTime() + LOCK_MS);
  if (user) {
    await db.updateTable('users').set({ locked_until: until.toISOString() }).where('id', '=', user.id).execute();
  } else {
    await db.insertInto('login_attempts').values({ id: newId(), key: lockKey(email), created_at: at }).execute();
  }
  // The counted failures are spent on this lock, so the next one starts afresh.
  await db.deleteFrom('login_attempts').where('key', '=', emailKey(email)).execute();
  return until;
}

/** Deletes the address row of a successful attempt, so it does not count toward the limit. */
export async function forgetAttempt(db: Executor, attemptId: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('id', '=', attemptId).execute();
}

/** Forgets the failures of an email after a successful sign-in. */
export async function clearFailures(db: Executor, email: string, userId: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', emailKey(email)).execute();
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export function lockedError(until: Date, now = new Date()): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new AppError('account_locked', { minutes }, [], { minutes });
}
