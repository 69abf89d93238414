/**
 * The web app's files under a running server: a rebuild that replaces
 * index.html and the hashed files takes effect without a restart, and the
 * cache headers keep a browser from pairing an old index.html with files
 * that are gone. The web root is a temporary folder that the tests write
 * builds into, as `npm run build` does with dist/web.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

/** Writes a build whose index.html loads `assets/index-HASH.js`, after emptying the folder as Vite does. */
function writeBuild(webRoot: string, hash: string) {
  rmSync(webRoot, { recursive: true, force: true });
  mkdirSync(join(webRoot, 'assets'), { recursive: true });
  writeFileSync(join(webRoot, 'index.html'), `<!doctype html><script type="module" src="/assets/index-${hash}.js"></script>`);
  writeFileSync(join(webRoot, 'assets', `index-${hash}.js`), `console.log('${hash}');`);
  writeFileSync(join(webRoot, 'favicon.svg'), `<svg xmlns="http://www.w3.org/2000/svg"><title>${hash}</title></svg>`);
}

describe('web app files', () => {
  let webRoot: string;
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    webRoot = join(mkdtempSync(join(tmpdir(), 'comptoir-web-')), 'web');
    writeBuild(webRoot, 'AAAA1111');
    database = await createTestDatabase('sqlite');
    const config = { ...loadConfig({}), databaseUrl: database.url, webRoot };
    app = await buildApp({ db: database.db, config }, { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(join(webRoot, '..'), { recursive: true, force: true });
  });

  it('page and hashed file of the first build', async () => {
    const page = await app.inject({ method: 'GET', url: '/customers?status=all' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/assets/index-AAAA1111.js');
    const script = await app.inject({ method: 'GET', url: '/assets/index-AAAA1111.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('AAAA1111');
  });

  it('page address with control characters', async () => {
    for (const url of ['/customers?q=%01x', '/sign-in?next=%01', '/customers/%01', '/suppliers?q=a%7F%E2%80%AEb', '/customers/%01?q=%00']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.body, url).toContain('/assets/index-');
    }

    for (const url of ['/customers/%ZZ', '/customers/%C0', `/customers/${'x'.repeat(101)}`]) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.headers['content-security-policy'], url).toBeTruthy();
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.body, url).toContain('/assets/index-');
    }

    const head = await app.inject({ method: 'HEAD', url: '/customers/%ZZ' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toContain('text/html');

    const badApi = await app.inject({ method: 'GET', url: '/api/v1/contacts/%ZZ', headers: { 'accept-language': 'en' } });
    expect(badApi.statusCode).toBe(400);
    expect(badApi.json().code).toBe('bad_request');
    expect(badApi.json().detail).toBe(
      'The request is malformed: its address, “/api/v1/contacts/%ZZ”, contains an invalid % encoding. ' +
        'Encode each special character of the address in UTF-8 (%C3%A9 for é).',
    );

    const longApi = await app.inject({ method: 'GET', url: `/api/v1/contacts/${'x'.repeat(101)}` });
    expect(longApi.statusCode).toBe(400);
    expect(longApi.json().detail).toContain('a un segment de plus de 100 caractères');

    const missing = await app.inject({ method: 'GET', url: '/api/v1/nowhere?q=%01x' });
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expect(missing.headers['content-type']).toContain('json');
  });

  it('rebuild served without restart', async () => {
    writeBuild(webRoot, 'BBBB2222');

    const page = await app.inject({ method: 'GET', url: '/customers' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/assets/index-BBBB2222.js');
    expect(page.body).not.toContain('AAAA1111');

    const script = await app.inject({ method: 'GET', url: '/assets/index-BBBB2222.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('BBBB2222');

    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.body).toContain('BBBB2222');

    // The old build's file is gone: a 404, which an open page of that build reloads on.
    const old = await app.inject({ method: 'GET', url: '/assets/index-AAAA1111.js' });
    expect(old.statusCode).toBe(404);
    expect(old.json().code).toBe('route_not_found');
  });

  it('page is revalidated on each load', async () => {
    for (const url of ['/', '/customers', '/customers/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('page answers a HEAD request', async () => {
    // Uptime checks and proxies often probe a page with HEAD.
    for (const url of ['/', '/customers', '/favicon.svg']) {
      const page = await app.inject({ method: 'HEAD', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.body, url).toBe('');
    }
  });

  it('hashed files are immutable for a year', async () => {
    const script = await app.inject({ method: 'GET', url: '/assets/index-BBBB2222.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('index.html address serves the page', async () => {
    // A request for /index.html gets the page through the same handler, with its cache header.
    const page = await app.inject({ method: 'GET', url: '/index.html' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it('paths outside the build are not served', async () => {
    writeFileSync(join(webRoot, '..', 'secret.txt'), 'outside');
    for (const url of ['/assets/../../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body, url).not.toContain('outside');
    }
  });

  it('missing build answers 404', async () => {
    rmSync(webRoot, { recursive: true, force: true });
    const page = await app.inject({ method: 'GET', url: '/customers' });
    expect(page.statusCode).toBe(404);
    expect(page.json().code).toBe('route_not_found');
    writeBuild(webRoot, 'CCCC3333');
    const rebuilt = await app.inject({ method: 'GET', url: '/customers' });
    expect(rebuilt.statusCode).toBe(200);
    expect(rebuilt.body).toContain('/assets/index-CCCC3333.js');
  });

  it('API and asset prefixes are never pages', async () => {
    for (const url of ['/api', '/api?x=1', '/API/v1/contacts', '/assets', '/Assets/index-BBBB2222.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('unknown API route stays a 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('route_not_found');
  });
});
