/**
 * Who is calling: resolved once per request from the session cookie or the
 * bearer token, then read by every route. Every query is scoped by its
 * `businessId`.
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import { QueryTemplate } from '../db/query-templates.ts';
import type { BusinessRow, SessionTable } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { hashSecret } from '../shared/ids.ts';
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
  /**
   * The settings of the caller's business, read with the session or token
   * in the same statement, for the read-only routes that need them.
   */
  business: RequestBusiness;
}

/** Business settings read at the start of each request. */
export type RequestBusiness = Pick<
  BusinessRow,
  'id' | 'currency' | 'country' | 'timezone' | 'locale' | 'contact_code_prefix' | 'custom_field_labels'
>;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    locale: Locale;
  }
}

export async function resolveAuth(db: Executor, request: FastifyRequest): Promise<AuthContext | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return fromToken(db, header.slice(7).trim(), request.log);
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return fromSession(db, cookie, request.log);
  return null;
}

/**
 * How often the last use of a session or token is written: its expiry slides
 * and its `last_used_at` moves at most once a minute, so a busy till does not
 * write on every request.
 */
const TOUCH_INTERVAL_MS = 60_000;

/** Ids of the sessions and tokens whose last use is being written. */
const pendingTouches = new Set<string>();

/**
 * Writes the last use of session or token `id` without making the request
 * wait. On SQLite a running import keeps the only writer until its
 * transaction ends, and the request would wait that long. One write per id
 * runs at a time. A failed write is logged, and a later request tries again.
 */
function touchInBackground(id: string, write: () => Promise<unknown>, log: FastifyBaseLogger | undefined): void {
  if (pendingTouches.has(id)) return;
  pendingTouches.add(id);
  write()
    .catch((err: unknown) => log?.warn({ err }, 'last use of a session or token not recorded'))
    .finally(() => pendingTouches.delete(id));
}

/**
 * Columns that `authOf` reads: the user, role and business, left-joined onto
 * the session or token, so that one statement resolves the caller.
 */
const userColumns = [
  'users.id as user_id', 'users.business_id', 'users.name', 'users.email', 'users.locale', 'users.is_active',
  'users.role_id', 'users.default_location_id', 'roles.permissions', 'roles.is_admin',
] as const;

const businessColumns = [
  'businesses.currency', 'businesses.country', 'businesses.timezone', 'businesses.locale as business_locale',
  'businesses.contact_code_prefix', 'businesses.custom_field_labels',
] as const;

/** The joined columns of `userColumns` and `businessColumns`, null when the user row is missing. */
interface UserColumns {
  user_id: string | null;
  business_id: string | null;
  name: string | null;
  email: string | null;
  locale: string | null;
  is_active: number | null;
  role_id: string | null;
  default_location_id: string | null;
  permissions: string | null;
  is_admin: number | null;
  currency: string | null;
  country: string | null;
  timezone: string | null;
  business_locale: string | null;
  contact_code_prefix: string | null;
  custom_field_labels: string | null;
}

/** Reads an unrevoked API token by its hash with its user, role and business, in one statement. */
const tokenQuery = new QueryTemplate((db: Executor, _shape: null, values: { tokenHash: string }) =>
  db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('businesses', 'businesses.id', 'users.business_id')
    .select([...userColumns, ...businessColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', values.tokenHash)
    .where('api_tokens.revoked_at', 'is', null));

async function fromToken(db: Executor, token: string, log: FastifyBaseLogger | undefined): Promise<AuthContext> {
  const [row] = await tokenQuery.execute(db, null, { tokenHash: hashSecret(token) });
  const auth = row ? authOf(row, 'token') : null;
  if (!row || !auth) throw new AppError('not_authenticated');
  const now = Date.now();
  if (row.last_used_at === null || now - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS) {
    const write = () =>
      db.updateTable('api_tokens').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', row.token_id).execute();
    touchInBackground(row.token_id, write, log);
  }
  return auth;
}

/** Reads a session by its id (the cookie's hash) with its user, role and business, in one statement. */
export function sessionQuery(db: Executor, sessionId: string) {
  return db
    .selectFrom('sessions')
    .leftJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('roles', 'roles.id', 'users.role_id')
    .leftJoin('businesses', 'businesses.id', 'users.business_id')
    .select([...userColumns, ...businessColumns, 'sessions.id', 'sessions.csrf_token', 'sessions.expires_at',
      'sessions.last_seen_at'])
    .where('sessions.id', '=', sessionId);
}

const sessionTemplate = new QueryTemplate((db: Executor, _shape: null, values: { sessionId: string }) =>
  sessionQuery(db, values.sessionId));

/**
 * Resolves a session cookie. A stale cookie (expired, signed out, or of a
 * deactivated user) counts as no cookie at all, so the browser can still
 * reach the sign-in route.
 */
async function fromSession(db: Executor, cookie: string, log: FastifyBaseLogger | undefined): Promise<AuthContext | null> {
  const id = hashSecret(cookie);
  const [row] = await sessionTemplate.execute(db, null, { sessionId: id });
  if (!row) return null;
  const now = new Date();
  const auth = authOf(row, 'session');
  if (!auth || row.expires_at <= now.toISOString()) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  slideExpiry(db, row, now, log);
  auth.sessionId = id;
  auth.csrfToken = row.csrf_token;
  return auth;
}

/**
 * Moves the expiry forward by the session's own lifetime (the gap between
 * last use and expiry, set at sign-in from `sessionDays`), in the background.
 */
function slideExpiry(
  db: Executor,
  session: Pick<Selectable<SessionTable>, 'id' | 'expires_at' | 'last_seen_at'>,
  now: Date,
  log: FastifyBaseLogger | undefined,
): void {
  const lastSeen = Date.parse(session.last_seen_at);
  if (now.getTime() - lastSeen < TOUCH_INTERVAL_MS) return;
  const lifetime = Date.parse(session.expires_at) - lastSeen;
  const write = () => db
    .updateTable('sessions')
    .set({ last_seen_at: now.toISOString(), expires_at: new Date(now.getTime() + lifetime).toISOString() })
    .where('id', '=', session.id)
    .execute();
  touchInBackground(session.id, write, log);
}

/** The caller described by a joined row, or null when its user is missing or deactivated. */
function authOf(row: UserColumns, via: AuthContext['via']): AuthContext | null {
  if (row.user_id === null || row.business_id === null || row.is_active !== 1) return null;
  if (row.role_id === null || row.permissions === null || row.currency === null) return null;
  return {
    businessId: row.business_id,
    userId: row.user_id,
    userName: row.name as string,
    email: row.email as string,
    roleId: row.role_id,
    isAdmin: row.is_admin === 1,
    permissions: new Set(JSON.parse(row.permissions) as string[]),
    locale: row.locale === 'en' || row.locale === 'fr' ? row.locale : null,
    via,
    sessionId: null,
    csrfToken: null,
    defaultLocationId: row.default_location_id,
    business: {
      id: row.business_id,
      currency: row.currency,
      country: row.country as string,
      timezone: row.timezone as string,
      locale: row.business_locale as string,
      contact_code_prefix: row.contact_code_prefix as string,
      custom_field_labels: row.custom_field_labels as string,
    },
  };
}

/** The caller, or a 401 problem when nobody is signed in. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError('not_authenticated');
  return request.auth;
}
