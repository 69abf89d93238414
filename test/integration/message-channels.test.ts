import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../../src/db/database.ts';
import { SECRET_KEY_FILE, SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { issueAt } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { type HttpCapture, type SmtpCapture, startHttpServer, startSmtpServer } from '../helpers/messaging.ts';

const instanceKey = randomBytes(32).toString('base64');

describe.each(engines)('message channels on %s', (engine) => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let gateway: HttpCapture;

  beforeAll(async () => {
    process.env[SECRET_KEY_VARIABLE] = engine === 'postgres' ? instanceKey : '';
    if (engine === 'sqlite') delete process.env[SECRET_KEY_VARIABLE];
    t = await createTestApp(engine);
    smtp = await startSmtpServer({ user: 'boutique', password: 'mot de passe SMTP' });
    gateway = await startHttpServer();
  });
  afterEach(() => {
    smtp.rejectWith = null;
    gateway.status = 200;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await gateway?.close();
    delete process.env[SECRET_KEY_VARIABLE];
  });

  const emailSettings = (extra: Record<string, unknown> = {}) => ({
    enabled: true,
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'boutique',
    password: 'mot de passe SMTP',
    fromAddress: 'boutique@example.fr',
    fromName: 'Épicerie Test',
    ...extra,
  });

  it('email settings hide and seal the password', async () => {
    const saved = await t.api('PUT', '/api/v1/message-channels/email', emailSettings());
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().email.passwordSet).toBe(true);
    expect(saved.body).not.toContain('mot de passe SMTP');

    const row = await t.database.db.kysely
      .selectFrom('message_channels')
      .where('business_id', '=', t.business.businessId)
      .where('channel', '=', 'email')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.secrets).toMatch(/^v1\./);
    expect(row.secrets).not.toContain('mot de passe');
    expect(row.config).not.toContain('mot de passe');
  });

  it('email test send reaches the SMTP server', async () => {
    const before = smtp.mails.length;
    const res = await t.api('POST', '/api/v1/message-channels/email/test', { to: 'gerant@example.fr' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, error: null, recipient: 'gerant@example.fr', status: null, response: null });
    await smtp.waitFor(before + 1);
    const mail = smtp.mails[before];
    expect(mail?.subject).toBe('Comptoir : message de test');
    expect(mail?.text).toContain('Épicerie Test');
    expect(smtp.recipients[before]).toEqual(['gerant@example.fr']);
    expect(smtp.logins).toContain('boutique:mot de passe SMTP');
  });

  it('password is kept when omitted on save', async () => {
    const { password: _password, ...withoutPassword } = emailSettings({ fromName: 'Autre nom' });
    const saved = await t.api('PUT', '/api/v1/message-channels/email', withoutPassword);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().email.passwordSet).toBe(true);
    const res = await t.api('POST', '/api/v1/message-channels/email/test', { to: 'gerant@example.fr' });
    expect(res.json().ok).toBe(true);
  });

  it('email test failure returns the SMTP error', async () => {
    smtp.rejectWith = { code: 550, message: 'Mailbox unavailable' };
    const res = await t.api('POST', '/api/v1/message-channels/email/test', { to: 'gerant@example.fr' });
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(false);
    expect(res.json().error).toContain('550');
    expect(res.json().error).toContain('Mailbox unavailable');
  });

  it('email test rejects an invalid address', async () => {
    const res = await t.api('POST', '/api/v1/message-channels/email/test', { to: 'pas-une-adresse' });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'to')?.code).toBe('invalid_email');
  });

  it('SMS gateway gets E.164 number and text', async () => {
    const saved = await t.api('PUT', '/api/v1/message-channels/sms', {
      enabled: true,
      url: `${gateway.url}/send?apikey=cle-secrete`,
      method: 'POST',
      contentType: 'application/json',
      bodyTemplate: '{"to":"{{number}}","message":"{{text}}"}',
      headers: { Authorization: 'Bearer jeton-sms' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().sms.urlPreview).toBe(`${gateway.url}/send`);
    expect(saved.json().sms.headerNames).toEqual(['Authorization']);
    expect(saved.body).not.toContain('cle-secrete');
    expect(saved.body).not.toContain('jeton-sms');

    const before = gateway.requests.length;
    const res = await t.api('POST', '/api/v1/message-channels/sms/test', { to: '06 12 34 56 78' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, error: null, recipient: '+33612345678', status: null, response: null });
    const request = gateway.requests[before];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/send?apikey=cle-secrete');
    expect(request?.headers.authorization).toBe('Bearer jeton-sms');
    expect(request?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request?.body ?? '{}');
    expect(body.to).toBe('+33612345678');
    expect(body.message).toBe('Ceci est un message de test envoyé par Comptoir pour Épicerie Test.');
  });

  it('SMS gateway by GET encodes the URL values', async () => {
    const saved = await t.api('PUT', '/api/v1/message-channels/sms', {
      enabled: true,
      url: `${gateway.url}/get?to={{number}}&msg={{text}}`,
      method: 'GET',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const before = gateway.requests.length;
    await t.api('POST', '/api/v1/message-channels/sms/test', { to: '+32 470 12 34 56' });
    const url = new URL(gateway.requests[before]?.url ?? '', gateway.url);
    expect(url.searchParams.get('to')).toBe('+32470123456');
    expect(url.searchParams.get('msg')).toContain('envoyé par Comptoir');
    expect(gateway.requests[before]?.headers.authorization).toBe('Bearer jeton-sms');
  });

  it('SMS gateway failure returns the HTTP status', async () => {
    gateway.status = 401;
    const res = await t.api('POST', '/api/v1/message-channels/sms/test', { to: '06 12 34 56 78' });
    expect(res.json().ok).toBe(false);
    expect(res.json().error).toContain('HTTP 401');
    expect(res.json().status).toBe(401);
    expect(JSON.parse(res.json().response)).toEqual({ id: expect.stringMatching(/^gw-\d+$/) });
  });

  it('gateway URL must be http or https', async () => {
    const res = await t.api('PUT', '/api/v1/message-channels/sms', {
      enabled: true,
      url: 'ftp://127.0.0.1/send?to={{number}}&t={{text}}',
      method: 'GET',
    });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'url')?.code).toBe('invalid_url');
  });

  it('gateway needs the text placeholder', async () => {
    const res = await t.api('PUT', '/api/v1/message-channels/whatsapp', {
      enabled: true,
      url: `${gateway.url}/wa`,
      method: 'POST',
      bodyTemplate: '{"to":"{{number}}","body":"{{message}}"}',
    });
    expect(res.statusCode).toBe(422);
    const codes = (res.json().errors as { code: string; message: string }[]).map((e) => e.code).sort();
    expect(codes).toEqual(['gateway_placeholder_missing', 'unknown_placeholder']);
  });

  it('quiet hours are checked and saved', async () => {
    const bad = await t.api('PATCH', '/api/v1/message-settings', { quietHours: { start: '25:00', end: '08:00' } });
    expect(bad.statusCode).toBe(422);
    expect(issueAt(bad.json(), 'quietHours.start')?.code).toBe('invalid_time');
    const good = await t.api('PATCH', '/api/v1/message-settings', { quietHours: { start: '20:30', end: '07:45' } });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ quietHours: { start: '20:30', end: '07:45' }, remindersEnabled: true });
  });

  it('channel settings need message.settings', async () => {
    const user = await t.addUser(['message.send']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/message-channels',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(res.statusCode).toBe(403);
  });

  if (engine === 'sqlite') {
    it('key file is created beside the database', async () => {
      const file = join(dirname(sqlitePath(t.database.url)), SECRET_KEY_FILE);
      const mode = statSync(file).mode & 0o777;
      expect(mode).toBe(0o600);
    });
  }

  if (engine === 'postgres') {
    it('secrets are refused without the key variable', async () => {
      delete process.env[SECRET_KEY_VARIABLE];
      try {
        const res = await t.api('PUT', '/api/v1/message-channels/email', emailSettings({ password: 'nouveau' }));
        expect(res.statusCode).toBe(503);
        expect(res.json().code).toBe('secret_key_missing');
        expect(res.json().detail).toContain(SECRET_KEY_VARIABLE);
      } finally {
        process.env[SECRET_KEY_VARIABLE] = instanceKey;
      }
    });
  }
});
