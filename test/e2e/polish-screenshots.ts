/**
 * Captures the date field and its calendar, the sign-in dialog of an ended
 * session, the first visit in an English browser, the loyalty switch, the
 * template placeholders and a reminder run, in French and English, at
 * 1366×800 and 390×844, into ./screenshots/polish/. Run `npx vite build`
 * first, then `npx tsx test/e2e/polish-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN, openBrowser, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots', 'polish');
const viewports = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

async function headers(request: APIRequestContext, url: string): Promise<Record<string, string>> {
  const session = await request.get(`${url}/api/v1/session`);
  return { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
}

async function shot(page: Page, name: string) {
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(outputDir, `${name}.png`), fullPage: false });
}

mkdirSync(outputDir, { recursive: true });
const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
const url = comptoir.url;

const seeding = await openBrowser();
const { request } = seeding.context;
await request.post(`${url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
await request.patch(`${url}/api/v1/business`, {
  data: { customFieldLabels: { custom1: 'Allergies', custom3: 'Jour de livraison' } },
  headers: await headers(request, url),
});
const contact = await request.post(`${url}/api/v1/contacts`, {
  data: { type: 'customer', kind: 'individual', firstName: 'Marie', lastName: 'Dupont', mobile: '06 12 34 56 78', email: 'marie@exemple.fr' },
  headers: await headers(request, url),
});
const contactId = ((await contact.json()) as { id: string }).id;
const templates = await request.get(`${url}/api/v1/message-templates`);
const reminderTemplate = ((await templates.json()) as { items: { id: string; event: string }[] }).items.find((item) => item.event === 'payment_reminder');
await seeding.close();

for (const locale of locales) {
  for (const viewport of viewports) {
    const prefix = `polish-${locale}-${viewport.name}`;

    // A first visit from a browser in the language being captured.
    const visitor = await openBrowser({ width: viewport.width, height: viewport.height, locale: locale === 'fr' ? 'fr-FR' : 'en-US' });
    await visitor.page.goto(`${url}/sign-in`);
    await visitor.page.locator('form').waitFor();
    await shot(visitor.page, `${prefix}-01-first-visit-sign-in`);
    await visitor.close();

    const session = await openBrowser({ width: viewport.width, height: viewport.height });
    const { page } = session;
    await page.addInitScript((chosen) => window.localStorage.setItem('comptoir.locale', chosen), locale);
    await page.goto(`${url}/sign-in`);
    await page.getByRole('textbox').first().fill(ADMIN.email);
    await page.locator('input[type=password]').fill(ADMIN.password);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL(`${url}/customers`);
    // The administrator's saved language applies after signing in, so the switch sets the captured one.
    const switchLabel = page.locator('label', { hasText: locale === 'fr' ? /^FR$/ : /^EN$/ });
    await switchLabel.first().click();
    await page.getByRole('link', { name: locale === 'fr' ? 'Clients' : 'Customers', exact: true }).first().waitFor();

    // The payment dialog's date field: an impossible day, then the calendar.
    await page.goto(`${url}/customers/${contactId}/ledger`);
    await page.getByRole('button', { name: locale === 'fr' ? 'Encaisser' : 'Receive payment', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const date = dialog.getByRole('textbox', { name: 'Date' });
    await date.fill('31/02/2026');
    await date.press('Tab');
    await shot(page, `${prefix}-02-date-invalid`);
    await date.fill('10/03/2026');
    await dialog.getByRole('button', { name: locale === 'fr' ? 'Ouvrir le calendrier' : 'Open the calendar' }).click();
    await page.getByRole('grid').waitFor();
    await shot(page, `${prefix}-03-date-calendar`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // The reminder run day and its result.
    await page.goto(`${url}/messages/reminders`);
    await page.getByPlaceholder(/^(JJ\/MM\/AAAA|DD\/MM\/YYYY)$/).fill('17/04/2026');
    await page.getByRole('checkbox').last().uncheck();
    await page.locator('button', { hasText: locale === 'fr' ? 'Lancer les relances' : 'Run the reminders' }).click();
    await page.getByTestId('reminder-run-result').waitFor();
    await shot(page, `${prefix}-04-reminder-run`);

    // The placeholders list names the two custom fields in use.
    if (reminderTemplate) {
      await page.goto(`${url}/messages/templates/${reminderTemplate.id}`);
      await page.getByText('Jour de livraison', { exact: true }).scrollIntoViewIfNeeded();
      await shot(page, `${prefix}-05-placeholders`);
    }

    await page.goto(`${url}/catalogue/loyalty`);
    await page.getByRole('switch').first().waitFor();
    await shot(page, `${prefix}-06-loyalty-off`);

    // The session ends while a new contact is being typed.
    await page.goto(`${url}/customers/new`);
    await page.getByRole('textbox', { name: locale === 'fr' ? 'Prénom' : 'First name', exact: true }).fill('Lucie');
    await page.getByRole('textbox', { name: locale === 'fr' ? 'Nom de famille' : 'Last name', exact: true }).fill('Moreau');
    await page.request.delete(`${url}/api/v1/session`, { headers: await headers(page.request, url) });
    await page.locator('form button[type=submit]').first().click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `${prefix}-07-session-ended`);
    await session.close();
  }
}
await comptoir.close();
console.log(`Screenshots in ${outputDir}`);
