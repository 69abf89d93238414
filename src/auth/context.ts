/**
 * Who is calling: resolved once per request from the session cookie or the
 * bearer token, then read by every route. Every query is scoped by its
 * `businessId`.
 */
import type { FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.ts';
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
  if (!row) throw new AppError('not_authenticated');
  const auth = await loadUser(db, row.user_id, 'token');
  await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.id).execute();
  return auth;
}

async function fromSession(db: Executor, cookie: string): Promise<AuthContext | null> {
  const id = hashSecret(cookie);
  const session = await db
    .selectFrom('sessions')
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!session || session.expires_at <= nowIso()) return null;
  const auth = await loadUser(db, session.user_id, 'session');
  auth.sessionId = id;
  auth.csrfToken = session.csrf_token;
  return auth;
}

async function loadUser(db: Executor, userId: string, via: AuthContext['via']): Promise<AuthContext> {
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
  if (!user || !user.is_active) throw new AppError('not_authenticated');
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
