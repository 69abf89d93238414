import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { createTestDatabase, engines } from '../helpers/databases.ts';
import { migrate } from '../../src/db/migrate.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';

describe.each(engines)('server on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('health answers ok with the engine', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', engine });
  });

  it('migrations run again without applying anything', async () => {
    expect(await migrate(t.database.db)).toEqual([]);
  });

  it('unknown api route is a localised problem', async () => {
    const fr = await t.app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { 'accept-language': 'fr' } });
    expect(fr.statusCode).toBe(404);
    expect(fr.headers['content-type']).toContain('application/problem+json');
    expect(fr.json().code).toBe('route_not_found');
    expect(fr.json().detail).toBe('Aucune page ni route d’API à l’adresse « /api/v1/nothing » : vérifiez l’adresse.');
    const en = await t.app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(en.json().detail).toBe('No page or API route at “/api/v1/nothing”: check the address.');
  });

  it('openapi document lists the health route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/v1/health');
  });

  it('readiness reports no pending migration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ready: true, pendingMigrations: 0, shuttingDown: false });
  });

  it('metrics count requests by route for loopback callers', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/comptoir_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} \d+/);
  });

  it('metrics refuse remote callers without the token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('comptoir_http_requests_total');
  });
});

describe('web app files', () => {
  it('missing build file is a 404, not the page', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'comptoir-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Comptoir</title>');
    writeFileSync(join(webRoot, 'assets', 'app-new.js'), 'console.log(1);');
    const database = await createTestDatabase('sqlite');
    const app = await buildApp({ db: database.db, config: { ...loadConfig({}), databaseUrl: database.url, webRoot } }, { logger: false });
    try {
      const page = await app.inject({ method: 'GET', url: '/customers' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const script = await app.inject({ method: 'GET', url: '/assets/app-new.js' });
      expect(script.statusCode).toBe(200);
      const old = await app.inject({ method: 'GET', url: '/assets/app-old.js' });
      expect(old.statusCode).toBe(404);
      expect(old.json().code).toBe('route_not_found');
    } finally {
      await app.close();
      await database.drop();
      rmSync(webRoot, { recursive: true, force: true });
    }
  });
});
