/**
 * Who is calling: resolved once per request from the session cookie or the
 * bearer token, then read by every route. Every query is scoped by its
 * `businessId`.
 */
import type { FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { SessionTable } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hashSecret, nowIso } from '../shared/ids.ts';
import type { Locale } from '../shared/messages.ts';

export const SESSION_COOKIE = 'comptoir_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface AuthContext {
  businessId: string;
  userId: string;
  userName: string;
  email: string;
  roleId: string;
  isAdmin: boolean;
  permissions: Set<string>;
  locale: Locale | null;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  defaultLocationId: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    locale: Locale;
  }
}

export async function resolveAuth(db: Executor, request: FastifyRequest): Promise<AuthContext | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return fromToken(db, header.slice(7).trim());
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return fromSession(db, cookie);
  return null;
}

async function fromToken(db: Executor, token: string): Promise<AuthContext> {
  const row = await db
    .selectFrom('api_tokens')
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .select(['id', 'user_id'])
    .executeTakeFirst();
  const auth = row ? await loadUser(db, row.user_id, 'token') : null;
  if (!row || !auth) throw new AppError('not_authenticated');
  await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  return auth;
}

/** How often a session's expiry slides forward, so a busy till does not write on every request. */
const SLIDE_INTERVAL_MS = 60_000;

/**
 * Resolves a session cookie. A stale cookie (expired, signed out, or of a
 * deactivated user) counts as no cookie at all, so the browser can still
 * reach the sign-in route.
 */
async function fromSession(db: Executor, cookie: string): Promise<AuthContext | null> {
  const id = hashSecret(cookie);
  const session = await db
    .selectFrom('sessions')
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!session) return null;
  const now = new Date();
  const auth = await loadUser(db, session.user_id, 'session');
  if (!auth || session.expires_at <= now.toISOString()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  await slideExpiry(db, session, now);
  auth.sessionId = id;
  auth.csrfToken = session.csrf_token;
  return auth;
}

/**
 * Moves the expiry forward by the session's own lifetime (the gap between
 * last use and expiry, set at sign-in from `sessionDays`).
 */
async function slideExpiry(db: Executor, session: Selectable<SessionTable>, now: Date): Promise<void> {
  const lastSeen = Date.parse(session.last_seen_at);
  if (now.getTime() - lastSeen < SLIDE_INTERVAL_MS) return;
  const lifetime = Date.parse(session.expires_at) - lastSeen;
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + lifetime).toISOString() })
    .where('id', '=', session.id)
    .execute();
}

async function loadUser(db: Executor, userId: string, via: AuthContext['via']): Promise<AuthContext | null> {
  const user = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .where('users.id', '=', userId)
    .select([
      'users.id',
      'users.business_id',
      'users.name',
      'users.email',
      'users.locale',
      'users.is_active',
      'users.role_id',
      'users.default_location_id',
      'roles.permissions',
      'roles.is_admin',
    ])
    .executeTakeFirst();
  if (!user || !user.is_active) return null;
  return {
    businessId: user.business_id,
    userId: user.id,
    userName: user.name,
    email: user.email,
    roleId: user.role_id,
    isAdmin: user.is_admin === 1,
    permissions: new Set(JSON.parse(user.permissions) as string[]),
    locale: user.locale === 'en' || user.locale === 'fr' ? user.locale : null,
    via,
    sessionId: null,
    csrfToken: null,
    defaultLocationId: user.default_location_id,
  };
}

/** The caller, or a 401 problem when nobody is signed in. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('not_authenticated');
  return request.auth;
}
