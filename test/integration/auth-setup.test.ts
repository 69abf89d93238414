import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { nextIp, postLogin } from '../helpers/auth.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';
import type { TestApp } from '../helpers/app.ts';

const form = {
  businessName: 'Fromagerie Lefèvre',
  currency: 'eur',
  locale: 'fr',
  timezone: 'Europe/Paris',
  country: 'fr',
  adminName: 'Hélène Lefèvre',
  email: 'Helene@Fromagerie.example.fr',
  password: 'un bon mot de passe',
};

describe.each(engines)('first-run setup on %s', (engine) => {
  let database: TestDatabase;
  let app: FastifyInstance;

  const start = async () => {
    database = await createTestDatabase(engine);
    const config = { ...loadConfig({}), databaseUrl: database.url, webRoot: '/nonexistent' };
    app = await buildApp({ db: database.db, config }, { logger: false });
    await app.ready();
  };

  const post = (body: unknown) =>
    app.inject({ method: 'POST', url: '/api/v1/setup', remoteAddress: nextIp(), headers: { 'accept-language': 'fr' }, payload: body as object });

  afterEach(async () => {
    await app?.close();
    await database?.drop();
  });

  it('setup runs once then answers setup_done', async () => {
    await start();
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });

    const res = await post(form);
    expect(res.statusCode).toBe(201);
    const { session } = res.json();
    expect(session.user).toMatchObject({ name: 'Hélène Lefèvre', email: 'helene@fromagerie.example.fr', locale: 'fr' });
    expect(session.business).toMatchObject({ name: 'Fromagerie Lefèvre', currency: 'EUR', country: 'FR', contactCodePrefix: 'CO' });
    expect(session.isAdmin).toBe(true);
    expect(session.locations).toHaveLength(1);
    expect(session.defaultLocationId).toBe(session.locations[0].id);

    const cookie = res.cookies.find((c) => c.name === 'comptoir_session');
    expect(cookie?.httpOnly).toBe(true);
    const me = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: `comptoir_session=${cookie?.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(session.csrfToken);

    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
    const again = await post({ ...form, email: 'intrus@example.fr' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup_done');
    expect(again.json().detail).toBe('Comptoir est déjà configuré : connectez-vous.');

    const businesses = await database.db.kysely.selectFrom('businesses').select('id').execute();
    expect(businesses).toHaveLength(1);
    const audit = await database.db.kysely.selectFrom('audit_log').where('entity_type', '=', 'business').select(['action', 'user_id']).execute();
    expect(audit).toEqual([{ action: 'create', user_id: session.user.id }]);
  });

  it('concurrent setups create one business', async () => {
    await start();
    const answers = await Promise.all([
      post({ ...form, email: 'premier@example.fr' }),
      post({ ...form, email: 'second@example.fr' }),
      post({ ...form, email: 'troisieme@example.fr' }),
    ]);
    const statuses = answers.map((res) => res.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409]);
    for (const res of answers.filter((r) => r.statusCode === 409)) expect(res.json().code).toBe('setup_done');

    const businesses = await database.db.kysely.selectFrom('businesses').select('id').execute();
    expect(businesses).toHaveLength(1);
    const users = await database.db.kysely.selectFrom('users').select('email').execute();
    expect(users).toHaveLength(1);
  });

  it('invalid setup form lists each field', async () => {
    await start();
    const res = await post({ ...form, currency: 'EURO', timezone: 'Mars/Olympus', country: 'France', email: 'pas-une-adresse', password: 'court' });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(paths).toEqual(['currency:invalid_value', 'timezone:invalid_value', 'country:invalid_country', 'email:invalid_email', 'password:weak_password']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
  });

  it('blank setup form lists every field', async () => {
    await start();
    const res = await post({ ...form, businessName: '  ', timezone: '', adminName: '', email: '', password: '' });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(paths).toEqual([
      'businessName:required',
      'timezone:invalid_value',
      'adminName:required',
      'email:required',
      'password:weak_password',
    ]);
  });

  it('setup admin can sign in', async () => {
    await start();
    await post(form);
    const res = await postLogin({ app } as TestApp, form.email, form.password);
    expect(res.statusCode).toBe(200);
    expect(res.json().business.name).toBe('Fromagerie Lefèvre');
  });
});
