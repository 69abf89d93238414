/**
 * Captures the merge screen of two contacts whose merge takes an e-mail and
 * a mobile from the merged one and writes a note of the values it does not
 * take. French and English at 1366×768 and 390×844, into ./screenshots/
 * (files named `merge-…`). Run `npx vite build` first, then
 * `npx tsx test/e2e/merge-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots');
const viewports = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

async function send(page: Page, url: string, method: string, path: string, data?: unknown) {
  const session = await page.request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${url}/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path} failed with ${response.status()}: ${await response.text()}`);
  return response.json();
}

async function signIn(page: Page, url: string, locale: (typeof locales)[number]) {
  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);
}

/** Adds two records of the same customer and returns their ids, the kept one first. */
async function seed(comptoir: RunningComptoir): Promise<string[]> {
  const session = await openBrowser();
  const { page } = session;
  await signIn(page, comptoir.url, 'fr');
  const contacts = [
    { firstName: 'Lucie', lastName: 'Marchal', mobile: '0612345678', landline: '04 78 00 00 01', city: 'Lyon', zipCode: '69003' },
    { firstName: 'Lucie', lastName: 'Marchal', mobile: '+33698765432', email: 'l.marchal@exemple.fr', city: 'Villeurbanne', zipCode: '69100' },
  ];
  const ids: string[] = [];
  for (const contact of contacts) {
    const created = await send(page, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'individual', ...contact });
    ids.push(created.id);
  }
  await session.close();
  return ids;
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
        await signIn(page, comptoir.url, locale);
        await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
        await page.getByTestId('merge-result-note').waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(250);
        await page.screenshot({ path: resolve(outputDir, `merge-${locale}-${viewport.name}.png`), fullPage: true });
        await session.close();
      }
    }
  } finally {
    await comptoir.close();
  }
}

await main();
