import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_FAILURES_PER_IP, MAX_FAILURES_PER_EMAIL } from '../../src/auth/rate-limit.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { hashSecret } from '../../src/shared/ids.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { adminEmail, nextIp, postLogin, sessionCookieOf, signIn, withCookie } from '../helpers/auth.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('sign-in and sessions on %s', (engine) => {
  let t: TestApp;
  let email: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    email = await adminEmail(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const sessionRow = (cookie: string) =>
    t.database.db.kysely.selectFrom('sessions').where('id', '=', hashSecret(cookie)).selectAll().executeTakeFirst();

  it('sign-in sets a protected session cookie', async () => {
    const res = await postLogin(t, email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'comptoir_session');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.maxAge).toBe(14 * 86_400);

    const body = res.json();
    expect(body.user.email).toBe(email);
    expect(body.business.id).toBe(t.business.businessId);
    expect(body.business.currency).toBe('EUR');
    expect(body.isAdmin).toBe(true);
    expect(body.permissions).toContain('settings.manage');
    expect(body.locations).toEqual([{ id: t.business.locationId, name: 'Magasin principal' }]);
    expect(body.defaultLocationId).toBe(t.business.locationId);
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.csrfToken).not.toBe(cookie?.value);
  });

  it('session row stores only the cookie hash', async () => {
    const res = await postLogin(t, email, TEST_PASSWORD);
    const cookie = sessionCookieOf(res) ?? '';
    const row = await sessionRow(cookie);
    expect(row?.user_id).toBe(t.business.adminUserId);
    expect(row?.id).toBe(hashSecret(cookie));
    const raw = await t.database.db.kysely.selectFrom('sessions').where('id', '=', cookie).select('id').executeTakeFirst();
    expect(raw).toBeUndefined();
    const lifetime = Date.parse(row?.expires_at ?? '') - Date.parse(row?.created_at ?? '');
    expect(lifetime).toBe(14 * 86_400_000);
  });

  it('email is matched without case or spaces', async () => {
    const res = await postLogin(t, `  ${email.toUpperCase()} `, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
  });

  it('wrong password is a localised 401', async () => {
    const fr = await postLogin(t, email, 'not the password at all', { locale: 'fr' });
    expect(fr.statusCode).toBe(401);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().code).toBe('invalid_credentials');
    expect(fr.json().detail).toBe('Adresse e-mail ou mot de passe incorrect.');
    expect(sessionCookieOf(fr)).toBeUndefined();

    const en = await postLogin(t, email, 'not the password at all', { locale: 'en' });
    expect(en.statusCode).toBe(401);
    expect(en.json().detail).toBe('Wrong email address or password.');
  });

  it('unknown email answers like a wrong password', async () => {
    const wrong = await postLogin(t, email, 'not the password at all');
    const unknown = await postLogin(t, 'nobody@example.fr', 'not the password at all');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const { type, code, detail, status, title } = unknown.json();
    expect({ type, code, detail, status, title }).toEqual(wrong.json());
  });

  it('deactivated account cannot sign in', async () => {
    const { userId } = await t.addUser(['customer.view'], 'Ancien');
    const kysely = t.database.db.kysely;
    const password = await import('../../src/auth/passwords.ts').then((m) => m.hashPassword(TEST_PASSWORD));
    await kysely.updateTable('users').set({ password_hash: password, is_active: 0 }).where('id', '=', userId).execute();
    const user = await kysely.selectFrom('users').where('id', '=', userId).select('email').executeTakeFirstOrThrow();

    const res = await postLogin(t, user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });

  it('repeated failures lock the account', async () => {
    const { userId } = await t.addUser(['customer.view'], 'Verrou');
    const kysely = t.database.db.kysely;
    const hash = await import('../../src/auth/passwords.ts').then((m) => m.hashPassword(TEST_PASSWORD));
    await kysely.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    const user = await kysely.selectFrom('users').where('id', '=', userId).select('email').executeTakeFirstOrThrow();

    const ip = nextIp();
    for (let i = 1; i < MAX_FAILURES_PER_EMAIL; i += 1) {
      const res = await postLogin(t, user.email, `wrong password ${i}`, { ip });
      expect(res.statusCode).toBe(401);
    }
    const last = await postLogin(t, user.email, 'wrong password again', { ip });
    expect(last.statusCode).toBe(423);
    expect(last.json().code).toBe('account_locked');
    expect(last.json().minutes).toBe(15);
    expect(last.json().detail).toBe('Trop d’échecs de connexion : réessayez dans 15 minutes.');
    expect(last.headers['retry-after']).toBe('900');

    const right = await postLogin(t, user.email, TEST_PASSWORD, { ip: nextIp(), locale: 'en' });
    expect(right.statusCode).toBe(423);
    expect(right.json().detail).toContain('try again in 15 minutes');
    expect(sessionCookieOf(right)).toBeUndefined();

    const row = await kysely.selectFrom('users').where('id', '=', userId).select(['failed_logins', 'locked_until']).executeTakeFirstOrThrow();
    expect(row.failed_logins).toBe(MAX_FAILURES_PER_EMAIL);
    expect(Date.parse(row.locked_until ?? '')).toBeGreaterThan(Date.now() + 14 * 60_000);

    const listed = await t.api('GET', `/api/v1/users/${userId}`);
    expect(listed.json().lockedUntil).toBe(row.locked_until);
  });

  it('lock ends and success resets the count', async () => {
    const { userId } = await t.addUser(['customer.view'], 'Déverrou');
    const kysely = t.database.db.kysely;
    const hash = await import('../../src/auth/passwords.ts').then((m) => m.hashPassword(TEST_PASSWORD));
    const past = new Date(Date.now() - 1000).toISOString();
    await kysely.updateTable('users').set({ password_hash: hash, failed_logins: 4, locked_until: past }).where('id', '=', userId).execute();
    const user = await kysely.selectFrom('users').where('id', '=', userId).select('email').executeTakeFirstOrThrow();

    const res = await postLogin(t, user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const row = await kysely.selectFrom('users').where('id', '=', userId).select(['failed_logins', 'locked_until']).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('unknown email locks like an account', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i <= MAX_FAILURES_PER_EMAIL; i += 1) {
      statuses.push((await postLogin(t, 'ghost@example.fr', `guess ${i}`, { ip })).statusCode);
    }
    expect(statuses.slice(0, MAX_FAILURES_PER_EMAIL - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(MAX_FAILURES_PER_EMAIL - 1)).toEqual([423, 423]);
  });

  it('one address is rate limited', async () => {
    const ip = nextIp();
    for (let i = 0; i < MAX_FAILURES_PER_IP; i += 1) {
      const res = await postLogin(t, `visitor${i}@example.fr`, 'some password', { ip });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await postLogin(t, email, TEST_PASSWORD, { ip, locale: 'en' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('rate_limited');
    expect(blocked.json().detail).toMatch(/^Too many requests: try again in \d+ seconds?\.$/);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(sessionCookieOf(blocked)).toBeUndefined();

    const rows = await t.database.db.kysely.selectFrom('login_attempts').where('key', '=', `ip:${ip}`).select('id').execute();
    expect(rows).toHaveLength(MAX_FAILURES_PER_IP);

    const elsewhere = await postLogin(t, email, TEST_PASSWORD, { ip: nextIp() });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('successful sign-ins are not rate limited', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < MAX_FAILURES_PER_IP + 10; i += 1) {
      const res = await postLogin(t, email, TEST_PASSWORD, { ip });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const rows = await t.database.db.kysely.selectFrom('login_attempts').where('key', '=', `ip:${ip}`).select('id').execute();
    expect(rows).toHaveLength(0);

    for (let i = 0; i < MAX_FAILURES_PER_IP; i += 1) {
      const res = await postLogin(t, `visitor${i}@example.fr`, 'some password', { ip });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await postLogin(t, email, TEST_PASSWORD, { ip });
    expect(blocked.statusCode).toBe(429);
  });

  it('each sign-in gets a new session id', async () => {
    const first = await signIn(t, email, TEST_PASSWORD);
    const second = await signIn(t, email, TEST_PASSWORD);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect((await first.call('GET', '/api/v1/session')).statusCode).toBe(200);
    expect((await second.call('GET', '/api/v1/session')).statusCode).toBe(200);
  });

  it('planted cookie is replaced at sign-in', async () => {
    const planted = 'attacker-chosen-session-value';
    const res = await postLogin(t, email, TEST_PASSWORD, { cookie: planted });
    expect(res.statusCode).toBe(200);
    const issued = sessionCookieOf(res);
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    const withPlanted = await withCookie(t, planted, res.json().csrfToken)('GET', '/api/v1/session');
    expect(withPlanted.statusCode).toBe(401);
  });

  it('signing in again ends the presented session', async () => {
    const first = await signIn(t, email, TEST_PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: nextIp(),
      headers: { cookie: `comptoir_session=${first.cookie}`, 'x-csrf-token': first.csrfToken },
      payload: { email, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(sessionCookieOf(res)).not.toBe(first.cookie);
    expect(await sessionRow(first.cookie)).toBeUndefined();
    expect((await first.call('GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('sign-out ends the session and clears the cookie', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const out = await session.call('DELETE', '/api/v1/session');
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'comptoir_session');
    expect(cleared?.value).toBe('');
    expect(await sessionRow(session.cookie)).toBeUndefined();

    const after = await session.call('GET', '/api/v1/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('not_authenticated');
  });

  it('session read returns the contract shape', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const res = await session.call('GET', '/api/v1/session');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['business', 'csrfToken', 'defaultLocationId', 'isAdmin', 'locations', 'permissions', 'user'].sort(),
    );
    expect(Object.keys(body.business).sort()).toEqual(
      ['contactCodePrefix', 'country', 'creditLimitPolicy', 'currency', 'customFieldLabels', 'id', 'locale', 'name', 'timezone'].sort(),
    );
    expect(body.csrfToken).toBe(session.csrfToken);
    expect(res.cookies.find((c) => c.name === 'comptoir_session')?.value).toBe(session.cookie);
  });

  it('bearer session read has no csrf token', async () => {
    const res = await t.api('GET', '/api/v1/session');
    expect(res.statusCode).toBe(200);
    expect(res.json().csrfToken).toBeNull();
    expect(res.json().user.id).toBe(t.business.adminUserId);
  });

  it('anonymous session read is 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Sign-in required: sign in or send an API token.');
  });

  it('expired session counts as signed out', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const past = new Date(Date.now() - 1000).toISOString();
    await t.database.db.kysely.updateTable('sessions').set({ expires_at: past }).where('id', '=', hashSecret(session.cookie)).execute();
    expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(401);
    expect(await sessionRow(session.cookie)).toBeUndefined();
  });

  it('session expiry slides with use', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const id = hashSecret(session.cookie);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const soon = new Date(hourAgo.getTime() + 14 * 86_400_000);
    await t.database.db.kysely
      .updateTable('sessions')
      .set({ last_seen_at: hourAgo.toISOString(), expires_at: soon.toISOString() })
      .where('id', '=', id)
      .execute();
    expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(200);
    // The slide is written after the response, so the test waits for it.
    const row = await vi.waitFor(async () => {
      const current = await sessionRow(session.cookie);
      expect(Date.parse(current?.last_seen_at ?? '')).toBeGreaterThan(hourAgo.getTime());
      return current;
    });
    expect(Date.parse(row?.expires_at ?? '') - Date.parse(row?.last_seen_at ?? '')).toBe(14 * 86_400_000);
  });

  it('session slide waits for no writer', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const id = hashSecret(session.cookie);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    await t.database.db.kysely.updateTable('sessions').set({ last_seen_at: hourAgo }).where('id', '=', id).execute();

    // A transaction that writes the session row keeps SQLite's only writer
    // and PostgreSQL's lock on that row, as a long import keeps the writer.
    let release = () => {};
    const releasedWriter = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = () => {};
    const writing = new Promise<void>((resolve) => {
      started = resolve;
    });
    const transaction = t.database.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('sessions').set({ last_seen_at: hourAgo }).where('id', '=', id).execute();
      started();
      await releasedWriter;
    });
    await writing;
    // The transaction ends only after the response. A request that waited
    // for the writer would never get one, and the test would time out.
    const res = await session.call('GET', '/api/v1/session');
    release();
    await transaction;

    expect(res.statusCode).toBe(200);
    await vi.waitFor(async () => {
      const row = await sessionRow(session.cookie);
      expect(Date.parse(row?.last_seen_at ?? '')).toBeGreaterThan(Date.parse(hourAgo));
    });
  });

  it('session of a deactivated user is dropped', async () => {
    const { userId } = await t.addUser(['customer.view'], 'Parti');
    const kysely = t.database.db.kysely;
    const hash = await import('../../src/auth/passwords.ts').then((m) => m.hashPassword(TEST_PASSWORD));
    await kysely.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    const user = await kysely.selectFrom('users').where('id', '=', userId).select('email').executeTakeFirstOrThrow();
    const session = await signIn(t, user.email, TEST_PASSWORD);
    await kysely.updateTable('users').set({ is_active: 0 }).where('id', '=', userId).execute();

    expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(401);
    // The stale cookie must not stand in the way of another user signing in.
    const res = await postLogin(t, email, TEST_PASSWORD, { cookie: session.cookie });
    expect(res.statusCode).toBe(200);
  });

  it('preferred language is stored', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const res = await session.call('PATCH', '/api/v1/session', { locale: 'en' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.locale).toBe('en');
    const row = await t.database.db.kysely.selectFrom('users').where('id', '=', t.business.adminUserId).select('locale').executeTakeFirstOrThrow();
    expect(row.locale).toBe('en');
    await session.call('PATCH', '/api/v1/session', { locale: 'fr' });
  });

  it('openapi documents every auth route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const expected: [string, string, string][] = [
      ['/api/v1/setup', 'get', 'setup'], ['/api/v1/setup', 'post', 'setup'],
      ['/api/v1/session', 'post', 'session'], ['/api/v1/session', 'get', 'session'],
      ['/api/v1/session', 'patch', 'session'], ['/api/v1/session', 'delete', 'session'],
      ['/api/v1/session/password', 'post', 'session'],
      ['/api/v1/business', 'get', 'business'], ['/api/v1/business', 'patch', 'business'],
      ['/api/v1/locations', 'get', 'locations'], ['/api/v1/locations', 'post', 'locations'],
      ['/api/v1/locations/{id}', 'get', 'locations'], ['/api/v1/locations/{id}', 'patch', 'locations'],
      ['/api/v1/users', 'get', 'users'], ['/api/v1/users', 'post', 'users'],
      ['/api/v1/users/{id}', 'get', 'users'], ['/api/v1/users/{id}', 'patch', 'users'],
      ['/api/v1/roles', 'get', 'roles'], ['/api/v1/roles', 'post', 'roles'],
      ['/api/v1/roles/{id}', 'get', 'roles'], ['/api/v1/roles/{id}', 'patch', 'roles'],
      ['/api/v1/roles/{id}', 'delete', 'roles'], ['/api/v1/permissions', 'get', 'roles'],
      ['/api/v1/tokens', 'get', 'tokens'], ['/api/v1/tokens', 'post', 'tokens'], ['/api/v1/tokens/{id}', 'delete', 'tokens'],
    ];
    for (const [path, method, tag] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(operation.tags).toEqual([tag]);
      expect(operation.summary).toEqual(expect.any(String));
    }
    expect(doc.paths['/api/v1/session'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });

  it('secure cookies when configured', async () => {
    const config = { ...loadConfig({}), databaseUrl: t.database.url, webRoot: '/nonexistent', secureCookies: true, sessionDays: 3 };
    const app = await buildApp({ db: t.database.db, config }, { logger: false });
    try {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/session',
        remoteAddress: nextIp(),
        payload: { email, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'comptoir_session');
      expect(cookie?.secure).toBe(true);
      expect(cookie?.maxAge).toBe(3 * 86_400);
    } finally {
      await app.close();
    }
  });
});
