/**
 * Hostile input on the API: SQL fragments, HTML and script in names, sort
 * and filter values outside their lists, oversize bodies and uploads, path
 * traversal in attachment names, password rules and the security headers.
 * The walks of every route (401, 404 to another business, 403 without the
 * permission) are in security-routes.test.ts.
 */
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { signIn, adminEmail } from '../helpers/auth.ts';
import { multipartFile } from '../helpers/contacts.ts';
import { addContact, sale } from '../helpers/ledger-api.ts';

describe.each(engines)('attacks on the API on %s', (engine) => {
  let t: TestApp;
  let contactId = '';

  beforeAll(async () => {
    t = await createTestApp(engine);
    contactId = await addContact(t, { name: 'Maison Secrète Durand' });
    const note = await t.api('POST', `/api/v1/contacts/${contactId}/notes`, { body: 'Note secrète' });
    expect(note.statusCode, note.body).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
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
    expect(Number(count.count)).toBe(2);
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
    const json = await t.api('POST', `/api/v1/contacts/${contactId}/notes`, { body: text });
    expect(json.statusCode).toBe(413);
    expect(json.json().code).toBe('payload_too_large');
    const file = multipartFile('énorme.pdf', Buffer.alloc(30 * 1024 * 1024, 1), 'application/pdf');
    const upload = await t.api('POST', `/api/v1/contacts/${contactId}/attachments`, file.payload, file.headers);
    expect(upload.statusCode).toBe(413);
    expect(upload.json().code).toBe('payload_too_large');
    const notes = await t.database.db.kysely.selectFrom('contact_notes').where('contact_id', '=', contactId).select('id').execute();
    expect(notes).toHaveLength(1);
    const attachments = await t.database.db.kysely.selectFrom('contact_attachments').select('id').execute();
    expect(attachments).toHaveLength(0);
  });

  it('attachment name cannot leave its folder', async () => {
    const file = multipartFile('../../../etc/passwd.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
    const res = await t.api('POST', `/api/v1/contacts/${contactId}/attachments`, file.payload, file.headers);
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
