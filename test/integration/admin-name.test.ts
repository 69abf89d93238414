/**
 * The administrator created at the first start from COMPTOIR_ADMIN_EMAIL
 * and COMPTOIR_ADMIN_PASSWORD takes its name from COMPTOIR_ADMIN_NAME. The
 * default is the administrator role's name in the business language, never
 * the email address. Any user may then change their own name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { bootstrapFromEnvironment } from '../../src/server/start.ts';
import { asToken, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, engines } from '../helpers/databases.ts';

const silent = { info: () => undefined };

describe.each(engines)('administrator name on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('first start takes the name', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ COMPTOIR_ADMIN_NAME: '  Claire Martin ' }, 'Claire Martin'],
      [{}, 'Administrateur'],
      [{ COMPTOIR_LOCALE: 'en' }, 'Administrator'],
    ];
    for (const [env, expected] of cases) {
      const database = await createTestDatabase(engine);
      try {
        const email = `patronne.${engine}@example.fr`;
        const config = loadConfig({ COMPTOIR_ADMIN_EMAIL: email, COMPTOIR_ADMIN_PASSWORD: TEST_PASSWORD, ...env });
        await bootstrapFromEnvironment(config, database.db.kysely, silent);
        const users = await database.db.kysely.selectFrom('users').select(['email', 'name']).execute();
        expect(users, JSON.stringify(env)).toEqual([{ email, name: expected }]);
      } finally {
        await database.drop();
      }
    }
  });

  it('user without users.manage renames themself', async () => {
    const cashier = await t.addUser(['customer.view'], 'Caisse 1');
    const api = asToken(t, cashier.token);
    const renamed = await api('PATCH', '/api/v1/session', { name: '  Léa Caissière ' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().user.name).toBe('Léa Caissière');
    expect((await api('GET', '/api/v1/session')).json().user.name).toBe('Léa Caissière');

    const audit = await t.database.db.kysely.selectFrom('audit_log')
      .where('entity_type', '=', 'user').where('entity_id', '=', cashier.userId).where('action', '=', 'update')
      .select(['user_id', 'changes']).execute();
    expect(audit.map((entry) => entry.user_id)).toEqual([cashier.userId]);
    expect(JSON.parse(audit[0]?.changes ?? 'null')).toEqual([{ field: 'name', from: 'Caisse 1', to: 'Léa Caissière' }]);

    const both = await api('PATCH', '/api/v1/session', { name: 'Léa', locale: 'en' });
    expect(both.json().user).toMatchObject({ name: 'Léa', locale: 'en' });
  });

  it('bad own name is rejected', async () => {
    const cases: [unknown, string, string][] = [
      [{ name: '   ' }, 'name', 'This field is required.'],
      [{ name: 'x'.repeat(201) }, 'name', 'Too long: at most 200 characters.'],
      [{}, '', 'Nothing to change: send locale (fr, en or null), name, or both.'],
    ];
    for (const [body, path, message] of cases) {
      const res = await t.api('PATCH', '/api/v1/session', body, { 'accept-language': 'en' });
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.json().errors, JSON.stringify(body)).toEqual([expect.objectContaining({ path, message })]);
    }
    const french = await t.api('PATCH', '/api/v1/session', {});
    expect(french.json().errors[0].message).toBe('Rien à changer : envoyez locale (fr, en ou null), name, ou les deux.');
  });
});
