/**
 * Sign-in by email and password. A wrong password, an unknown email and a
 * deactivated account are all rejected with `invalid_credentials` after one
 * argon2 verification each, so neither the response nor its timing tells
 * them apart.
 */
import type { Executor } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { newSecret } from '../shared/ids.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  admitAttemptFromIp,
  clearFailures,
  forgetAttempt,
  lockedError,
  lockedUntil,
  pruneAttempts,
  recordFailure,
} from './rate-limit.ts';
import { endSession, type OpenedSession, openSession } from './sessions.ts';

export interface LoginInput {
  email: string;
  password: string;
  ip: string;
  /** The session the browser presented, ended so it cannot outlive this sign-in. */
  previousSessionId: string | null;
}

export interface LoginResult extends OpenedSession {
  userId: string;
  businessId: string;
}

let dummyHash: Promise<string> | null = null;

/**
 * Returns a hash to verify against when the email is unknown, made once per
 * process. The routes call it at start, so the first unknown email is not
 * slower than a known one.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(newSecret());
  return dummyHash;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function login(db: Executor, input: LoginInput, sessionDays: number): Promise<LoginResult> {
  await pruneAttempts(db);
  const attemptId = await admitAttemptFromIp(db, input.ip);

  const email = normaliseEmail(input.email);
  const user = await db
    .selectFrom('users')
    .where('email', '=', email)
    .select(['id', 'business_id', 'password_hash', 'is_active', 'locked_until'])
    .executeTakeFirst() ?? null;

  const locked = await lockedUntil(db, email, user);
  if (locked) throw lockedError(locked);

  const matches = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !matches || user.is_active !== 1) {
    const lock = await recordFailure(db, email, user);
    if (lock) throw lockedError(lock);
    throw new AppError('invalid_credentials');
  }

  await clearFailures(db, email, user.id);
  await forgetAttempt(db, attemptId);
  if (input.previousSessionId) await endSession(db, input.previousSessionId);
  const session = await openSession(db, { id: user.id, businessId: user.business_id }, sessionDays);
  return { ...session, userId: user.id, businessId: user.business_id };
}
