import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { issueAt, setCustomFieldLabels } from '../helpers/contacts.ts';

describe.each(engines)('message templates on %s', (engine) => {
  let t: TestApp;
  let contactId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await setCustomFieldLabels(t, { custom1: 'Régime' });
    const created = await t.api('POST', '/api/v1/contacts', {
      type: 'customer',
      kind: 'individual',
      firstName: 'Zoé <b>&',
      lastName: 'Martin',
      mobile: '06 12 34 56 78',
      email: 'zoe@example.fr',
      customFields: { custom1: 'Sans gluten' },
    });
    expect(created.statusCode, created.body).toBe(201);
    contactId = created.json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('defaults exist in French and English for every event', async () => {
    const res = await t.api('GET', '/api/v1/message-templates');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { event: string; contents: { channel: string; locale: string }[]; autoSend: object }[];
    expect(items.map((i) => i.event).sort()).toEqual([
      'account_statement',
      'items_received',
      'new_purchase',
      'new_sale',
      'payment_made',
      'payment_received',
      'payment_reminder',
    ]);
    for (const item of items) {
      expect(item.contents.map((c) => `${c.channel}:${c.locale}`).sort()).toEqual([
        'email:en',
        'email:fr',
        'sms:en',
        'sms:fr',
        'whatsapp:en',
        'whatsapp:fr',
      ]);
      expect(item.autoSend).toEqual({ email: false, sms: false, whatsapp: false });
    }
  });

  it('defaults are created once under concurrent first reads', async () => {
    const other = await t.addBusiness('Concurrente');
    const api = asToken(t, other.token);
    const answers = await Promise.all([1, 2, 3].map(() => api('GET', '/api/v1/message-templates')));
    for (const answer of answers) expect(answer.statusCode).toBe(200);
    const rows = await t.database.db.kysely
      .selectFrom('message_templates')
      .where('business_id', '=', other.business.businessId)
      .select('id')
      .execute();
    expect(rows).toHaveLength(7);
  });

  it('unknown placeholder is refused on save, naming it', async () => {
    const res = await t.api('POST', '/api/v1/message-templates', {
      event: 'new_sale',
      name: 'Reçu',
      contents: [{ channel: 'sms', locale: 'fr', text: 'Merci {{contact_name}}, total {{montant_total}}' }],
    });
    expect(res.statusCode).toBe(422);
    const issue = issueAt(res.json(), 'contents.0.text');
    expect(issue?.code).toBe('unknown_placeholder');
    expect(issue?.message).toContain('{{montant_total}}');
  });

  it('placeholder of another event is refused', async () => {
    const res = await t.api('POST', '/api/v1/message-templates', {
      event: 'new_sale',
      name: 'Reçu',
      contents: [{ channel: 'email', locale: 'fr', subject: 'Paiement {{payment_amount}}', text: 'Merci' }],
    });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'contents.0.subject')?.code).toBe('placeholder_not_available');
  });

  it('email content needs a subject', async () => {
    const res = await t.api('POST', '/api/v1/message-templates', {
      event: 'new_sale',
      name: 'Reçu',
      contents: [{ channel: 'email', locale: 'fr', text: 'Merci' }],
    });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'contents.0.subject')?.code).toBe('required');
  });

  it('blank name and text come with the other issues', async () => {
    const res = await t.api('POST', '/api/v1/message-templates', {
      event: 'new_sale',
      name: ' ',
      contents: [
        { channel: 'sms', locale: 'fr', text: '' },
        { channel: 'email', locale: 'fr', subject: 'Reçu {{montant_total}}', text: 'Merci' },
      ],
    });
    expect(res.statusCode).toBe(422);
    const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(issues).toEqual(['name:required', 'contents.0.text:required', 'contents.1.subject:unknown_placeholder']);
  });

  it('template is created, changed and deleted', async () => {
    const created = await t.api('POST', '/api/v1/message-templates', {
      event: 'payment_reminder',
      name: 'Relance ferme',
      autoSend: { email: true },
      contents: [
        { channel: 'email', locale: 'fr', subject: 'Relance {{ contact_name }}', html: '<p>{{open_items}}</p>', text: '{{open_items}}' },
        { channel: 'sms', locale: 'fr', subject: 'dropped', text: 'Dû : {{open_items_due}}' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const template = created.json();
    expect(template.audience).toBe('customer');
    expect(template.autoSend).toEqual({ email: true, sms: false, whatsapp: false });
    expect(template.contents.find((c: { channel: string }) => c.channel === 'sms').subject).toBeNull();

    const patched = await t.api('PATCH', `/api/v1/message-templates/${template.id}`, { name: 'Relance 2', autoSend: { sms: true } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().name).toBe('Relance 2');
    expect(patched.json().autoSend).toEqual({ email: true, sms: true, whatsapp: false });
    expect(patched.json().contents).toHaveLength(2);

    const deleted = await t.api('DELETE', `/api/v1/message-templates/${template.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await t.api('GET', `/api/v1/message-templates/${template.id}`)).statusCode).toBe(404);
  });

  it('template in use by a reminder level is kept', async () => {
    const list = await t.api('GET', '/api/v1/message-templates?event=payment_reminder');
    const templateId = list.json().items[0].id;
    const level = await t.api('POST', '/api/v1/reminder-levels', {
      name: 'J+1', timing: 'after_due', days: 1, templateId, channels: ['email'],
    });
    expect(level.statusCode, level.body).toBe(201);
    const res = await t.api('DELETE', `/api/v1/message-templates/${templateId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('template_in_use');
    await t.api('DELETE', `/api/v1/reminder-levels/${level.json().id}`);
  });

  it('preview renders for a real contact with HTML escaped', async () => {
    const res = await t.api('POST', '/api/v1/message-templates/preview', {
      event: 'account_statement',
      contactId,
      contents: [
        { channel: 'email', locale: 'fr', subject: 'Relevé {{contact_name}}', html: '<p>Bonjour {{contact_first_name}}</p>', text: 'Bonjour {{contact_first_name}} ({{contact_custom1}}), solde {{contact_due}}' },
        { channel: 'sms', locale: 'en', text: 'Balance {{contact_due}} on {{today}}' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [email, sms] = res.json().items;
    expect(email.subject).toBe('Relevé Zoé <b>& Martin');
    expect(email.html).toBe('<p>Bonjour Zoé &lt;b&gt;&amp;</p>');
    expect(email.text).toContain('Bonjour Zoé <b>& (Sans gluten), solde 0,00');
    expect(sms.text).toMatch(/^Balance €0\.00 on \d{1,2} [A-Z][a-z]{2} \d{4}$/);
  });

  it('preview of another business contact is not found', async () => {
    const other = await t.addBusiness('Autre');
    const res = await asToken(t, other.token)('POST', '/api/v1/message-templates/preview', {
      event: 'manual',
      contactId,
      contents: [{ channel: 'sms', locale: 'fr', text: 'x' }],
    });
    expect(res.statusCode).toBe(404);
  });

  it('saved template previews in the contact language', async () => {
    await t.api('PATCH', `/api/v1/contacts/${contactId}/message-preferences`, { language: 'en' });
    const list = await t.api('GET', '/api/v1/message-templates?event=account_statement');
    const id = list.json().items[0].id;
    const res = await t.api('GET', `/api/v1/message-templates/${id}/preview?contactId=${contactId}`);
    expect(res.statusCode, res.body).toBe(200);
    const email = res.json().items.find((i: { channel: string }) => i.channel === 'email');
    expect(email.locale).toBe('en');
    expect(email.subject).toBe('Your account statement at Épicerie Test');
    await t.api('PATCH', `/api/v1/contacts/${contactId}/message-preferences`, { language: null });
  });

  it('placeholder list names custom field labels', async () => {
    const res = await t.api('GET', '/api/v1/message-templates/placeholders?event=payment_reminder');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { name: string; token: string; description: string }[];
    // Only the custom fields the business has named are offered, under their label.
    expect(items.filter((p) => p.name.startsWith('contact_custom')).map((p) => p.name)).toEqual(['contact_custom1']);
    expect(items.find((p) => p.name === 'contact_custom1')?.description).toBe('Régime');
    expect(items.find((p) => p.name === 'open_items')?.token).toBe('{{open_items}}');
    expect(items.some((p) => p.name === 'payment_amount')).toBe(false);
  });

  it('templates need a message permission', async () => {
    const user = await t.addUser(['customer.view']);
    const res = await asToken(t, user.token)('GET', '/api/v1/message-templates');
    expect(res.statusCode).toBe(403);
  });
});
