/**
 * The permission that each API route declares, checked before the route
 * validates its input. Every route that is neither public nor listed below
 * as open to any signed-in user declares one. A signed-in user who lacks it
 * gets 403 `forbidden` for an invalid body or query, where a user who has
 * it gets the 422 of that input.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions, type Permission } from '../../src/auth/permissions.ts';
import { permissionsOf, type RoutePermission } from '../../src/auth/route-permission.ts';
import type { RouteEntry } from '../../src/server/app.ts';
import { translate } from '../../src/shared/messages.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

/** Routes that any signed-in user may call, whatever their role, each with the reason. */
const signedInRoutes: Record<string, string> = {
  'GET /api/v1/session': 'the caller’s own session, permissions and business',
  'PATCH /api/v1/session': 'the caller’s own name and language',
  'DELETE /api/v1/session': 'signing out',
  'POST /api/v1/session/password': 'the caller’s own password',
  'GET /api/v1/tokens': 'the caller’s own API tokens',
  'POST /api/v1/tokens': 'the caller’s own API tokens',
  'DELETE /api/v1/tokens/:id': 'the caller’s own API tokens',
  'GET /api/v1/locations': 'the location picker of every form',
  'GET /api/v1/locations/:id': 'the location picker of every form',
  'GET /api/v1/payment-methods': 'the payment methods that the till offers',
  'GET /api/v1/products': 'the catalogue that the till sells from',
  'GET /api/v1/products/:id': 'the catalogue that the till sells from',
  'GET /api/v1/products/export': 'the catalogue that the till sells from',
  'GET /api/v1/price-groups': 'the prices that the till applies',
  'GET /api/v1/price-groups/:id': 'the prices that the till applies',
  'GET /api/v1/customer-groups': 'the group discounts that the till applies',
  'GET /api/v1/customer-groups/:id': 'the group discounts that the till applies',
  'GET /api/v1/loyalty/settings': 'the loyalty rules that the till applies',
  'GET /api/v1/imports': 'lists only the imports the caller may read, their own at least',
  'GET /api/v1/imports/:id': 'an import the caller may not read returns 404',
  'GET /api/v1/imports/fields': 'the columns that an import file may have',
  'GET /api/v1/imports/template.xlsx': 'an empty import file',
};

const keyOf = (route: { method: string; url: string }) => `${route.method} ${route.url}`;

/** The API routes that the permission check covers: signed-in, documented, one entry per method. */
function gatedRoutes(routeList: readonly RouteEntry[]): RouteEntry[] {
  return routeList.filter((route) =>
    route.url.startsWith('/api/v1/') && !route.hidden && !route.open && route.method !== 'HEAD' && route.method !== 'OPTIONS');
}

describe('route permission declarations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('every signed-in route declares one', () => {
    const routes = gatedRoutes(t.app.routeList);
    expect(routes.length).toBeGreaterThan(150);
    const undeclared = routes
      .filter((route) => route.permission === null && !(keyOf(route) in signedInRoutes))
      .map(keyOf);
    expect(undeclared).toEqual([]);
  });

  it('signed-in list names only open routes', () => {
    const byKey = new Map(gatedRoutes(t.app.routeList).map((route) => [keyOf(route), route]));
    const unknown = Object.keys(signedInRoutes).filter((key) => !byKey.has(key));
    expect(unknown).toEqual([]);
    const declared = Object.keys(signedInRoutes).filter((key) => byKey.get(key)?.permission);
    expect(declared).toEqual([]);
  });

  it('declared permissions exist', () => {
    const unknown = t.app.routeList
      .flatMap((route) => (route.permission ? permissionsOf(route.permission) : []))
      .filter((name) => !permissions.includes(name));
    expect(unknown).toEqual([]);
  });
});

interface Case {
  /** Permissions of the user who must get 403, and the permission the 403 names. */
  lacking: { granted: Permission[]; named: Permission };
  /** Permission lists of users who must get 422: one per alternative of an `anyOf`. */
  holding: Permission[][];
}

/** Builds the users of one route's check from its declared permission. */
function casesOf(required: RoutePermission): Case {
  const listed = permissionsOf(required);
  const allBut = (left: readonly Permission[]) => permissions.filter((name) => !left.includes(name));
  if (typeof required === 'string') return { lacking: { granted: allBut([required]), named: required }, holding: [[required]] };
  if ('anyOf' in required) {
    return { lacking: { granted: allBut(listed), named: listed[0] as Permission }, holding: listed.map((name) => [name]) };
  }
  // With all but the last of the required permissions, the 403 names the last.
  const last = listed[listed.length - 1] as Permission;
  return { lacking: { granted: allBut([last]), named: last }, holding: [[...listed]] };
}

describe.each(engines)('permission before validation on %s', (engine) => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  let withBody: Set<string>;

  /** Returns the token of a user with exactly the permissions `granted`, creating one user per distinct list. */
  async function tokenFor(granted: readonly Permission[]): Promise<string> {
    const key = [...granted].sort().join(' ');
    const cached = tokens.get(key);
    if (cached) return cached;
    const { token } = await t.addUser([...granted], `Rôle ${tokens.size + 1}`);
    tokens.set(key, token);
    return token;
  }

  /**
   * Sends `route` an invalid request as the holder of `token`: a JSON body
   * that no object schema takes (a list) when the route documents a body,
   * else a query parameter that no route declares.
   */
  function sendInvalid(route: RouteEntry, token: string, language: string) {
    const path = route.url.replace(/:(\w+)/g, 'x');
    const documentedKey = `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`;
    const options: InjectOptions = withBody.has(documentedKey)
      ? { url: path, payload: [], headers: { 'content-type': 'application/json' } }
      : { url: `${path}?unknownParameter=1` };
    return t.app.inject({
      ...options,
      method: route.method as InjectOptions['method'],
      headers: { ...options.headers, authorization: `Bearer ${token}`, 'accept-language': language },
    });
  }

  beforeAll(async () => {
    t = await createTestApp(engine);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    withBody = new Set(Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).filter(([, op]) => op.requestBody !== undefined).map(([method]) => `${method.toUpperCase()} ${path}`)));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lacking permission gets 403 first', async () => {
    const routes = gatedRoutes(t.app.routeList).filter((route) => route.permission !== null);
    expect(routes.length).toBeGreaterThan(120);
    const wrong: string[] = [];
    for (const [index, route] of routes.entries()) {
      const { lacking } = casesOf(route.permission as RoutePermission);
      const language = index % 2 === 0 ? 'fr' : 'en';
      const res = await sendInvalid(route, await tokenFor(lacking.granted), language);
      const body = res.json() as { code?: string; permission?: string; detail?: string };
      const detail = translate('forbidden', language, { permission: lacking.named });
      if (res.statusCode !== 403 || body.code !== 'forbidden' || body.permission !== lacking.named || body.detail !== detail) {
        wrong.push(`${keyOf(route)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('holding permission gets 422', async () => {
    const routes = gatedRoutes(t.app.routeList).filter((route) => route.permission !== null);
    const wrong: string[] = [];
    for (const route of routes) {
      for (const granted of casesOf(route.permission as RoutePermission).holding) {
        const res = await sendInvalid(route, await tokenFor(granted), 'fr');
        if (res.statusCode !== 422) wrong.push(`${keyOf(route)} with ${granted.join(', ')} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('customer viewer gets 403 first', async () => {
    const viewer = await tokenFor(['customer.view']);
    const writes: Array<[string, string, Permission]> = [
      ['POST', '/api/v1/users', 'users.manage'],
      ['POST', '/api/v1/roles', 'users.manage'],
      ['POST', '/api/v1/sales', 'sale.create'],
      ['POST', '/api/v1/payments', 'payment.create'],
      ['POST', '/api/v1/products', 'product.manage'],
      ['POST', '/api/v1/customer-groups', 'pricing.manage'],
      ['PATCH', '/api/v1/business', 'settings.manage'],
      ['POST', '/api/v1/contacts', 'customer.create'],
      ['POST', '/api/v1/contacts/merge', 'contact.merge'],
    ];
    for (const [method, url, permission] of writes) {
      const res = await t.app.inject({
        method: method as InjectOptions['method'],
        url,
        payload: { unknownField: 'x' },
        headers: { authorization: `Bearer ${viewer}`, 'accept-language': 'en' },
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.json().permission, `${method} ${url}`).toBe(permission);
    }
  });

  it('admin gets 422 like a holder', async () => {
    const route = gatedRoutes(t.app.routeList).find((entry) => keyOf(entry) === 'POST /api/v1/users') as RouteEntry;
    const res = await sendInvalid(route, t.adminToken, 'fr');
    expect(res.statusCode).toBe(422);
  });
});
