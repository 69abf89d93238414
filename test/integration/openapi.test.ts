import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers every API route', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const apiRoutes = t.app.routeList.filter((r) => r.url.startsWith('/api/v1/'));
    expect(apiRoutes.length).toBeGreaterThan(20);
    const missing = t.app.routeList
      .filter((r) => r.url.startsWith('/api/v1/') && !r.hidden && r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it('gives every documented operation a summary and a tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    const bare = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).filter(([, op]) => !op.summary || !op.tags?.length).map(([m]) => `${m} ${path}`),
    );
    expect(bare).toEqual([]);
  });

  it('serves the reference page and its script', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Comptoir API reference');
    const script = await t.app.inject({ method: 'GET', url: '/api/docs/app.js' });
    expect(script.headers['content-type']).toContain('javascript');
  });
});
