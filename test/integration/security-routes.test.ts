/**
 * Walks every operation of the OpenAPI document (`/api/v1/openapi.json`).
 * Without a session each returns 401. A user of another business gets 404
 * and none of the owner's data for every path with an id. A role without
 * the permission an operation needs gets 403. Each operation is called with
 * a valid body, so the walk reaches the check instead of stopping at the
 * body's validation. An operation added later that the walk cannot cover
 * (an id it cannot fill, a body it has no sample of, a route open to every
 * role without being listed as such) makes a test fail with its name.
 */
import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardRoles } from '../../src/auth/businesses.ts';
import { permissions, type Permission } from '../../src/auth/permissions.ts';
import { SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { multipartFile } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, sale } from '../helpers/ledger-api.ts';
import { multipart } from '../helpers/transfer-files.ts';

interface Operation {
  method: string;
  path: string;
  security?: unknown[];
}

interface Response {
  statusCode: number;
  body: string;
  json(): any;
}

type Multipart = { payload: Buffer; headers: Record<string, string> };
type Owned = Record<string, string>;

/** Routes meant for callers who are not signed in yet: exactly these, no others. */
const publicRoutes = new Set([
  'GET /api/v1/health',
  'GET /api/v1/ready',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/session',
]);

/** Routes any signed-in user may call on their own account, whatever their role. */
const selfService = new Set([
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'POST /api/v1/session/password',
  'PATCH /api/v1/session',
  'GET /api/v1/permissions',
  'GET /api/v1/business',
  'GET /api/v1/locations',
  'GET /api/v1/payment-methods',
  'GET /api/v1/tokens',
  'POST /api/v1/tokens',
  'DELETE /api/v1/tokens/{id}',
]);

/**
 * Reads every signed-in user may make because the till needs them: the
 * catalogue, its prices and groups, the loyalty rules, the import field
 * list and template, and a user's own imports.
 */
const tillReads = new Set([
  'GET /api/v1/products',
  'GET /api/v1/products/{id}',
  'GET /api/v1/products/export',
  'GET /api/v1/price-groups',
  'GET /api/v1/price-groups/{id}',
  'GET /api/v1/customer-groups',
  'GET /api/v1/customer-groups/{id}',
  'GET /api/v1/loyalty/settings',
  'GET /api/v1/locations/{id}',
  'GET /api/v1/imports',
  'GET /api/v1/imports/{id}',
  'GET /api/v1/imports/fields',
  'GET /api/v1/imports/template.xlsx',
]);

/**
 * Path parameters that name something of the caller's own business (a
 * payment method code, a message channel), not a record of another one.
 * The walk fills them with a name every business has.
 */
const ownNames: Record<string, string> = { code: 'cash', channel: 'email' };

/** Query strings that routes require, so the walk reaches their checks. */
const requiredQueries: Record<string, (owned: Owned) => string> = {
  'GET /api/v1/contacts/lookup': () => '?q=ma',
  'GET /api/v1/reports/sales-by-customer-group': () => '?from=2024-01-01&to=2024-12-31',
  'GET /api/v1/message-templates/{id}/preview': (owned) => `?contactId=${owned.contacts}`,
};

const line = { description: 'Marchandises', quantity: 1, unitPrice: '10.00' };
const content = { channel: 'email', locale: 'fr', subject: 'Bonjour {{contact_name}}', html: '<p>{{contact_name}}</p>', text: '{{contact_name}}' };

/**
 * A valid body for each operation whose body `{}` does not satisfy, built
 * from the first business's records. Operations with a body and no entry
 * here are sent `{}`.
 */
const sampleBodies: Record<string, (owned: Owned) => unknown> = {
  'POST /api/v1/contacts': () => ({ type: 'customer', kind: 'business', businessName: 'Échantillon', mobile: '06 11 22 33 44' }),
  'POST /api/v1/contacts/merge': (owned) => ({ keepId: owned.contacts, mergeIds: [owned.spareContact] }),
  'POST /api/v1/contacts/{id}/discounts': () => ({ amount: '1.00', date: '2024-02-03', reason: 'geste commercial' }),
  'POST /api/v1/contacts/{id}/discounts/{discountId}/reverse': () => ({ reason: 'erreur de saisie' }),
  'POST /api/v1/contacts/{id}/loyalty/adjustments': () => ({ points: 5, reason: 'geste commercial' }),
  'POST /api/v1/contacts/{id}/notes': () => ({ body: 'Note' }),
  'POST /api/v1/contact-views': () => ({ name: 'Vue', filters: { type: 'customer' } }),
  'POST /api/v1/customer-groups': () => ({ name: 'Groupe', calculation: 'percentage', percentage: '5' }),
  'POST /api/v1/locations': () => ({ name: 'Dépôt' }),
  'PUT /api/v1/message-channels/email': () => ({ enabled: false, host: '127.0.0.1', port: 25, security: 'none', fromAddress: 'boutique@example.fr' }),
  'PUT /api/v1/message-channels/sms': () => ({ enabled: false, method: 'GET' }),
  'PUT /api/v1/message-channels/whatsapp': () => ({ enabled: false, method: 'GET' }),
  'POST /api/v1/message-channels/{channel}/test': () => ({ to: 'essai@example.fr' }),
  'POST /api/v1/message-templates': () => ({ event: 'payment_reminder', name: 'Modèle', contents: [content] }),
  'POST /api/v1/message-templates/preview': (owned) => ({ contactId: owned.contacts, event: 'manual', contents: [content] }),
  'POST /api/v1/messages': (owned) => ({ contactId: owned.contacts, channels: ['email'], texts: { email: { subject: 'Bonjour', text: 'Bonjour' } } }),
  'PUT /api/v1/open-items/{id}/dispute': () => ({ disputed: true }),
  'POST /api/v1/payment-methods': () => ({ label: 'Bon d’achat' }),
  'POST /api/v1/payments': (owned) => ({ contactId: owned.contacts, amount: '1.00', method: 'cash', date: '2024-02-03' }),
  'POST /api/v1/payments/{id}/reverse': () => ({ reason: 'erreur de saisie' }),
  'POST /api/v1/price-groups': () => ({ name: 'Tarif' }),
  'POST /api/v1/products': () => ({ sku: 'ECH-1', name: 'Produit', sellingPrice: '1.00' }),
  'POST /api/v1/purchases': (owned) => ({ contactId: owned.supplier, date: '2024-02-01', status: 'final', lines: [line] }),
  'PUT /api/v1/purchases/{id}': () => ({ date: '2024-02-01', lines: [line] }),
  'POST /api/v1/purchases/{id}/returns': (owned) => ({ date: '2024-02-05', lines: [{ lineId: owned.purchaseLine, quantity: 1 }] }),
  'POST /api/v1/refunds': (owned) => ({ contactId: owned.contacts, amount: '1.00', method: 'cash', date: '2024-02-03' }),
  'POST /api/v1/reminder-levels': (owned) => ({ name: 'J+5', timing: 'after_due', days: 5, templateId: owned['message-templates'], channels: ['email'] }),
  'PUT /api/v1/reminder-levels/{id}': (owned) => ({ name: 'J+6', timing: 'after_due', days: 6, templateId: owned['message-templates'], channels: ['email'] }),
  'POST /api/v1/roles': () => ({ name: 'Rôle', permissions: [] }),
  'POST /api/v1/sales': (owned) => ({ contactId: owned.contacts, date: '2024-02-01', status: 'final', lines: [line] }),
  'PATCH /api/v1/sales/{id}': (owned) => ({ contactId: owned.contacts }),
  'POST /api/v1/sales/quote': (owned) => ({ contactId: owned.contacts, lines: [line] }),
  'PUT /api/v1/sales/{id}': () => ({ date: '2024-02-01', lines: [line] }),
  'POST /api/v1/sales/{id}/returns': (owned) => ({ date: '2024-02-05', lines: [{ lineId: owned.saleLine, quantity: 1 }] }),
  'POST /api/v1/tokens': () => ({ name: 'Jeton' }),
  'POST /api/v1/users': (owned) => ({ name: 'Employé', email: 'employe.echantillon@example.fr', password: 'une phrase de passe solide', roleId: owned.roles }),
  'POST /api/v1/webhooks': () => ({ url: 'http://127.0.0.1:9/hook', events: ['contact.created'] }),
};

/** Multipart bodies, for the uploads. */
const sampleUploads: Record<string, () => Multipart> = {
  'POST /api/v1/contacts/{id}/attachments': () => multipartFile('devis.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf'),
  'POST /api/v1/imports': () => multipart(Buffer.from('Nom;Prénom;Mobile\nImporté;Client;0611223344\n'), 'contacts.csv', { dryRun: true }),
  'POST /api/v1/products/import': () => multipartFile('produits.csv', 'sku;name;sellingPrice\nIMP-1;Produit;1.00\n', 'text/csv'),
};

/**
 * Permissions that stand in for each other on some routes: the contact
 * routes take the customer or the supplier one (each for its own type of
 * contact), and the template reads take message.send as well as
 * message.templates. A role without the permission an operation names lacks
 * its whole group.
 */
const permissionGroups: readonly (readonly string[])[] = [
  ['customer.view', 'supplier.view', 'customer.view_own', 'supplier.view_own'],
  ['customer.create', 'supplier.create'],
  ['customer.update', 'supplier.update'],
  ['customer.delete', 'supplier.delete'],
  ['message.templates', 'message.send'],
];

const keyOf = (op: { method: string; path: string }) => `${op.method} ${op.path}`;

describe.each(engines)('every route on %s', (engine) => {
  let t: TestApp;
  let operations: Operation[];
  /** Ids of the first business's records, by the path parameter or the collection segment before `{id}`. */
  const owned: Owned = {};
  const contactName = 'Maison Secrète Durand';

  /** Calls as the holder of `token`, with a JSON body or a multipart upload. */
  const callAs = (token: string) => (method: string, url: string, body?: unknown): Promise<Response> => {
    const upload = body && typeof body === 'object' && 'payload' in body ? (body as Multipart) : null;
    return t.app.inject({
      method: method as InjectOptions['method'],
      url,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr', ...(upload?.headers ?? {}) },
      ...(upload ? { payload: upload.payload } : body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
  };

  /** Returns the body the walk sends to `op`: undefined for GET and DELETE. */
  function bodyFor(op: Operation): unknown {
    const key = keyOf(op);
    if (sampleUploads[key]) return sampleUploads[key]();
    if (sampleBodies[key]) return sampleBodies[key](owned);
    if (op.method === 'GET' || op.method === 'DELETE') return undefined;
    return {};
  }

  /** Fills a path with the first business's ids; returns the parameters it could not fill. */
  function ownedPath(path: string): { url: string; missing: string[] } {
    const missing: string[] = [];
    const url = path.replace(/(?:\/([a-z-]+))?\/\{([^}]+)\}/g, (_, collection: string | undefined, param: string) => {
      const value = ownNames[param] ?? (param === 'id' ? owned[collection ?? ''] : owned[param]);
      if (!value) missing.push(`{${param}}`);
      return `${collection ? `/${collection}` : ''}/${encodeURIComponent(value ?? 'x')}`;
    });
    return { url, missing };
  }

  function urlOf(op: Operation): string {
    return `${ownedPath(op.path).url}${requiredQueries[keyOf(op)]?.(owned) ?? ''}`;
  }

  const isOwnName = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].every((match) => ownNames[match[1] as string]);

  beforeAll(async () => {
    // PostgreSQL stores the webhook secret only with a key from the environment.
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    t = await createTestApp(engine);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, security: op.security })),
    );

    const created = async (key: string, url: string, body: unknown) => {
      const res = await t.api('POST', url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      owned[key] = res.json().id;
      return res.json();
    };
    owned.contacts = await addContact(t, { name: contactName });
    owned.spareContact = await addContact(t, { name: 'Maison Secrète Bis' });
    const card = await t.api('PATCH', `/api/v1/contacts/${owned.contacts}`, { loyaltyCardNumber: 'SECRET-4242' });
    expect(card.statusCode, card.body).toBe(200);
    owned.number = 'SECRET-4242';
    const sold = await sale(t, owned.contacts, '2024-02-01', '80.00');
    owned.sales = sold.id;
    owned.saleLine = sold.lines[0].id;
    owned.payments = (await pay(t, { contactId: owned.contacts, amount: '20.00', date: '2024-02-02' })).id;
    owned.supplier = await addContact(t, { name: 'Fournisseur Secret', type: 'supplier' });
    const bought = await created('purchases', '/api/v1/purchases', { contactId: owned.supplier, date: '2024-02-01', status: 'final', lines: [line] });
    owned.purchaseLine = bought.lines[0].id;
    await created('noteId', `/api/v1/contacts/${owned.contacts}/notes`, { body: 'Note secrète' });
    await created('discountId', `/api/v1/contacts/${owned.contacts}/discounts`, { amount: '2.00', date: '2024-02-03', reason: 'geste' });
    const attachment = multipartFile('secret.pdf', '%PDF-1.4\n%%EOF\n', 'application/pdf');
    const attached = await t.api('POST', `/api/v1/contacts/${owned.contacts}/attachments`, attachment.payload, attachment.headers);
    expect(attached.statusCode, attached.body).toBe(201);
    owned.attachmentId = attached.json().id;
    await created('contact-views', '/api/v1/contact-views', { name: 'Vue secrète', filters: { type: 'customer' } });
    await created('customer-groups', '/api/v1/customer-groups', { name: 'Groupe secret', calculation: 'percentage', percentage: '5' });
    await created('products', '/api/v1/products', { sku: 'SECRET-1', name: 'Produit secret', sellingPrice: '5.00' });
    await created('price-groups', '/api/v1/price-groups', { name: 'Tarif secret' });
    await created('roles', '/api/v1/roles', { name: 'Rôle secret', permissions: ['customer.view'] });
    await created('webhooks', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['contact.created'] });
    await created('tokens', '/api/v1/tokens', { name: 'Jeton secret' });
    await created('locations', '/api/v1/locations', { name: 'Dépôt secret' });
    const templates = await t.api('GET', '/api/v1/message-templates?event=payment_reminder');
    owned['message-templates'] = templates.json().items[0].id;
    await created('reminder-levels', '/api/v1/reminder-levels', { name: 'J+3', timing: 'after_due', days: 3, templateId: owned['message-templates'], channels: ['email'] });
    owned['open-items'] = (await t.api('GET', `/api/v1/contacts/${owned.contacts}/open-items`)).json().items[0].id;
    owned.users = t.business.adminUserId;
    // The webhook queues a message for each new contact.
    await addContact(t, { name: 'Maison Secrète Ter' });
    owned.messages = (await t.api('GET', '/api/v1/messages')).json().items[0].id;
    const upload = multipart(Buffer.from('Nom;Prénom;Mobile\nSecret;Client;0612345678\n'), 'secret.csv', { dryRun: true });
    const previewed = await t.api('POST', '/api/v1/imports', upload.payload, upload.headers);
    expect(previewed.statusCode, previewed.body).toBe(201);
    owned.imports = previewed.json().id;
  });

  afterAll(async () => {
    delete process.env[SECRET_KEY_VARIABLE];
    await t?.close();
  });

  it('answers 401 without a session or token', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      if (publicRoutes.has(keyOf(op))) continue;
      const res = await t.app.inject({
        method: op.method as 'GET',
        url: op.path.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000000'),
        headers: { 'accept-language': 'en' },
        ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: {} }),
      });
      if (res.statusCode !== 401 || res.json().code !== 'not_authenticated') wrong.push(`${keyOf(op)} → ${res.statusCode}`);
    }
    expect(operations.length).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });

  it('opens only the sign-in, setup and health routes to everyone', () => {
    const open = operations.filter((op) => Array.isArray(op.security) && op.security.length === 0).map(keyOf);
    expect(open.sort()).toEqual([...publicRoutes].sort());
  });

  it('answers 401 to a made-up bearer token', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET' && !publicRoutes.has(keyOf(o)))) {
      const res = await t.app.inject({ method: 'GET', url: op.path.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000000'), headers: { authorization: 'Bearer not-a-real-token' } });
      if (res.statusCode !== 401) wrong.push(`GET ${op.path} → ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('route lists name documented routes', () => {
    const documented = new Set(operations.map(keyOf));
    const listed = [...publicRoutes, ...selfService, ...tillReads, ...Object.keys(sampleBodies), ...Object.keys(sampleUploads), ...Object.keys(requiredQueries)];
    expect(listed.filter((key) => !documented.has(key))).toEqual([]);
  });

  it('walk fills every path parameter', () => {
    const unfilled = operations
      .map((op) => ({ key: keyOf(op), missing: ownedPath(op.path).missing }))
      .filter((entry) => entry.missing.length > 0)
      .map((entry) => `${entry.key}: no record for ${entry.missing.join(', ')}`);
    expect(unfilled).toEqual([]);
  });

  it('another business gets 404 for every id', async () => {
    const other = await t.addBusiness('Concurrent Indiscret');
    const call = callAs(other.token);
    const ids = Object.values(owned).filter((value) => value.length > 20);
    const before = await t.database.db.kysely.selectFrom('contacts').where('business_id', '=', t.business.businessId).selectAll().orderBy('id').execute();
    const wrong: string[] = [];
    let walked = 0;
    for (const op of operations.filter((o) => o.path.includes('{') && !isOwnName(o.path))) {
      walked += 1;
      const url = urlOf(op);
      const res = await call(op.method, url, bodyFor(op));
      if (res.statusCode !== 404) wrong.push(`${keyOf(op)} → ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (res.body.includes(contactName)) wrong.push(`${keyOf(op)} shows the contact's name`);
      const leaked = ids.filter((id) => res.body.includes(id) && !url.includes(id));
      if (leaked.length > 0) wrong.push(`${keyOf(op)} shows ${leaked.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    expect(walked).toBeGreaterThan(80);
    const after = await t.database.db.kysely.selectFrom('contacts').where('business_id', '=', t.business.businessId).selectAll().orderBy('id').execute();
    expect(after).toEqual(before);
  });

  it('another business lists none of the owned records', async () => {
    const other = await t.addBusiness('Concurrent Curieux');
    const call = callAs(other.token);
    const ids = Object.values(owned).filter((value) => value.length > 20);
    const leaks: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const res = await call('GET', `${op.path}${requiredQueries[keyOf(op)]?.(owned) ?? ''}`);
      const found = ids.filter((id) => res.body.includes(id));
      if (found.length > 0 || res.body.includes(contactName)) leaks.push(`GET ${op.path} shows ${found.join(', ') || contactName}`);
    }
    expect(leaks).toEqual([]);
  });

  it('role without the permission gets 403', async () => {
    const { token: noneToken } = await t.addUser([], 'Sans droits');
    const { token: viewToken } = await t.addUser(['customer.view', 'supplier.view'], 'Lecteur');
    const none = callAs(noneToken);
    const viewer = callAs(viewToken);
    const allBut = new Map<string, ReturnType<typeof callAs>>();
    const withoutPermissions = async (left: readonly string[]) => {
      const name = left.join(' ');
      const cached = allBut.get(name);
      if (cached) return cached;
      const { token } = await t.addUser(permissions.filter((p) => !left.includes(p)), `Sans ${name}`);
      allBut.set(name, callAs(token));
      return allBut.get(name) as ReturnType<typeof callAs>;
    };
    const viewPermissions = new Set<string>(['customer.view', 'supplier.view', 'customer.view_own', 'supplier.view_own']);
    const withoutGroup = (permission: Permission) => permissionGroups.find((group) => group.includes(permission)) ?? [permission];

    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const key = keyOf(op);
      if (publicRoutes.has(key) || selfService.has(key) || tillReads.has(key)) continue;
      const url = urlOf(op);
      let res = await none(op.method, url, bodyFor(op));
      // A contact, and the import of another user, stay out of sight without a view permission: 404.
      if (res.statusCode === 404 && /^\/api\/v1\/(contacts|imports)\//.test(op.path)) {
        res = await viewer(op.method, url, bodyFor(op));
        if (res.statusCode < 300) continue;
      }
      if (res.statusCode !== 403) {
        wrong.push(`${key} without permissions → ${res.statusCode} ${res.body.slice(0, 160)}`);
        continue;
      }
      const permission = res.json().permission as Permission;
      if (res.json().code !== 'forbidden' || !permissions.includes(permission)) {
        wrong.push(`${key} → 403 with ${res.body.slice(0, 160)}`);
        continue;
      }
      const left = withoutGroup(permission);
      const denied = await (await withoutPermissions(left))(op.method, url, bodyFor(op));
      checked += 1;
      const hidden = denied.statusCode === 404 && viewPermissions.has(permission);
      if (!hidden && (denied.statusCode !== 403 || !left.includes(denied.json().permission))) {
        wrong.push(`${key} with every permission but ${left.join(', ')} → ${denied.statusCode} ${denied.body.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('standard roles get 403 beyond their permissions', async () => {
    // Neither standard role manages settings, users, messages, prices or loyalty settings.
    const adminOnly = [
      'GET /api/v1/users',
      'GET /api/v1/roles',
      'GET /api/v1/webhooks',
      'GET /api/v1/message-channels',
      'GET /api/v1/reminder-levels',
      `DELETE /api/v1/roles/${owned.roles}`,
      `GET /api/v1/users/${owned.users}`,
      `DELETE /api/v1/products/${owned.products}`,
      `DELETE /api/v1/webhooks/${owned.webhooks}`,
      `DELETE /api/v1/customer-groups/${owned['customer-groups']}`,
    ];
    for (const role of standardRoles) {
      const { token } = await t.addUser(role.permissions, role.name.en);
      const call = callAs(token);
      const wrong: string[] = [];
      for (const entry of adminOnly) {
        const [method, url] = entry.split(' ') as [string, string];
        const res = await call(method, url);
        if (res.statusCode !== 403) wrong.push(`${entry} → ${res.statusCode}`);
      }
      expect(wrong, role.key).toEqual([]);
      const reverse = await call('POST', `/api/v1/payments/${owned.payments}/reverse`, { reason: 'essai' });
      expect(reverse.statusCode, `${role.key}: ${reverse.body}`).toBe(role.permissions.includes('payment.reverse') ? 200 : 403);
    }
    const rows = await t.database.db.kysely.selectFrom('roles').where('id', '=', owned.roles as string).select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('never answers 500 to an unknown id', async () => {
    const failed: string[] = [];
    for (const op of operations.filter((o) => o.path.includes('{'))) {
      const res = await callAs(t.adminToken)(op.method, op.path.replace(/\{[^}]+\}/g, '01900000-0000-7000-8000-000000000000'), bodyFor(op));
      if (res.statusCode >= 500) failed.push(`${keyOf(op)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failed).toEqual([]);
  });
});
