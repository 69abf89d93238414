import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOutbox } from '../../src/messages/run-outbox.ts';
import { runReminders } from '../../src/messages/run-reminders.ts';
import { SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { type SmtpCapture, startSmtpServer } from '../helpers/messaging.ts';

let counter = 0;

/** Text with the no-break spaces of French amounts made plain, for readable checks. */
function plain(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

describe.each(engines)('payment reminders on %s', (engine) => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let reminderTemplate: string;

  const addCustomer = async (name: string) => {
    counter += 1;
    const res = await t.api('POST', '/api/v1/contacts', {
      type: 'customer',
      kind: 'business',
      businessName: name,
      mobile: `06 22 33 ${String(10 + counter).padStart(2, '0')} 44`,
      email: `client${counter}@example.fr`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  /** Creates a final sale dated 1 Feb 2024, due on 1 Mar 2024 (29 days, a leap year). */
  const saleDueMarch1 = async (contactId: string, amount: string) => {
    const res = await t.api('POST', '/api/v1/sales', {
      contactId,
      date: '2024-02-01',
      status: 'final',
      payTerm: { number: 29, unit: 'days' },
      lines: [{ description: 'Marchandises', quantity: 1, unitPrice: amount }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().dueDate).toBe('2024-03-01');
    return res.json();
  };

  const pay = async (contactId: string, amount: string, date: string) => {
    const res = await t.api('POST', '/api/v1/payments', { contactId, amount, method: 'cash', date });
    expect(res.statusCode, res.body).toBe(201);
  };

  const run = async (date: string) => {
    const res = await t.api('POST', '/api/v1/reminders/run', { date });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { messages: number; contacts: number; heldContacts: number };
  };

  const reminders = async (contactId: string) => {
    const res = await t.api('GET', `/api/v1/contacts/${contactId}/messages`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { origin: string; subject: string; text: string; html: string; status: string; channel: string }[]).filter(
      (m) => m.origin === 'reminder',
    );
  };

  const addLevel = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/reminder-levels', { templateId: reminderTemplate, channels: ['email'], ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    t = await createTestApp(engine);
    smtp = await startSmtpServer();
    const email = await t.api('PUT', '/api/v1/message-channels/email', {
      enabled: true,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      fromAddress: 'boutique@example.fr',
    });
    expect(email.statusCode, email.body).toBe(200);
    await t.api('PATCH', '/api/v1/message-settings', { quietHours: null });
    const templates = await t.api('GET', '/api/v1/message-templates?event=payment_reminder');
    reminderTemplate = templates.json().items[0].id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    delete process.env[SECRET_KEY_VARIABLE];
  });

  describe('paid, advance-covered and partly paid sales', () => {
    const ids: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
    let levelId: string;

    beforeAll(async () => {
      levelId = await addLevel({ name: 'J+1', timing: 'after_due', days: 1 });
      ids.A = await addCustomer('Client A');
      await saleDueMarch1(ids.A, '120.00');
      await pay(ids.A, '120.00', '2024-02-28');

      ids.B = await addCustomer('Client B');
      await pay(ids.B, '150.00', '2024-01-15');
      await saleDueMarch1(ids.B, '100.00');

      ids.C = await addCustomer('Client C');
      await pay(ids.C, '40.00', '2024-01-15');
      await saleDueMarch1(ids.C, '100.00');

      ids.D = await addCustomer('Client D');
      await saleDueMarch1(ids.D, '100.00');
      await pay(ids.D, '70.00', '2024-02-15');
    });

    it('nothing goes out on the due date', async () => {
      const result = await run('2024-03-01');
      expect(result.messages).toBe(0);
    });

    it('paid sale gets no reminder', async () => {
      await run('2024-03-02');
      expect(await reminders(ids.A)).toEqual([]);
    });

    it('sale covered by an advance gets none', async () => {
      expect(await reminders(ids.B)).toEqual([]);
    });

    it('advance is deducted from the amount due', async () => {
      const [message] = await reminders(ids.C);
      expect(plain(message?.subject)).toBe('Rappel : 60,00 € à régler');
      expect(plain(message?.text)).toContain('Montant dû, avances déduites : 60,00 €.');
      expect(plain(message?.html)).toContain('<p>Montant dû, avances déduites : 60,00 €.</p>');
    });

    it('partly paid sale states what is left', async () => {
      const [message] = await reminders(ids.D);
      expect(plain(message?.subject)).toBe('Rappel : 30,00 € à régler');
      expect(plain(message?.text)).toContain('échéance le 01/03/2024 : 30,00 €');
      expect(plain(message?.html)).toContain('<ul><li>');
    });

    it('second run the same day sends each once', async () => {
      const again = await run('2024-03-02');
      expect(again.messages).toBe(0);
      const next = await run('2024-03-03');
      expect(next.messages).toBe(0);
      expect(await reminders(ids.C)).toHaveLength(1);
      expect(await reminders(ids.D)).toHaveLength(1);

      const before = smtp.mails.length;
      await runOutbox(t.database.db, { businessId: t.business.businessId });
      await runOutbox(t.database.db, { businessId: t.business.businessId });
      await smtp.waitFor(before + 2);
      const received = smtp.mails.slice(before).map((m) => plain(m.subject)).sort();
      expect(received).toEqual(['Rappel : 30,00 € à régler', 'Rappel : 60,00 € à régler']);
      expect((await reminders(ids.C))[0]?.status).toBe('sent');
    });

    it('later level escalates once', async () => {
      const second = await addLevel({ name: 'J+15', timing: 'after_due', days: 15 });
      const result = await run('2024-03-16');
      expect(result.messages).toBe(2);
      expect(await reminders(ids.C)).toHaveLength(2);
      expect((await run('2024-03-17')).messages).toBe(0);
      await t.api('DELETE', `/api/v1/reminder-levels/${second}`);
    });

    afterAll(async () => {
      await t.api('DELETE', `/api/v1/reminder-levels/${levelId}`);
    });
  });

  describe('holds, disputes, refusals and levels before due', () => {
    let levelId: string;

    beforeAll(async () => {
      levelId = await addLevel({ name: 'J-3', timing: 'before_due', days: 3 });
    });
    afterAll(async () => {
      await t.api('DELETE', `/api/v1/reminder-levels/${levelId}`);
    });

    it('level before due fires three days early', async () => {
      const id = await addCustomer('Client Avance');
      await saleDueMarch1(id, '80.00');
      expect((await runReminders(t.database.db, t.business.businessId, '2024-02-26')).messages).toBe(0);
      await runReminders(t.database.db, t.business.businessId, '2024-02-27');
      const [message] = await reminders(id);
      expect(plain(message?.subject)).toBe('Rappel : 80,00 € à régler');
    });

    it('contact on hold is skipped until released', async () => {
      const id = await addCustomer('Client Suspendu');
      await saleDueMarch1(id, '50.00');
      const hold = await t.api('PUT', `/api/v1/contacts/${id}/reminder-hold`, { until: '2024-02-27', reason: 'Litige en cours' });
      expect(hold.statusCode, hold.body).toBe(200);
      expect(hold.json().reminderHold.reason).toBe('Litige en cours');
      const held = await runReminders(t.database.db, t.business.businessId, '2024-02-27');
      expect(held.heldContacts).toBeGreaterThan(0);
      expect(await reminders(id)).toEqual([]);
      await runReminders(t.database.db, t.business.businessId, '2024-02-28');
      expect(await reminders(id)).toHaveLength(1);
    });

    it('disputed item gets no reminder', async () => {
      const id = await addCustomer('Client Contestant');
      const sale = await saleDueMarch1(id, '45.00');
      const item = await t.database.db.kysely
        .selectFrom('open_items')
        .where('source_id', '=', sale.id)
        .select('id')
        .executeTakeFirstOrThrow();
      const res = await t.api('PUT', `/api/v1/open-items/${item.id}/dispute`, { disputed: true, note: 'Colis abîmé' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().disputed).toBe(true);
      await runReminders(t.database.db, t.business.businessId, '2024-02-27');
      expect(await reminders(id)).toEqual([]);

      await t.api('PUT', `/api/v1/open-items/${item.id}/dispute`, { disputed: false });
      await runReminders(t.database.db, t.business.businessId, '2024-02-27');
      expect(await reminders(id)).toHaveLength(1);
    });

    it('refused channel gets nothing', async () => {
      const id = await addCustomer('Client Sans Mail');
      await saleDueMarch1(id, '45.00');
      await t.api('PATCH', `/api/v1/contacts/${id}/message-preferences`, { refused: { email: true } });
      await runReminders(t.database.db, t.business.businessId, '2024-02-27');
      expect(await reminders(id)).toEqual([]);
    });

    it('quiet hours delay the reminders', async () => {
      await t.api('PATCH', '/api/v1/message-settings', { quietHours: { start: '21:00', end: '08:00' } });
      const id = await addCustomer('Client Nocturne');
      await saleDueMarch1(id, '45.00');
      // 22:30 in Paris (UTC+1 in February).
      const now = new Date('2024-02-27T21:30:00Z');
      await runReminders(t.database.db, t.business.businessId, '2024-02-27', { now });
      const row = await t.database.db.kysely
        .selectFrom('messages')
        .where('contact_id', '=', id)
        .select(['next_attempt_at', 'status'])
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('queued');
      expect(row.next_attempt_at).toBe('2024-02-28T07:00:00.000Z');
      await t.api('PATCH', '/api/v1/message-settings', { quietHours: null });
    });

    it('contact in English gets the English text', async () => {
      const id = await addCustomer('Client Anglais');
      await t.api('PATCH', `/api/v1/contacts/${id}/message-preferences`, { language: 'en' });
      await saleDueMarch1(id, '1234.50');
      await runReminders(t.database.db, t.business.businessId, '2024-02-27');
      const [message] = await reminders(id);
      expect(message?.subject).toBe('Reminder: €1,234.50 to pay');
      expect(message?.text).toContain('due 1 Mar 2024: €1,234.50');
    });
  });

  it('balance placeholder leaves out a post-dated payment', async () => {
    const template = await t.api('POST', '/api/v1/message-templates', {
      event: 'payment_reminder',
      name: 'Solde au jour',
      contents: [{ channel: 'email', locale: 'fr', subject: 'Solde {{contact_due}}', text: 'À régler : {{open_items_due}}' }],
    });
    expect(template.statusCode, template.body).toBe(201);
    const level = await t.api('POST', '/api/v1/reminder-levels', {
      name: 'J+20',
      timing: 'after_due',
      days: 20,
      templateId: template.json().id,
      channels: ['email'],
    });
    expect(level.statusCode, level.body).toBe(201);
    const id = await addCustomer('Client Chèque Daté');
    await saleDueMarch1(id, '100.00');
    await pay(id, '30.00', '2024-03-25');

    await runReminders(t.database.db, t.business.businessId, '2024-03-21');
    const [message] = await reminders(id);
    // The payment is dated four days after the run: the balance of that day is still 100,00 €,
    // while the open items already count it against the sale.
    expect(plain(message?.subject)).toBe('Solde 100,00 €');
    expect(plain(message?.text)).toBe('À régler : 70,00 €');
    await t.api('DELETE', `/api/v1/reminder-levels/${level.json().id}`);
  });

  it('level needs a payment reminder template', async () => {
    const list = await t.api('GET', '/api/v1/message-templates?event=new_sale');
    const res = await t.api('POST', '/api/v1/reminder-levels', {
      name: 'Mauvais',
      timing: 'after_due',
      days: 2,
      templateId: list.json().items[0].id,
      channels: ['email'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].code).toBe('template_event_mismatch');
  });
});
