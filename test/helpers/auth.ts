/**
 * Browser-like sign-in for the auth tests: a session cookie and its CSRF
 * token, sent the way the web app sends them.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestApp } from './app.ts';

export interface BrowserSession {
  cookie: string;
  csrfToken: string;
  /** Calls the API with the cookie and, unless `csrf` is given, the right CSRF header. */
  call(method: InjectOptions['method'], url: string, body?: unknown, csrf?: string | null): Promise<LightMyRequestResponse>;
}

let ipCounter = 0;

/** Returns a new client address on each call, so one test's per-address sign-in limit does not affect another. */
export function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === 'comptoir_session')?.value;
}

export async function adminEmail(t: TestApp): Promise<string> {
  const row = await t.database.db.kysely
    .selectFrom('users')
    .where('id', '=', t.business.adminUserId)
    .select('email')
    .executeTakeFirstOrThrow();
  return row.email;
}

export function postLogin(t: TestApp, email: string, password: string, options: { ip?: string; locale?: string; cookie?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    remoteAddress: options.ip ?? nextIp(),
    headers: { 'accept-language': options.locale ?? 'fr', ...(options.cookie ? { cookie: `comptoir_session=${options.cookie}` } : {}) },
    payload: { email, password },
  });
}

export function withCookie(t: TestApp, cookie: string, csrfToken: string): BrowserSession['call'] {
  return (method, url, body, csrf) => {
    const headers: Record<string, string> = { cookie: `comptoir_session=${cookie}`, 'accept-language': 'fr' };
    const sent = csrf === undefined ? csrfToken : csrf;
    if (sent !== null) headers['x-csrf-token'] = sent;
    return t.app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }) });
  };
}

/** Signs in and fails the test unless the sign-in succeeds. */
export async function signIn(t: TestApp, email: string, password: string): Promise<BrowserSession> {
  const res = await postLogin(t, email, password);
  if (res.statusCode !== 200) throw new Error(`sign-in failed with ${res.statusCode}: ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('sign-in set no session cookie');
  const csrfToken = res.json().csrfToken as string;
  return { cookie, csrfToken, call: withCookie(t, cookie, csrfToken) };
}
