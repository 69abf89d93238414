/**
 * Browser sessions: a random cookie value the database stores only as its
 * SHA-256, and an independent CSRF token. Every sign-in opens a new session,
 * so a session id planted before sign-in never becomes valid.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';
import type { Executor } from '../db/database.ts';
import type { Config } from '../server/config.ts';
import { hashSecret, newSecret } from '../shared/ids.ts';
import { SESSION_COOKIE } from './context.ts';

export interface OpenedSession {
  /** The cookie value; only the browser keeps it. */
  cookie: string;
  csrfToken: string;
}

const DAY_MS = 24 * 60 * 60_000;

export async function openSession(
  db: Executor,
  user: { id: string; businessId: string },
  sessionDays: number,
): Promise<OpenedSession> {
  const cookie = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id: hashSecret(cookie),
      business_id: user.businessId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + sessionDays * DAY_MS).toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', user.id)
    .where('expires_at', '<=', now.toISOString())
    .execute();
  return { cookie, csrfToken };
}

export async function endSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of the user except `keepSessionId` (the caller's own, when signed in by cookie). */
export async function endOtherSessions(db: Executor, userId: string, keepSessionId: string | null): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepSessionId) query = query.where('id', '!=', keepSessionId);
  await query.execute();
}

function cookieOptions(config: Config): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.secureCookies };
}

/**
 * Sets the session cookie. Its Max-Age matches the server-side lifetime and
 * is renewed whenever the web app reads the session, as the expiry slides.
 */
export function setSessionCookie(reply: FastifyReply, config: Config, cookie: string): void {
  reply.setCookie(SESSION_COOKIE, cookie, { ...cookieOptions(config), maxAge: config.sessionDays * 86_400 });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
}
