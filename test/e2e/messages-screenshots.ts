/**
 * Captures the messages screens (templates, template editor, channels,
 * reminders, history, a contact's messages and the send dialog) in French
 * and English, at 1366×800 and 390×844, into ./screenshots/ (files named
 * `messages-…`). Run `npx vite build` first, then
 * `npx tsx test/e2e/messages-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { runOutbox } from '../../src/messages/run-outbox.ts';
import { startSmtpServer } from '../helpers/messaging.ts';
import { ADMIN, openBrowser, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots');
const viewports = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly url: string,
  ) {}

  private async headers(): Promise<Record<string, string>> {
    const session = await this.request.get(`${this.url}/api/v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    return { 'X-CSRF-Token': csrfToken };
  }

  async send<T = { id: string }>(method: 'POST' | 'PUT' | 'PATCH', path: string, data: unknown): Promise<T> {
    const response = await this.request.fetch(`${this.url}/api/v1${path}`, { method, data, headers: await this.headers() });
    if (!response.ok()) throw new Error(`${method} ${path} failed with ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }
}

async function shot(page: Page, name: string) {
  // The preview's frame can keep the page from counting as idle, so the wait is bounded.
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(400);
  const viewport = page.viewportSize();
  if (viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await page.waitForTimeout(150);
  }
  await page.screenshot({ path: resolve(outputDir, `${name}.png`) });
  if (viewport) await page.setViewportSize(viewport);
}

mkdirSync(outputDir, { recursive: true });
const smtp = await startSmtpServer();
const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
const seeding = await openBrowser();
await seeding.context.request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
const api = new Api(seeding.context.request, comptoir.url);

await api.send('PATCH', '/message-settings', { quietHours: null });
await api.send('PUT', '/message-channels/email', {
  enabled: true,
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  fromAddress: 'boutique@epicerie-martin.fr',
  fromName: 'Épicerie Martin',
});
const marie = await api.send('POST', '/contacts', {
  type: 'customer',
  kind: 'individual',
  firstName: 'Marie',
  lastName: 'Dupont',
  email: 'marie.dupont@exemple.fr',
  mobile: '06 12 34 56 78',
});
const boulangerie = await api.send('POST', '/contacts', {
  type: 'customer',
  kind: 'business',
  businessName: 'Boulangerie Petit',
  email: 'contact@boulangerie-petit.fr',
  mobile: '04 72 00 11 22',
});
for (const [contact, price] of [[marie.id, '42.50'], [boulangerie.id, '318.40']] as const) {
  await api.send('POST', '/sales', {
    contactId: contact,
    date: '2024-03-11',
    status: 'final',
    payTerm: { number: 30, unit: 'days', endOfMonth: false },
    lines: [{ description: 'Panier de légumes', quantity: '2', unitPrice: price, taxRate: '5.5' }],
  });
}
const templates = (await (await seeding.context.request.get(`${comptoir.url}/api/v1/message-templates`)).json()) as {
  items: { id: string; event: string }[];
};
const reminder = templates.items.find((t) => t.event === 'payment_reminder')?.id ?? '';
await api.send('POST', '/reminder-levels', { name: 'Rappel', timing: 'before_due', days: 3, templateId: reminder, channels: ['email'] });
await api.send('POST', '/reminder-levels', { name: 'Première relance', timing: 'after_due', days: 7, templateId: reminder, channels: ['email', 'sms'] });
await api.send('POST', '/reminders/run', { date: '2024-04-17', send: true });
smtp.rejectWith = { code: 550, message: 'Mailbox unavailable' };
await api.send('POST', '/messages', {
  contactId: boulangerie.id,
  channels: ['email'],
  texts: { email: { subject: 'Votre commande de pain', text: 'Bonjour, votre commande est prête.' } },
});
await runOutbox(comptoir.database.db);
smtp.rejectWith = null;
await seeding.close();

for (const locale of locales) {
  for (const viewport of viewports) {
    const session = await openBrowser({ width: viewport.width, height: viewport.height });
    const { page } = session;
    const prefix = `messages-${locale}-${viewport.name}`;
    await page.goto(`${comptoir.url}/sign-in`);
    if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('textbox').first().fill(ADMIN.email);
    await page.locator('input[type=password]').fill(ADMIN.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(`${comptoir.url}/customers`);

    await page.goto(`${comptoir.url}/messages/templates`);
    await shot(page, `${prefix}-01-templates`);
    await page.goto(`${comptoir.url}/messages/templates/${reminder}`);
    await page.getByRole('textbox', { name: locale === 'fr' ? 'Client' : 'Customer', exact: true }).fill('Dupont');
    await page.getByRole('option').first().click();
    await page.getByTestId('preview').waitFor();
    await shot(page, `${prefix}-02-template-editor`);
    await page.getByRole('tab', { name: 'SMS' }).click();
    await shot(page, `${prefix}-03-template-sms`);
    await page.goto(`${comptoir.url}/messages/channels`);
    await shot(page, `${prefix}-04-channels`);
    await page.goto(`${comptoir.url}/messages/reminders`);
    await page.getByPlaceholder(/^(JJ\/MM\/AAAA|DD\/MM\/YYYY)$/).fill('17/04/2024');
    await page.locator('button', { hasText: locale === 'fr' ? 'Lancer les relances' : 'Run the reminders' }).click();
    await page.getByTestId('reminder-run-result').waitFor();
    await shot(page, `${prefix}-05-reminders`);
    await page.getByTestId('reminder-level').first().getByRole('button').first().click();
    await shot(page, `${prefix}-06-reminder-level`);
    await page.goto(`${comptoir.url}/messages/history`);
    await shot(page, `${prefix}-07-history`);
    await page.goto(`${comptoir.url}/customers/${marie.id}/messages`);
    await shot(page, `${prefix}-08-contact-messages`);
    await page.goto(`${comptoir.url}/customers/${marie.id}/ledger`);
    await page.locator('button', { hasText: locale === 'fr' ? 'Envoyer le relevé' : 'Send the statement' }).click();
    await page.getByRole('dialog').waitFor();
    await page.waitForTimeout(800);
    await page.getByRole('dialog').getByRole('checkbox', { name: 'SMS' }).check();
    await shot(page, `${prefix}-09-send-dialog`);
    if (session.problems.length > 0) console.log(prefix, session.problems);
    await session.close();
  }
}
await comptoir.close();
await smtp.close();
console.log(`screenshots in ${outputDir}`);
