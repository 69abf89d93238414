/**
 * Attacks on the API, walked from the OpenAPI document where they concern
 * every route: another business's ids (404, nothing of theirs in any
 * response), a user without permissions and the standard roles on routes
 * beyond their rights (403), then hostile text, sort and filter values,
 * oversize bodies, password rules and the security headers.
 */
import type { InjectOptions } from 'fastify';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardRoles } from '../../src/auth/businesses.ts';
import { asToken, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { signIn, adminEmail } from '../helpers/auth.ts';
import { multipartFile } from '../helpers/contacts.ts';
import { addContact, pay, sale } from '../helpers/ledger-api.ts';

interface Operation {
  method: string;
  path: string;
}

type Call = (method: InjectOptions['method'], url: string, body?: unknown) => Promise<{ statusCode: number; body: string; json(): any }>;

const bodyless = (method: string) => method === 'GET' || method === 'DELETE';

/** Routes any signed-in user may call on their own account, whatever their role. */
const selfService = new Set([
  'GET /api/v1/session',
  'DELETE /api/v1/session',
  'PUT /api/v1/session/password',
  'POST /api/v1/session/password',
  'PATCH /api/v1/session',
  'GET /api/v1/permissions',
  'GET /api/v1/business',
  'GET /api/v1/locations',
  'GET /api/v1/payment-methods',
  'GET /api/v1/openapi.json',
  'GET /api/v1/health',
  'GET /api/v1/ready',
  'GET /api/v1/tokens',
  'DELETE /api/v1/tokens/{id}',
  'GET /api/v1/setup',
  'POST /api/v1/setup',
  'POST /api/v1/session',
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
  'GET /api/v1/imports/fields',
  'GET /api/v1/imports/template.xlsx',
]);

/** Query strings that routes require, so the walk reaches their permission check. */
const requiredQueries: Record<string, string> = {
  '/api/v1/contacts/lookup': '?q=ma',
  '/api/v1/reports/sales-by-customer-group': '?from=2024-01-01&to=2024-12-31',
};

describe('attacks on the API', () => {
  let t: TestApp;
  let operations: Operation[];
  /** Ids of the first business's records, by the collection segment that names them in a path. */
  const owned: Record<string, string> = {};
  let contactName = '';
  let otherCall: Call;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })));

    contactName = 'Maison Secrète Durand';
    owned.contacts = await addContact(t, { name: contactName });
    const sold = await sale(t, owned.contacts, '2024-02-01', '80.00');
    owned.sales = sold.id;
    owned.payments = (await pay(t, { contactId: owned.contacts, amount: '20.00', date: '2024-02-02' })).id;
    owned.purchases = (await (async () => {
      const supplier = await addContact(t, { name: 'Fournisseur Secret', type: 'supplier' });
      const res = await t.api('POST', '/api/v1/purchases', { contactId: supplier, date: '2024-02-01', status: 'final', lines: [{ description: 'Stock', quantity: 1, unitPrice: '10.00' }] });
      return res.json().id as string;
    })());
    const created = async (key: string, url: string, body: unknown) => {
      const res = await t.api('POST', url, body);
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      owned[key] = res.json().id;
    };
    await created('notes', `/api/v1/contacts/${owned.contacts}/notes`, { body: 'Note secrète' });
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

    const other = await t.addBusiness('Concurrent Indiscret');
    otherCall = asToken(t, other.token);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Fills a path's parameters with the first business's ids; null when a parameter has none. */
  function ownedPath(path: string): string | null {
    let missing = false;
    const filled = path.replace(/\/([a-z-]+)\/\{([^}]+)\}/g, (_, collection: string, param: string) => {
      let id: string | undefined;
      if (param === 'id') id = owned[collection];
      if (param === 'noteId') id = owned.notes;
      if (!id) missing = true;
      return `/${collection}/${id}`;
    });
    return missing || filled.includes('{') ? null : filled;
  }

  it('another business gets 404 for every owned id', async () => {
    const leaks: string[] = [];
    let walked = 0;
    const before = await t.database.db.kysely.selectFrom('contacts').where('id', '=', owned.contacts as string).selectAll().executeTakeFirstOrThrow();
    for (const op of operations) {
      const url = ownedPath(op.path);
      if (!url || !op.path.includes('{')) continue;
      walked += 1;
      const query = op.path.endsWith('/preview') ? `?contactId=${owned.contacts}` : '';
      const res = await otherCall(op.method as 'GET', `${url}${query}`, bodyless(op.method) ? undefined : {});
      // A body route may reject the empty body before it looks the id up.
      const allowed = bodyless(op.method) ? [404] : [404, 400, 422];
      if (!allowed.includes(res.statusCode)) leaks.push(`${op.method} ${op.path} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      if (res.body.includes(contactName)) leaks.push(`${op.method} ${op.path} shows the contact name`);
    }
    expect(leaks).toEqual([]);
    expect(walked).toBeGreaterThan(40);
    const after = await t.database.db.kysely.selectFrom('contacts').where('id', '=', owned.contacts as string).selectAll().executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });

  it('another business lists none of the owned records', async () => {
    const leaks: string[] = [];
    const ids = Object.values(owned);
    for (const op of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const res = await otherCall('GET', op.path);
      const found = ids.filter((id) => res.body.includes(id));
      if (found.length > 0 || res.body.includes(contactName)) leaks.push(`GET ${op.path} shows ${found.join(', ') || contactName}`);
    }
    expect(leaks).toEqual([]);
  });

  it('user without permissions gets 403', async () => {
    const { token } = await t.addUser([], 'Sans droits');
    const call = asToken(t, token);
    const wrong: string[] = [];
    let forbidden = 0;
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      if (selfService.has(key) || tillReads.has(key)) continue;
      const url = ownedPath(op.path) ?? op.path.replace(/\{[^}]+\}/g, owned.contacts as string);
      const query = requiredQueries[op.path] ?? (op.path.endsWith('/preview') ? `?contactId=${owned.contacts}` : '');
      const res = await call(op.method as 'GET', `${url}${query}`, bodyless(op.method) ? undefined : {});
      if (res.statusCode === 403) {
        forbidden += 1;
        if (res.json().code !== 'forbidden') wrong.push(`${key} → 403 with code ${res.json().code}`);
        continue;
      }
      // Body routes validate their body first; an empty body is a 400 or 422 before the permission check.
      if (!bodyless(op.method) && (res.statusCode === 400 || res.statusCode === 422)) continue;
      // Without a contact permission a contact's records, and the imports of others, are not visible: 404.
      if (res.statusCode === 404 && /^\/api\/v1\/(contacts|imports)\//.test(op.path)) continue;
      wrong.push(`${key} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(forbidden).toBeGreaterThan(40);
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
      const call = asToken(t, token);
      const wrong: string[] = [];
      for (const entry of adminOnly) {
        const [method, url] = entry.split(' ') as [string, string];
        const res = await call(method as 'GET', url);
        if (res.statusCode !== 403) wrong.push(`${entry} → ${res.statusCode}`);
      }
      expect(wrong, role.key).toEqual([]);
      const reverse = await call('POST', `/api/v1/payments/${owned.payments}/reverse`, { reason: 'essai' });
      expect(reverse.statusCode, `${role.key}: ${reverse.body}`).toBe(role.permissions.includes('payment.reverse') ? 200 : 403);
    }
    const rows = await t.database.db.kysely.selectFrom('roles').where('id', '=', owned.roles as string).select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('SQL fragments are stored and searched as text', async () => {
    const hostile = "Robert'); DROP TABLE contacts;--";
    const id = await addContact(t, { name: hostile });
    const read = await t.api('GET', `/api/v1/contacts/${id}`);
    expect(read.json().businessName).toBe(hostile);
    for (const q of [hostile, "' OR 1=1 --", '%', '_', '"*"', 'NEAR(a b)']) {
      const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
      if (q === "' OR 1=1 --" || q === '%' || q === '_') expect(res.json().items.length, q).toBeLessThan(3);
    }
    const found = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('Robert')}`);
    expect(found.json().items.map((item: { id: string }) => item.id)).toContain(id);
    const count = await t.database.db.kysely.selectFrom('contacts').select(({ fn }) => fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(Number(count.count)).toBeGreaterThan(2);
  });

  it('script in a name stays text everywhere', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const id = await addContact(t, { name: `=HYPERLINK("http://x") ${hostile}` });
    await sale(t, id, '2024-03-01', '12.00');

    const preview = await t.api('POST', '/api/v1/message-templates/preview', {
      event: 'manual',
      contactId: id,
      contents: [{ channel: 'email', locale: 'fr', subject: 'Bonjour {{contact_name}}', html: '<p>{{contact_name}}</p>', text: '{{contact_name}}' }],
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const html = preview.json().items[0].html as string;
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');

    const pdf = await t.api('GET', `/api/v1/contacts/${id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = (await new PDFParse({ data: new Uint8Array(pdf.rawPayload) }).getText()).text;
    expect(text.replace(/\s+/g, '')).toContain('<script>alert(1)</script>');

    const csv = await t.api('GET', `/api/v1/contacts/${id}/ledger.csv`);
    expect(csv.statusCode).toBe(200);
    const exported = await t.api('GET', '/api/v1/contacts/export?format=csv');
    expect(exported.statusCode, exported.body.slice(0, 200)).toBe(200);
    // A cell that a spreadsheet would run as a formula starts with a quote.
    expect(exported.body).not.toMatch(/(^|[;,\n])"?=HYPERLINK/);
    expect(exported.body).toContain("'=HYPERLINK");
  });

  it('sort and filter outside their lists are 422', async () => {
    for (const query of ['sort=password_hash', 'order=sideways', 'type=admin', 'limit=100000', 'status=deleted']) {
      const res = await t.api('GET', `/api/v1/contacts?${query}`, undefined, { 'accept-language': 'en' });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(422);
      expect(res.json().code).toBe('validation_failed');
      const value = query.split('=')[1] as string;
      if (query.startsWith('sort') || query.startsWith('order') || query.startsWith('type')) {
        expect(JSON.stringify(res.json().errors), query).toContain(value);
      }
    }
    const sales = await t.api('GET', "/api/v1/sales?status=final';drop", undefined, { 'accept-language': 'en' });
    expect(sales.statusCode, sales.body).toBe(422);
    expect(sales.json().errors[0].message).toContain("final';drop");
  });

  it('oversize bodies and uploads are 413', async () => {
    const text = 'x'.repeat(2 * 1024 * 1024);
    const json = await t.api('POST', `/api/v1/contacts/${owned.contacts}/notes`, { body: text });
    expect(json.statusCode).toBe(413);
    expect(json.json().code).toBe('payload_too_large');
    const file = multipartFile('énorme.pdf', Buffer.alloc(30 * 1024 * 1024, 1), 'application/pdf');
    const upload = await t.api('POST', `/api/v1/contacts/${owned.contacts}/attachments`, file.payload, file.headers);
    expect(upload.statusCode).toBe(413);
    expect(upload.json().code).toBe('payload_too_large');
    const notes = await t.database.db.kysely.selectFrom('contact_notes').where('contact_id', '=', owned.contacts as string).select('id').execute();
    expect(notes).toHaveLength(1);
    const attachments = await t.database.db.kysely.selectFrom('contact_attachments').select('id').execute();
    expect(attachments).toHaveLength(0);
  });

  it('attachment name cannot leave its folder', async () => {
    const file = multipartFile('../../../etc/passwd.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const res = await t.api('POST', `/api/v1/contacts/${owned.contacts}/attachments`, file.payload, file.headers);
    expect(res.statusCode, res.body).toBeLessThan(500);
    if (res.statusCode === 201) {
      expect(res.json().fileName).not.toContain('/');
      expect(res.json().fileName).not.toContain('..');
    } else {
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('password change enforces the rules', async () => {
    const session = await signIn(t, await adminEmail(t), TEST_PASSWORD);
    for (const newPassword of ['court', '12345678', 'aaaaaaaaaaaa', '']) {
      const res = await session.call('POST', '/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res.statusCode, `${newPassword}: ${res.body}`).toBe(422);
      expect(res.json().errors[0].path).toBe('newPassword');
    }
    const wrongCurrent = await session.call('POST', '/api/v1/session/password', { currentPassword: 'pas le bon', newPassword: 'un tout autre mot de passe' });
    expect(wrongCurrent.statusCode).toBe(422);
    expect(wrongCurrent.json().errors[0].path).toBe('currentPassword');
  });

  it('security headers come with every response', async () => {
    for (const url of ['/api/v1/health', '/', '/contacts']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy'] ?? '');
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toMatch(/frame-ancestors 'none'|frame-ancestors 'self'/);
      expect(csp, url).not.toContain("'unsafe-eval'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBeDefined();
      expect(res.headers['x-powered-by'], url).toBeUndefined();
    }
  });
});
