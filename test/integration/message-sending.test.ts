import { randomBytes } from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { enqueueEventMessages } from '../../src/messages/events.ts';
import { backoffMs, MAX_ATTEMPTS, runOutbox } from '../../src/messages/run-outbox.ts';
import { SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { pay, sale } from '../helpers/ledger-api.ts';
import { type HttpCapture, type SmtpCapture, startHttpServer, startSmtpServer } from '../helpers/messaging.ts';

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

let mobileCounter = 0;

async function addPerson(t: TestApp, firstName: string, email: string | null) {
  mobileCounter += 1;
  const res = await t.api('POST', '/api/v1/contacts', {
    type: 'customer',
    kind: 'individual',
    firstName,
    lastName: 'Testeur',
    mobile: `06 12 34 ${String(50 + mobileCounter).padStart(2, '0')} 78`,
    email,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; code: string; mobileE164: string };
}

async function templateOf(t: TestApp, event: string): Promise<string> {
  const res = await t.api('GET', `/api/v1/message-templates?event=${event}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0].id;
}

async function history(t: TestApp, contactId: string) {
  const res = await t.api('GET', `/api/v1/contacts/${contactId}/messages`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    id: string;
    channel: string;
    status: string;
    attempts: number;
    lastError: string | null;
    subject: string | null;
    text: string;
    recipient: string;
    templateName: string | null;
    origin: string;
  }[];
}

describe.each(engines)('sending messages on %s', (engine) => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let gateway: HttpCapture;

  beforeAll(async () => {
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    t = await createTestApp(engine);
    smtp = await startSmtpServer();
    gateway = await startHttpServer();
    const email = await t.api('PUT', '/api/v1/message-channels/email', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromAddress: 'boutique@example.fr',
      fromName: 'Épicerie Test',
    });
    expect(email.statusCode, email.body).toBe(200);
    const sms = await t.api('PUT', '/api/v1/message-channels/sms', {
      enabled: true,
      url: `${gateway.url}/sms`,
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      bodyTemplate: 'to={{number}}&text={{text}}',
    });
    expect(sms.statusCode, sms.body).toBe(200);
    const quiet = await t.api('PATCH', '/api/v1/message-settings', { quietHours: null });
    expect(quiet.statusCode, quiet.body).toBe(200);
  });
  afterEach(() => {
    smtp.rejectWith = null;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await gateway?.close();
    delete process.env[SECRET_KEY_VARIABLE];
  });

  const outbox = (now?: Date) =>
    runOutbox(t.database.db, { businessId: t.business.businessId, ...(now ? { now: () => now } : {}) });

  it('statement email carries the PDF', async () => {
    const contact = await addPerson(t, 'Louise', 'louise@example.fr');
    const res = await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      templateId: await templateOf(t, 'account_statement'),
      channels: ['email'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0].status).toBe('queued');
    expect(res.json().items[0].hasAttachments).toBe(true);

    const before = smtp.mails.length;
    const result = await outbox();
    expect(result.sent).toBe(1);
    await smtp.waitFor(before + 1);
    const mail = smtp.mails[before];
    expect(smtp.recipients[before]).toEqual(['louise@example.fr']);
    expect(mail?.subject).toBe('Votre relevé de compte chez Épicerie Test');
    expect(mail?.text).toContain('Bonjour Louise Testeur,');
    expect(mail?.text).toContain('Solde : 0,00');
    expect(mail?.html).toContain('<p>Bonjour Louise Testeur,</p>');
    expect(mail?.from?.text).toBe('"Épicerie Test" <boutique@example.fr>');
    const attachment = mail?.attachments[0];
    expect(attachment?.filename).toBe(`releve-${contact.code}.pdf`);
    expect(attachment?.contentType).toBe('application/pdf');
    expect(attachment?.content.subarray(0, 5).toString()).toBe('%PDF-');

    const [sent] = await history(t, contact.id);
    expect(sent?.status).toBe('sent');
    expect(sent?.templateName).toBe('Relevé de compte');
    expect(sent?.origin).toBe('manual');

    const activity = await t.api('GET', `/api/v1/contacts/${contact.id}/activity`);
    expect(activity.statusCode, activity.body).toBe(200);
    const [entry] = activity.json().items;
    expect(entry.action).toBe('message_send');
    expect(entry.changes.templateName).toBe('Relevé de compte');
    expect(entry.changes.channels).toEqual(['email']);
  });

  it('statement and its email agree on balance', async () => {
    const contact = await addPerson(t, 'Odile', 'odile@example.fr');
    const today = todayIn('Europe/Paris');
    const later = addDays(today, 30);
    await sale(t, contact.id, addDays(today, -10), '457.51');
    await pay(t, { contactId: contact.id, amount: '10.00', date: later });
    const res = await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      templateId: await templateOf(t, 'account_statement'),
      channels: ['email'],
    });
    expect(res.statusCode, res.body).toBe(201);

    const before = smtp.mails.length;
    expect((await outbox()).sent).toBe(1);
    await smtp.waitFor(before + 1);
    const mail = smtp.mails[before];
    // The payment is dated later, so the balance as of today still counts the whole sale.
    expect(mail?.text).toContain('Solde : 457,51');
    const content = mail?.attachments[0]?.content;
    expect(content).toBeDefined();
    const text = await pdfText(content!);
    const [year, month, day] = today.split('-');
    expect(text).toContain(`Solde au ${day}/${month}/${year} +457,51`);
    // The account position is the stored totals, which count the later payment, under a heading that names the last entry date.
    expect(text).toContain('+447,51');
    expect(text).toContain('Situation du compte avec les opérations datées jusqu’au');
    expect(text).not.toMatch(/Situation du compte au/);
  });

  it('typed SMS reaches the gateway in E.164', async () => {
    const contact = await addPerson(t, 'Marius', null);
    const res = await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      channels: ['sms'],
      texts: { sms: { text: 'Bonjour {{contact_first_name}}, votre commande est prête.' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items[0].recipient).toBe(contact.mobileE164);

    const before = gateway.requests.length;
    await outbox();
    await gateway.waitFor(before + 1);
    const form = new URLSearchParams(gateway.requests[before]?.body ?? '');
    expect(form.get('to')).toBe(contact.mobileE164);
    expect(form.get('to')).toMatch(/^\+336\d{8}$/);
    expect(form.get('text')).toBe('Bonjour Marius, votre commande est prête.');
    expect(gateway.requests[before]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('channel without an address is skipped', async () => {
    const contact = await addPerson(t, 'Sans', null);
    const res = await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      templateId: await templateOf(t, 'account_statement'),
      channels: ['email', 'whatsapp'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items).toEqual([]);
    expect(res.json().skipped).toEqual([
      { channel: 'email', reason: 'no_recipient' },
      { channel: 'whatsapp', reason: 'not_configured' },
    ]);
  });

  it('failed SMTP send is retried then failed', async () => {
    const contact = await addPerson(t, 'Rémi', 'remi@example.fr');
    await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      channels: ['email'],
      texts: { email: { subject: 'Essai', text: 'Bonjour' } },
    });
    smtp.rejectWith = { code: 451, message: 'Try again later' };
    const before = smtp.mails.length;
    let now = new Date();
    const retryTimes: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const result = await outbox(now);
      expect(result.sent).toBe(0);
      const [message] = await history(t, contact.id);
      expect(message?.attempts).toBe(attempt);
      expect(message?.lastError).toContain('451');
      if (attempt < MAX_ATTEMPTS) {
        expect(message?.status).toBe('queued');
        const row = await t.database.db.kysely.selectFrom('messages').where('id', '=', message?.id ?? '').select('next_attempt_at').executeTakeFirstOrThrow();
        retryTimes.push(Date.parse(row.next_attempt_at) - now.getTime());
        const early = await outbox(new Date(Date.parse(row.next_attempt_at) - 1000));
        expect(early.retried + early.failed).toBe(0);
        now = new Date(Date.parse(row.next_attempt_at));
      } else {
        expect(message?.status).toBe('failed');
        expect(message?.lastError).toContain('Try again later');
      }
    }
    expect(retryTimes).toEqual([1, 2, 3, 4, 5].map(backoffMs));
    expect(smtp.mails.length).toBe(before);

    const [failed] = await history(t, contact.id);
    const detail = await t.api('GET', `/api/v1/messages/${failed?.id}`);
    expect(detail.json().attemptLog).toHaveLength(MAX_ATTEMPTS);
    expect(detail.json().attemptLog.every((a: { outcome: string }) => a.outcome === 'error')).toBe(true);

    smtp.rejectWith = null;
    const retried = await t.api('POST', `/api/v1/messages/${failed?.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().status).toBe('queued');
    await outbox(new Date(now.getTime() + 1000));
    expect((await history(t, contact.id))[0]?.status).toBe('sent');
  });

  it('permanent SMTP error fails at once', async () => {
    const contact = await addPerson(t, 'Paule', 'paule@example.fr');
    await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      channels: ['email'],
      texts: { email: { subject: 'Essai', text: 'Bonjour' } },
    });
    smtp.rejectWith = { code: 550, message: 'No such user' };
    const result = await outbox();
    expect(result.failed).toBe(1);
    const [message] = await history(t, contact.id);
    expect(message?.status).toBe('failed');
    expect(message?.attempts).toBe(1);
    expect(message?.lastError).toContain('550');
  });

  it('contact who refused email gets none', async () => {
    const contact = await addPerson(t, 'Inès', 'ines@example.fr');
    const queuedBefore = await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      channels: ['email'],
      texts: { email: { subject: 'Avant', text: 'Avant le refus' } },
    });
    expect(queuedBefore.json().items).toHaveLength(1);

    const refused = await t.api('PATCH', `/api/v1/contacts/${contact.id}/message-preferences`, { refused: { email: true } });
    expect(refused.statusCode, refused.body).toBe(200);
    const refusal = refused.json().refusals[0];
    expect(refusal.channel).toBe('email');
    expect(Date.now() - Date.parse(refusal.refusedAt)).toBeLessThan(60_000);

    const res = await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      channels: ['email', 'sms'],
      texts: { email: { subject: 'Après', text: 'Après le refus' }, sms: { text: 'Après le refus' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((m: { channel: string }) => m.channel)).toEqual(['sms']);
    expect(res.json().skipped).toEqual([{ channel: 'email', reason: 'refused', refusedAt: refusal.refusedAt }]);

    const mailsBefore = smtp.mails.length;
    await outbox();
    expect(smtp.mails.length).toBe(mailsBefore);
    const messages = await history(t, contact.id);
    expect(messages.find((m) => m.channel === 'email')?.status).toBe('cancelled');
    expect(messages.find((m) => m.channel === 'sms')?.status).toBe('sent');
  });

  it('automatic receipt is stored with the sale', async () => {
    const templateId = await templateOf(t, 'new_sale');
    const enabled = await t.api('PATCH', `/api/v1/message-templates/${templateId}`, { autoSend: { email: true } });
    expect(enabled.statusCode, enabled.body).toBe(200);
    const contact = await addPerson(t, 'Hugo', 'hugo@example.fr');

    const sale = await t.api('POST', '/api/v1/sales', {
      contactId: contact.id,
      date: '2024-03-01',
      status: 'final',
      payTerm: { number: 30, unit: 'days' },
      lines: [{ description: 'Panier', quantity: 1, unitPrice: '1234.50' }],
      payments: [{ amount: '234.50', method: 'cash' }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const [message] = await history(t, contact.id);
    expect(message?.origin).toBe('event');
    expect(message?.status).toBe('queued');
    expect(message?.subject).toBe(`Votre achat ${sale.json().reference} chez Épicerie Test`);
    const text = message?.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('1 234,50 €');
    expect(text).toContain('dont 234,50 € réglé');
    expect(text).toContain('Reste à payer : 1 000,00 €');
    expect(message?.text).toContain('échéance le 31/03/2024');

    const again = await t.database.db.kysely.transaction().execute((trx) =>
      enqueueEventMessages(trx, { type: 'sale.finalised', businessId: t.business.businessId, documentId: sale.json().id, contactId: contact.id }),
    );
    expect(again).toEqual([]);
    expect(await history(t, contact.id)).toHaveLength(1);
    await t.api('PATCH', `/api/v1/message-templates/${templateId}`, { autoSend: { email: false } });
  });

  it('parked sale sends nothing until finalised', async () => {
    const templateId = await templateOf(t, 'new_sale');
    await t.api('PATCH', `/api/v1/message-templates/${templateId}`, { autoSend: { sms: true } });
    const contact = await addPerson(t, 'Lina', null);
    const parked = await t.api('POST', '/api/v1/sales', {
      contactId: contact.id,
      date: '2024-03-01',
      status: 'parked',
      lines: [{ description: 'Panier', quantity: 1, unitPrice: '10.00' }],
    });
    expect(parked.statusCode, parked.body).toBe(201);
    expect(await history(t, contact.id)).toEqual([]);
    const final = await t.api('POST', `/api/v1/sales/${parked.json().id}/finalise`, {});
    expect(final.statusCode, final.body).toBe(200);
    const messages = await history(t, contact.id);
    expect(messages.map((m) => m.channel)).toEqual(['sms']);
    await t.api('PATCH', `/api/v1/message-templates/${templateId}`, { autoSend: { sms: false } });
  });

  it('recorded payment sends the thank-you', async () => {
    const templateId = await templateOf(t, 'payment_received');
    await t.api('PATCH', `/api/v1/message-templates/${templateId}`, { autoSend: { sms: true } });
    const contact = await addPerson(t, 'Jade', null);
    const paid = await t.api('POST', '/api/v1/payments', {
      contactId: contact.id,
      amount: '50.00',
      method: 'cheque',
      date: '2024-03-05',
      reference: 'CHQ-778',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const [message] = await history(t, contact.id);
    expect(message?.channel).toBe('sms');
    expect(message?.text).toContain('paiement de 50,00');
    expect(message?.text).toContain('reçu le 05/03/2024');
    expect(message?.text).toContain('Solde : -50,00');
    await t.api('PATCH', `/api/v1/message-templates/${templateId}`, { autoSend: { sms: false } });
  });

  it('whatsapp link carries the rendered text', async () => {
    const contact = await addPerson(t, 'Noé', null);
    const templateId = await templateOf(t, 'account_statement');
    const res = await t.api('GET', `/api/v1/contacts/${contact.id}/whatsapp-link?templateId=${templateId}`);
    expect(res.statusCode, res.body).toBe(200);
    const digits = contact.mobileE164.slice(1);
    expect(res.json().number).toBe(contact.mobileE164);
    expect(res.json().url.startsWith(`https://wa.me/${digits}?text=`)).toBe(true);
    const text = new URL(res.json().url).searchParams.get('text');
    expect(text).toBe(res.json().text);
    expect(text).toMatch(/^Épicerie Test : votre solde au \d{2}\/\d{2}\/\d{4} est de 0,00/);

    await t.api('PATCH', `/api/v1/contacts/${contact.id}/message-preferences`, { refused: { whatsapp: true } });
    const refused = await t.api('GET', `/api/v1/contacts/${contact.id}/whatsapp-link?text=Bonjour`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('channel_refused');
  });

  it('anonymised contact messages lose their texts', async () => {
    const contact = await addPerson(t, 'Effacée', 'efface@example.fr');
    await t.api('POST', '/api/v1/messages', {
      contactId: contact.id,
      channels: ['email'],
      texts: { email: { subject: 'Privé', text: 'Texte privé' } },
    });
    const res = await t.api('POST', `/api/v1/contacts/${contact.id}/anonymise`);
    expect(res.statusCode, res.body).toBe(200);
    const [message] = await history(t, contact.id);
    expect(message?.status).toBe('cancelled');
    expect(message?.recipient).toBe('');
    expect(message?.text).toBe('');
    expect(message?.subject).toBeNull();
  });

  it('history of another business contact is not found', async () => {
    const contact = await addPerson(t, 'Secret', 'secret@example.fr');
    const other = await t.addBusiness('Voisine');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${contact.id}/messages`,
      headers: { authorization: `Bearer ${other.token}` },
    });
    expect(res.statusCode).toBe(404);
  });
});
