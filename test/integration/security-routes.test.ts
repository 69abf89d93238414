/**
 * Walks every documented API route: without a session each answers 401
 * with a problem document, and a cookie session without the CSRF header
 * cannot change anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/** Routes meant for callers who are not signed in yet: exactly these, no others. */
const publicRoutes = new Set([
  'GET /api/v1/health',
  'GET /api/v1/ready',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/session',
]);

function isDocumentedPublic(op: { security?: unknown[] }): boolean {
  return Array.isArray(op.security) && op.security.length === 0;
}

const unknownId = '01900000-0000-7000-8000-000000000000';

interface Operation {
  method: string;
  path: string;
}

async function documentedOperations(t: TestApp): Promise<Operation[]> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

function concrete(path: string): string {
  return path.replace(/\{[^}]+\}/g, unknownId);
}

describe('every route', () => {
  let t: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    operations = await documentedOperations(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 without a session or token', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (publicRoutes.has(key)) continue;
      const res = await t.app.inject({
        method: op.method as 'GET',
        url: concrete(op.path),
        headers: { 'accept-language': 'en' },
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 401 || res.json().code !== 'not_authenticated') wrong.push(`${key} → ${res.statusCode}`);
    }
    expect(operations.length).toBeGreaterThan(20);
    expect(wrong).toEqual([]);
  });

  it('opens only the sign-in, setup and health routes to everyone', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const open = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).filter(([, op]) => isDocumentedPublic(op)).map(([m]) => `${m.toUpperCase()} ${path}`),
    );
    expect(open.sort()).toEqual([...publicRoutes].sort());
  });

  it('answers 401 to a revoked or made-up bearer token', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET' && !publicRoutes.has(`GET ${o.path}`))) {
      const res = await t.app.inject({
        method: 'GET',
        url: concrete(op.path),
        headers: { authorization: 'Bearer not-a-real-token' },
      });
      if (res.statusCode !== 401) wrong.push(`GET ${op.path} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('never answers 500 to an unknown id', async () => {
    const failed: string[] = [];
    for (const op of operations.filter((o) => o.path.includes('{'))) {
      const res = await t.api(op.method as 'GET', concrete(op.path), op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
      if (res.statusCode >= 500) failed.push(`${op.method} ${op.path} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failed).toEqual([]);
  });
});
