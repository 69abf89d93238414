/**
 * A running Comptoir (through Fastify's inject, no socket) on a fresh
 * database, with one business and its admin signed in by API token.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { createBusiness, type CreatedBusiness } from '../../src/auth/businesses.ts';
import type { Engine } from '../../src/db/database.ts';
import { newId, newSecret, hashSecret, nowIso } from '../../src/shared/ids.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface TestApp {
  engine: Engine;
  app: FastifyInstance;
  database: TestDatabase;
  business: CreatedBusiness;
  adminToken: string;
  /** Calls the API as the admin with a bearer token; JSON bodies are sent as JSON. */
  api(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Creates another business with its own admin and returns that admin's token. */
  addBusiness(name: string): Promise<{ business: CreatedBusiness; token: string }>;
  /** Creates a user with the given permissions in the first business and returns its token. */
  addUser(permissions: string[], name?: string): Promise<{ userId: string; token: string }>;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;

/** `plugin` receives every statement that the app and the helpers run, for tests that count them. */
export async function createTestApp(engine: Engine, options: { plugin?: KyselyPlugin } = {}): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const config = { ...loadConfig({}), databaseUrl: database.url, webRoot: '/nonexistent' };
  const db = options.plugin ? { ...database.db, kysely: database.db.kysely.withPlugin(options.plugin) } : database.db;
  const app = await buildApp({ db, config }, { logger: false });
  await app.ready();
  const kysely = db.kysely;

  const makeBusiness = async (name: string) => {
    counter += 1;
    const business = await createBusiness(kysely, {
      name,
      currency: 'EUR',
      locale: 'fr',
      timezone: 'Europe/Paris',
      country: 'FR',
      admin: { email: `admin${counter}.${newId().slice(-8)}@example.fr`, password: TEST_PASSWORD, name: `Admin ${name}` },
    });
    return { business, token: await issueToken(business.businessId, business.adminUserId) };
  };

  const issueToken = async (businessId: string, userId: string) => {
    const token = newSecret();
    await kysely.insertInto('api_tokens').values({
      id: newId(), business_id: businessId, user_id: userId, name: 'test',
      token_hash: hashSecret(token), created_at: nowIso(), last_used_at: null, revoked_at: null,
    }).execute();
    return token;
  };

  const first = await makeBusiness('Épicerie Test');

  const inject = (token: string) => (method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr', ...headers },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });

  return {
    engine,
    app,
    database,
    business: first.business,
    adminToken: first.token,
    api: inject(first.token),
    addBusiness: makeBusiness,
    async addUser(permissions, name = 'Utilisateur') {
      counter += 1;
      const roleId = newId();
      const userId = newId();
      const now = nowIso();
      await kysely.insertInto('roles').values({
        id: roleId, business_id: first.business.businessId, name: `role ${counter}`,
        permissions: JSON.stringify(permissions), is_admin: 0, created_at: now, updated_at: now,
      }).execute();
      await kysely.insertInto('users').values({
        id: userId, business_id: first.business.businessId, email: `user${counter}.${userId.slice(-8)}@example.fr`,
        name, password_hash: 'unused', role_id: roleId, locale: 'fr', default_location_id: first.business.locationId,
        is_active: 1, failed_logins: 0, locked_until: null, created_at: now, updated_at: now,
      }).execute();
      return { userId, token: await issueToken(first.business.businessId, userId) };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Calls the API with another bearer token. */
export function asToken(t: TestApp, token: string) {
  return (method: InjectOptions['method'], url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr' },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
}
