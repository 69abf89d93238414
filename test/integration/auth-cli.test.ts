import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness, type CreatedBusiness } from '../../src/auth/businesses.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { TEST_PASSWORD } from '../helpers/app.ts';
import { comptoirEntry } from '../helpers/cli.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);

/** Runs the CLI against the test database; a failing exit resolves instead of throwing. */
async function comptoir(databaseUrl: string, args: string[]) {
  const entry = await comptoirEntry();
  try {
    const env = { ...process.env, COMPTOIR_LOCALE: '', LANG: '', DATABASE_URL: databaseUrl };
    const { stdout, stderr } = await run('node', [entry, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(engines)('token create command on %s', (engine) => {
  let database: TestDatabase;
  let business: CreatedBusiness;
  const email = 'gerant.cli@example.fr';

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    business = await createBusiness(database.db.kysely, {
      name: 'Cave Ligne de Commande', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
      admin: { email, password: TEST_PASSWORD, name: 'Gérant' },
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('prints only a working token', async () => {
    const result = await comptoir(database.url, ['token', 'create', '--email', 'Gerant.CLI@example.fr', '--name', 'export nocturne']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[A-Za-z0-9_-]{43}\n$/);
    const token = result.stdout.trim();

    const row = await database.db.kysely
      .selectFrom('api_tokens')
      .where('user_id', '=', business.adminUserId)
      .select(['name', 'business_id'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'export nocturne', business_id: business.businessId });

    const config = { ...loadConfig({}), databaseUrl: database.url, webRoot: '/nonexistent' };
    const app = await buildApp({ db: database.db, config }, { logger: false });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/session', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.email).toBe(email);
      const post = await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: 'sans csrf' },
      });
      expect(post.statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('unknown email fails on stderr', async () => {
    const countTokens = async () => (await database.db.kysely.selectFrom('api_tokens').select('id').execute()).length;
    const before = await countTokens();
    const result = await comptoir(database.url, ['token', 'create', '--email', 'personne@example.fr']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'Aucun utilisateur n’a l’adresse e-mail « personne@example.fr » : vérifiez l’adresse, ou créez d’abord l’utilisateur.\n',
    );
    expect(await countTokens()).toBe(before);
  });

  it('missing email option fails', async () => {
    const result = await comptoir(database.url, ['token', 'create']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('L’option --email manque : ajoutez-la (voir comptoir token create --help).\n');
  });
});
