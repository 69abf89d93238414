import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { adminEmail, postLogin, signIn } from '../helpers/auth.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('csrf, tokens and passwords on %s', (engine) => {
  let t: TestApp;
  let email: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    email = await adminEmail(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const tokenNames = async () => {
    const res = await t.api('GET', '/api/v1/tokens');
    return (res.json().items as { name: string }[]).map((item) => item.name);
  };

  const businessName = async () => {
    const row = await t.database.db.kysely.selectFrom('businesses').where('id', '=', t.business.businessId).select('name').executeTakeFirstOrThrow();
    return row.name;
  };

  it('cookie post without csrf header is refused', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const missing = await session.call('POST', '/api/v1/tokens', { name: 'sans jeton' }, null);
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    expect(missing.json().detail).toContain('Jeton anti-CSRF absent ou invalide');

    const wrong = await session.call('POST', '/api/v1/tokens', { name: 'mauvais jeton' }, 'not-the-token');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('csrf_failed');
    expect(await tokenNames()).not.toContain('sans jeton');
    expect(await tokenNames()).not.toContain('mauvais jeton');
  });

  it('cookie post with csrf header succeeds', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const res = await session.call('POST', '/api/v1/tokens', { name: 'bon jeton' });
    expect(res.statusCode).toBe(201);
    expect(await tokenNames()).toContain('bon jeton');
  });

  it('cookie patch needs the csrf header', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const before = await businessName();
    const refused = await session.call('PATCH', '/api/v1/business', { name: 'Piratée' }, null);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf_failed');
    expect(await businessName()).toBe(before);

    const wrong = await session.call('PATCH', '/api/v1/business', { name: 'Piratée' }, 'x');
    expect(wrong.statusCode).toBe(403);
    expect(await businessName()).toBe(before);

    const accepted = await session.call('PATCH', '/api/v1/business', { name: 'Épicerie Renommée' });
    expect(accepted.statusCode).toBe(200);
    expect(await businessName()).toBe('Épicerie Renommée');
  });

  it('cookie delete needs the csrf header', async () => {
    const session = await signIn(t, email, TEST_PASSWORD);
    const refused = await session.call('DELETE', '/api/v1/session', undefined, null);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf_failed');
    expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(200);

    const other = await signIn(t, email, TEST_PASSWORD);
    const crossed = await session.call('DELETE', '/api/v1/session', undefined, other.csrfToken);
    expect(crossed.statusCode).toBe(403);
    expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(200);

    expect((await session.call('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await session.call('GET', '/api/v1/session')).statusCode).toBe(401);
  });

  it('bearer token needs no csrf header', async () => {
    const res = await t.api('POST', '/api/v1/tokens', { name: 'script' });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('script');
  });

  it('token is shown once and stored hashed', async () => {
    const res = await t.api('POST', '/api/v1/tokens', { name: 'caisse 2' });
    const { id, token } = res.json();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.database.db.kysely.selectFrom('api_tokens').where('id', '=', id).selectAll().executeTakeFirstOrThrow();
    expect(row.token_hash).not.toBe(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await t.api('GET', '/api/v1/tokens')).json().items.find((item: { id: string }) => item.id === id);
    expect(listed).toEqual({ id, name: 'caisse 2', createdAt: row.created_at, lastUsedAt: null });
    expect(JSON.stringify((await t.api('GET', '/api/v1/tokens')).json())).not.toContain(token);
  });

  it('revoked token is refused', async () => {
    const { id, token } = (await t.api('POST', '/api/v1/tokens', { name: 'à révoquer' })).json();
    const asNew = (method: 'GET' | 'DELETE', url: string) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
    expect((await asNew('GET', '/api/v1/session')).statusCode).toBe(200);

    const revoked = await t.api('DELETE', `/api/v1/tokens/${id}`);
    expect(revoked.statusCode).toBe(204);
    const after = await asNew('GET', '/api/v1/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('not_authenticated');
    expect(await tokenNames()).not.toContain('à révoquer');

    expect((await t.api('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(404);
  });

  it('another user token cannot be revoked', async () => {
    const other = await t.addUser(['customer.view'], 'Autre');
    const { id } = (await t.api('POST', '/api/v1/tokens', { name: 'admin only' })).json();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${id}`,
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(res.statusCode).toBe(404);
    expect(await tokenNames()).toContain('admin only');
  });

  it('token actions are audited', async () => {
    const { id } = (await t.api('POST', '/api/v1/tokens', { name: 'audité' })).json();
    await t.api('DELETE', `/api/v1/tokens/${id}`);
    const rows = await t.database.db.kysely
      .selectFrom('audit_log')
      .where('entity_type', '=', 'api_token')
      .where('entity_id', '=', id)
      .select(['action', 'user_id', 'changes'])
      .orderBy('id')
      .execute();
    expect(rows.map((row) => row.action)).toEqual(['create', 'revoke']);
    expect(rows[0]?.user_id).toBe(t.business.adminUserId);
    expect(JSON.parse(rows[0]?.changes ?? '{}')).toEqual({ name: 'audité', ownerId: t.business.adminUserId });
  });

  describe('password change', () => {
    const newPassword = 'une phrase de passe toute neuve';
    let userEmail: string;

    beforeAll(async () => {
      const { hashPassword } = await import('../../src/auth/passwords.ts');
      const { userId } = await t.addUser(['customer.view'], 'Changeur');
      const kysely = t.database.db.kysely;
      await kysely.updateTable('users').set({ password_hash: await hashPassword(TEST_PASSWORD) }).where('id', '=', userId).execute();
      userEmail = (await kysely.selectFrom('users').where('id', '=', userId).select('email').executeTakeFirstOrThrow()).email;
    });

    it('wrong current password is refused', async () => {
      const session = await signIn(t, userEmail, TEST_PASSWORD);
      const res = await session.call('POST', '/api/v1/session/password', { currentPassword: 'nope nope nope', newPassword });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { path: 'currentPassword', code: 'wrong_password', message: 'Le mot de passe actuel est incorrect.' },
      ]);
      expect((await postLogin(t, userEmail, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('weak new password is refused', async () => {
      const session = await signIn(t, userEmail, TEST_PASSWORD);
      for (const weak of ['court', 'azertyuiop', 'aaaaaaaaaaaa']) {
        const res = await session.call('POST', '/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: weak });
        expect(res.statusCode).toBe(422);
        expect(res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual(['newPassword:weak_password']);
      }
      expect((await postLogin(t, userEmail, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('change ends the other sessions', async () => {
      const current = await signIn(t, userEmail, TEST_PASSWORD);
      const other = await signIn(t, userEmail, TEST_PASSWORD);
      const res = await current.call('POST', '/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res.statusCode).toBe(204);

      expect((await current.call('GET', '/api/v1/session')).statusCode).toBe(200);
      expect((await other.call('GET', '/api/v1/session')).statusCode).toBe(401);
      expect((await postLogin(t, userEmail, TEST_PASSWORD)).statusCode).toBe(401);
      expect((await postLogin(t, userEmail, newPassword)).statusCode).toBe(200);

      const audit = await t.database.db.kysely
        .selectFrom('audit_log')
        .where('entity_type', '=', 'user')
        .where('action', '=', 'password_change')
        .select('changes')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.changes).not.toContain(newPassword);
    });

    it('change needs the csrf header', async () => {
      const session = await signIn(t, userEmail, newPassword);
      const res = await session.call('POST', '/api/v1/session/password', { currentPassword: newPassword, newPassword: 'encore une autre phrase' }, null);
      expect(res.statusCode).toBe(403);
      expect((await postLogin(t, userEmail, newPassword)).statusCode).toBe(200);
    });
  });
});
