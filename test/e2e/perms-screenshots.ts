/**
 * Captures what a cashier sees where a permission guards money: a paid
 * walk-in sale with its Void button disabled, and a customer's form with the
 * customer group read-only. French and English at 1366×800 and 390×844, into
 * ./screenshots/ (files named `perms-…`). Run `npx vite build` first, then
 * `npx tsx test/e2e/perms-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots');
const viewports = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;
const CASHIER = { email: 'caisse@epicerie-martin.fr', password: 'Caisse-essai-2024' };

async function send(page: Page, url: string, method: string, path: string, data?: unknown) {
  const session = await page.request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${url}/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path} failed with ${response.status()}: ${await response.text()}`);
  return response.json();
}

async function signIn(page: Page, url: string, locale: (typeof locales)[number], user: { email: string; password: string }) {
  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(user.email);
  await page.locator('input[type=password]').fill(user.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);
}

/** Adds a cashier, a customer in a group and a paid walk-in sale, and returns their ids. */
async function seed(comptoir: RunningComptoir): Promise<{ customerId: string; saleId: string }> {
  const session = await openBrowser();
  const { page } = session;
  const url = comptoir.url;
  await signIn(page, url, 'fr', ADMIN);
  const roles = (await send(page, url, 'GET', '/roles')) as { items: { id: string; name: string }[] };
  const cashierRole = roles.items.find((role) => role.name === 'Caissier');
  if (!cashierRole) throw new Error('the Caissier role is missing');
  await send(page, url, 'POST', '/users', { name: 'Lucas Caisse', ...CASHIER, roleId: cashierRole.id, locale: 'fr' });
  const group = await send(page, url, 'POST', '/customer-groups', { name: 'Habitués', calculation: 'percentage', percentage: '5' });
  const customer = await send(page, url, 'POST', '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Marie', lastName: 'Dupont', mobile: '06 12 34 56 78', customerGroupId: group.id,
  });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const sale = await send(page, url, 'POST', '/sales', {
    contactId: null, date: today, status: 'final',
    lines: [{ description: 'Café moulu 250 g', quantity: '2', unitPrice: '6.90', taxRate: '5.5' }],
    payments: [{ amount: '14.56', method: 'cash' }],
  });
  await session.close();
  return { customerId: customer.id, saleId: sale.id };
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(outputDir, `perms-${name}.png`), fullPage });
}

async function main() {
  mkdirSync(outputDir, { recursive: true });
  const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
  try {
    const ids = await seed(comptoir);
    for (const locale of locales) {
      for (const viewport of viewports) {
        const session = await openBrowser({ width: viewport.width, height: viewport.height });
        const { page } = session;
        const prefix = `${locale}-${viewport.name}`;
        await signIn(page, comptoir.url, locale, CASHIER);
        await page.goto(`${comptoir.url}/sales/${ids.saleId}`);
        await page.getByTestId('void-blocked').hover();
        await shot(page, `${prefix}-1-void-blocked`, false);
        await page.goto(`${comptoir.url}/customers/${ids.customerId}/edit`);
        await page.getByTestId('customer-group-select').scrollIntoViewIfNeeded();
        await shot(page, `${prefix}-2-group-read-only`, false);
        await session.close();
      }
    }
  } finally {
    await comptoir.close();
  }
}

await main();
