/**
 * Captures the screens of amount fields, form errors, the phone contact
 * list, a list without figures and the gateway test send, in French and
 * English, at 1366×800 and 390×844, into ./screenshots/forms/. Run
 * `npx vite build` first, then `npx tsx test/e2e/forms-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { type HttpCapture, startHttpServer } from '../helpers/messaging.ts';
import { ADMIN, openBrowser, type RunningComptoir, startComptoir, webStrings as strings } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots', 'forms');
const viewports = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;
type Locale = (typeof locales)[number];

const CLERK = { email: 'vendeur@epicerie-martin.fr', password: 'Vendeur-essai-2024', name: 'Hugo Vendeur' };

async function headers(request: APIRequestContext, url: string): Promise<Record<string, string>> {
  const session = await request.get(`${url}/api/v1/session`);
  return { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
}

async function post(request: APIRequestContext, url: string, path: string, data: unknown): Promise<{ id: string }> {
  const response = await request.post(`${url}/api/v1${path}`, { data, headers: await headers(request, url) });
  if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function put(request: APIRequestContext, url: string, path: string, data: unknown): Promise<void> {
  const response = await request.put(`${url}/api/v1${path}`, { data, headers: await headers(request, url) });
  if (!response.ok()) throw new Error(`PUT ${path} failed with ${response.status()}: ${await response.text()}`);
}

async function seed(comptoir: RunningComptoir, gateway: HttpCapture): Promise<string> {
  const session = await openBrowser();
  const { request } = session.context;
  const url = comptoir.url;
  await request.post(`${url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const marie = await post(request, url, '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Marie', lastName: 'Dupont', mobile: '06 12 34 56 78', city: 'Lyon', creditLimit: '5000.00',
  });
  await post(request, url, '/sales', {
    contactId: marie.id, date: today, status: 'final', lines: [{ description: 'Vélo de ville', quantity: '1', unitPrice: '2000.00' }],
  });
  for (const [first, last, city] of [['Jean', 'Faure', 'Villeurbanne'], ['Sophie', 'Nguyen', 'Bron'], ['Karim', 'Benali', 'Caluire-et-Cuire']]) {
    await post(request, url, '/contacts', {
      type: 'customer', kind: 'individual', firstName: first, lastName: last, city, mobile: `07 ${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    });
  }
  await post(request, url, '/price-groups', { name: 'Restaurants' });
  const role = await post(request, url, '/roles', { name: 'Vendeur sans chiffres', permissions: ['customer.view', 'customer.create', 'sale.create'] });
  await post(request, url, '/users', { ...CLERK, roleId: role.id });
  const gatewayBody = { enabled: true, method: 'POST', contentType: 'application/json', bodyTemplate: '{"to":"{{number}}","text":"{{text}}"}' };
  await put(request, url, '/message-channels/sms', { ...gatewayBody, url: `${gateway.url}/sms`, headers: { Authorization: 'Bearer essai' } });
  await session.close();
  return marie.id;
}

async function shot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(outputDir, `${name}.png`), fullPage: options.fullPage ?? false });
}

async function signIn(page: Page, url: string, locale: Locale, account: { email: string; password: string }) {
  await page.goto(`${url}/sign-in`);
  await page.locator('label', { hasText: locale === 'en' ? /^EN$/ : /^FR$/ }).click();
  await page.getByRole('textbox').first().fill(account.email);
  await page.locator('input[type=password]').fill(account.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);
}

async function captureSetup(locale: Locale, viewport: (typeof viewports)[number]) {
  const t = strings(locale);
  const comptoir = await startComptoir();
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  try {
    const { page } = session;
    await page.goto(`${comptoir.url}/setup`);
    await page.locator('label', { hasText: locale === 'en' ? /^EN$/ : /^FR$/ }).click();
    await page.getByRole('button', { name: t('setup.submit') }).click();
    await page.locator('.mantine-InputWrapper-error').first().waitFor();
    await shot(page, `${locale}-${viewport.name}-01-setup-errors`, { fullPage: true });
  } finally {
    await session.close();
    await comptoir.close();
  }
}

async function capture(comptoir: RunningComptoir, gateway: HttpCapture, marieId: string, locale: Locale, viewport: (typeof viewports)[number]) {
  const t = strings(locale);
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  const prefix = `${locale}-${viewport.name}`;
  const ambiguous = locale === 'fr' ? '12.345' : '1.234';
  await signIn(page, url, locale, ADMIN);

  await shot(page, `${prefix}-02-contact-list`);

  await page.goto(`${url}/customers/${marieId}`);
  await page.getByRole('button', { name: t('payments.receive'), exact: true }).click();
  const pay = page.getByRole('dialog');
  await shot(page, `${prefix}-03-pay-prefilled`);
  const amount = pay.getByRole('textbox', { name: t('payments.fields.amount') });
  await amount.fill(ambiguous);
  await amount.blur();
  await pay.locator('.mantine-TextInput-error').waitFor();
  await shot(page, `${prefix}-04-pay-ambiguous`);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/customers/new`);
  const opening = page.getByRole('textbox', { name: t('contact.fields.openingBalance') });
  await opening.fill(locale === 'fr' ? '-1234,5' : '-1234.5');
  await opening.blur();
  const limit = page.getByRole('textbox', { name: t('contact.fields.creditLimit') });
  await limit.fill(locale === 'fr' ? '1 500,555' : '1,500.555');
  await limit.blur();
  await limit.evaluate((input) => input.scrollIntoView({ block: 'center' }));
  await shot(page, `${prefix}-05-contact-amounts`);

  await page.goto(`${url}/sales/new`);
  await page.getByRole('textbox', { name: t('trade.lines.description') }).first().fill('Vélo de ville');
  const quantity = page.getByRole('textbox', { name: t('trade.lines.quantity') }).first();
  await quantity.fill(locale === 'fr' ? '1,5' : '1.5');
  const price = page.getByRole('textbox', { name: t('trade.lines.unitPrice') }).first();
  await price.fill(locale === 'fr' ? '1 234,5' : '1,234.5');
  await price.blur();
  await page.getByTestId('line-0').scrollIntoViewIfNeeded();
  await shot(page, `${prefix}-06-sale-lines`);

  await page.goto(`${url}/catalogue/products`);
  await page.getByRole('button', { name: t('pricing.products.new') }).first().click();
  const product = page.getByRole('dialog');
  await product.getByRole('button', { name: t('pricing.products.create') }).click();
  await product.locator('.mantine-InputWrapper-error').first().waitFor();
  await product.getByRole('textbox', { name: t('pricing.products.sellingPrice') }).fill(ambiguous);
  await product.getByRole('textbox', { name: t('pricing.products.sellingPrice') }).blur();
  await shot(page, `${prefix}-07-product-errors`);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/catalogue/loyalty`);
  await page.getByRole('textbox', { name: t('loyalty.settings.amountPerPoint') }).fill(locale === 'fr' ? '1 000,5' : '1,000.5');
  await page.getByRole('textbox', { name: t('loyalty.settings.amountPerPoint') }).blur();
  await shot(page, `${prefix}-08-loyalty-amounts`);

  await page.goto(`${url}/settings/users`);
  await page.getByRole('button', { name: t('settings.users.new') }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: t('settings.users.create') }).click();
  await page.getByRole('dialog').locator('.mantine-InputWrapper-error').first().waitFor();
  await shot(page, `${prefix}-09-new-user-errors`);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/messages/channels`);
  const sms = page.locator('.mantine-Paper-root', { has: page.getByRole('heading', { name: t('msg.channels.sms.title'), exact: true }) });
  await sms.getByRole('textbox', { name: t('msg.channels.test.toPhone') }).fill('06 12 34 56 78');
  gateway.status = 500;
  await sms.getByRole('button', { name: t('msg.channels.test.send') }).click();
  await page.getByTestId('test-sms-result').waitFor();
  gateway.status = 200;
  await page.getByTestId('test-sms-result').scrollIntoViewIfNeeded();
  await shot(page, `${prefix}-10-gateway-500`);
  await sms.getByRole('textbox', { name: t('msg.channels.test.toPhone') }).fill('12');
  await sms.getByRole('button', { name: t('msg.channels.test.send') }).click();
  await sms.locator('.mantine-TextInput-error').waitFor();
  await shot(page, `${prefix}-11-gateway-bad-number`);
  await session.close();

  const clerk = await openBrowser({ width: viewport.width, height: viewport.height });
  await signIn(clerk.page, url, locale, CLERK);
  await shot(clerk.page, `${prefix}-12-list-without-figures`);
  await clerk.close();
}

mkdirSync(outputDir, { recursive: true });
const gateway = await startHttpServer();
const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
try {
  const marieId = await seed(comptoir, gateway);
  for (const locale of locales) {
    for (const viewport of viewports) {
      await captureSetup(locale, viewport);
      await capture(comptoir, gateway, marieId, locale, viewport);
    }
  }
} finally {
  await comptoir.close();
  await gateway.close();
}
console.log(`screenshots in ${outputDir}`);
