import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutbox } from '../../src/messages/run-outbox.ts';
import { SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { verifySignature } from '../../src/messages/webhook-signature.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { issueAt } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { type HttpCapture, startHttpServer } from '../helpers/messaging.ts';

describe.each(engines)('webhooks on %s', (engine) => {
  let t: TestApp;
  let receiver: HttpCapture;
  let hook: { id: string; secret: string };

  const outbox = (now?: Date) => runOutbox(t.database.db, { businessId: t.business.businessId, ...(now ? { now: () => now } : {}) });

  beforeAll(async () => {
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    t = await createTestApp(engine);
    receiver = await startHttpServer();
    const res = await t.api('POST', '/api/v1/webhooks', {
      url: `${receiver.url}/hook`,
      events: ['contact.created', 'sale.finalised', 'payment.recorded', 'balance.changed'],
      description: 'Comptabilité',
    });
    expect(res.statusCode, res.body).toBe(201);
    hook = res.json();
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
    delete process.env[SECRET_KEY_VARIABLE];
  });

  it('registration fetches nothing and seals the secret', async () => {
    expect(receiver.requests).toHaveLength(0);
    expect(hook.secret).toMatch(/^whsec_/);
    const row = await t.database.db.kysely.selectFrom('webhooks').where('id', '=', hook.id).selectAll().executeTakeFirstOrThrow();
    expect(row.secret).not.toContain(hook.secret);
    const read = await t.api('GET', `/api/v1/webhooks/${hook.id}`);
    expect(read.json().secret).toBeUndefined();
  });

  it('only http and https URLs are accepted', async () => {
    for (const url of ['ftp://127.0.0.1/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'pas une adresse']) {
      const res = await t.api('POST', '/api/v1/webhooks', { url, events: ['contact.created'] });
      expect(res.statusCode, url).toBe(422);
      expect(issueAt(res.json(), 'url')?.code).toBe('invalid_url');
    }
  });

  it('delivery is signed over the raw body', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      type: 'customer',
      kind: 'business',
      businessName: 'Boulangerie Dupain',
      mobile: '06 98 76 54 32',
    });
    expect(created.statusCode, created.body).toBe(201);
    const result = await outbox();
    expect(result.sent).toBe(1);
    await receiver.waitFor(1);

    const request = receiver.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/hook');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-comptoir-event']).toBe('contact.created');
    const signature = request?.headers['x-comptoir-signature'] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(hook.secret, request?.body ?? '', signature)).toBe(true);
    expect(verifySignature(hook.secret, `${request?.body} `, signature)).toBe(false);
    expect(verifySignature('whsec_wrong', request?.body ?? '', signature)).toBe(false);
    const timestamp = Number(request?.headers['x-comptoir-timestamp']);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(120);

    const body = JSON.parse(request?.body ?? '{}');
    expect(body.type).toBe('contact.created');
    expect(body.businessId).toBe(t.business.businessId);
    expect(body.data).toMatchObject({ contactId: created.json().id, name: 'Boulangerie Dupain', type: 'customer' });
  });

  it('sale reports itself and the new balance', async () => {
    const contact = await t.api('POST', '/api/v1/contacts', {
      type: 'customer',
      kind: 'business',
      businessName: 'Café du Port',
      mobile: '06 98 76 54 33',
    });
    const before = receiver.requests.length;
    const sale = await t.api('POST', '/api/v1/sales', {
      contactId: contact.json().id,
      date: '2024-03-01',
      status: 'final',
      lines: [{ description: 'Café', quantity: 2, unitPrice: '12.25' }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    await outbox();
    await receiver.waitFor(before + 3);
    const events = receiver.requests.slice(before).map((r) => JSON.parse(r.body));
    const byType = Object.fromEntries(events.map((e) => [e.type, e.data]));
    expect(Object.keys(byType).sort()).toEqual(['balance.changed', 'contact.created', 'sale.finalised']);
    expect(byType['sale.finalised']).toMatchObject({ documentId: sale.json().id, total: '24.50', currency: 'EUR' });
    expect(byType['balance.changed']).toMatchObject({ contactId: contact.json().id, balance: '24.50' });
  });

  it('failed delivery is retried and logged', async () => {
    receiver.status = 500;
    await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Épicerie Fine', mobile: '06 98 76 54 34' });
    const first = await outbox();
    expect(first.retried).toBe(1);
    const deliveries = await t.api('GET', `/api/v1/webhooks/${hook.id}/deliveries`);
    expect(deliveries.statusCode, deliveries.body).toBe(200);
    const [latest] = deliveries.json().items;
    expect(latest.status).toBe('queued');
    expect(latest.lastError).toBe('webhook response was HTTP 500');

    receiver.status = 200;
    await outbox(new Date(Date.now() + 5 * 60_000));
    const detail = await t.api('GET', `/api/v1/messages/${latest.id}`);
    expect(detail.json().status).toBe('sent');
    expect(detail.json().attemptLog.map((a: { outcome: string; responseStatus: number }) => [a.outcome, a.responseStatus])).toEqual([
      ['error', 500],
      ['sent', 200],
    ]);
  });

  it('deleted webhook deliveries are cancelled', async () => {
    const other = await t.api('POST', '/api/v1/webhooks', { url: `${receiver.url}/other`, events: ['contact.created'] });
    await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Fromagerie', mobile: '06 98 76 54 35' });
    expect((await t.api('DELETE', `/api/v1/webhooks/${other.json().id}`)).statusCode).toBe(204);
    const before = receiver.requests.length;
    const result = await outbox();
    expect(result.cancelled).toBe(1);
    expect(receiver.requests.slice(before).some((r) => r.url === '/other')).toBe(false);
  });

  it('switched-off webhook gets no new deliveries', async () => {
    const off = await t.api('PATCH', `/api/v1/webhooks/${hook.id}`, { isActive: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().isActive).toBe(false);
    const before = await t.database.db.kysely.selectFrom('messages').where('webhook_id', '=', hook.id).select('id').execute();
    await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Primeur', mobile: '06 98 76 54 36' });
    const after = await t.database.db.kysely.selectFrom('messages').where('webhook_id', '=', hook.id).select('id').execute();
    expect(after).toHaveLength(before.length);
    await t.api('PATCH', `/api/v1/webhooks/${hook.id}`, { isActive: true });
  });

  it('change of description keeps it off', async () => {
    await t.api('PATCH', `/api/v1/webhooks/${hook.id}`, { isActive: false });
    const described = await t.api('PATCH', `/api/v1/webhooks/${hook.id}`, { description: 'Comptabilité (en pause)' });
    expect(described.statusCode, described.body).toBe(200);
    expect(described.json().isActive).toBe(false);
    expect((await t.api('GET', `/api/v1/webhooks/${hook.id}`)).json().isActive).toBe(false);
    await t.api('PATCH', `/api/v1/webhooks/${hook.id}`, { isActive: true, description: 'Comptabilité' });
  });

  it('rotated secret signs the next deliveries', async () => {
    const rotated = await t.api('POST', `/api/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.statusCode, rotated.body).toBe(200);
    expect(rotated.json().secret).not.toBe(hook.secret);
    const before = receiver.requests.length;
    await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Caviste', mobile: '06 98 76 54 37' });
    await outbox();
    await receiver.waitFor(before + 1);
    const request = receiver.requests[before];
    const signature = request?.headers['x-comptoir-signature'] as string;
    expect(verifySignature(rotated.json().secret, request?.body ?? '', signature)).toBe(true);
    expect(verifySignature(hook.secret, request?.body ?? '', signature)).toBe(false);
  });
});
