/**
 * Captures the duplicates page and the merge screen of two contacts whose
 * merge takes an e-mail and a mobile from the merged one and writes a note
 * of the values it does not take. French and English at 1366×768 and
 * 390×844, into ./screenshots/ (files named `duplicates-…` and `merge-…`).
 * Run `npm run build` first, then `npx tsx test/e2e/merge-screenshots.ts`.
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

/**
 * Adds two records of the same customer, the kept one first, whose ids it
 * returns, then a third one that shares the first one's mobile and city and
 * two records of one company, so that the duplicates page lists groups.
 */
async function seed(comptoir: RunningComptoir): Promise<{ pair: string[]; trio: string[] }> {
  const session = await openBrowser();
  const { page } = session;
  await signIn(page, comptoir.url, 'fr');
  const contacts = [
    { firstName: 'Lucie', lastName: 'Marchal', mobile: '0612345678', landline: '04 78 00 00 01', city: 'Lyon', zipCode: '69003' },
    { firstName: 'Lucie', lastName: 'Marchal', mobile: '+33698765432', email: 'l.marchal@exemple.fr', city: 'Villeurbanne', zipCode: '69100' },
    { firstName: 'Lucie', lastName: 'MARCHAL', mobile: '06 12 34 56 78', email: 'lucie.marchal-boulangerie@exemple-de-domaine.fr', city: 'Lyon' },
  ];
  const ids: string[] = [];
  for (const contact of contacts) {
    const created = await send(page, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'individual', ...contact });
    ids.push(created.id);
  }
  for (const businessName of ['Primeurs du Rhône', 'Primeurs du Rhone']) {
    const company = { type: 'both', kind: 'business', businessName, mobile: '+33 4 78 12 34 56', email: 'contact@primeurs-du-rhone.fr' };
    await send(page, comptoir.url, 'POST', '/contacts', company);
  }
  await session.close();
  return { pair: ids.slice(0, 2), trio: ids };
}

async function main() {
  mkdirSync(outputDir, { recursive: true });
  const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
  try {
    const { pair, trio } = await seed(comptoir);
    for (const locale of locales) {
      for (const viewport of viewports) {
        const session = await openBrowser({ width: viewport.width, height: viewport.height });
        const { page } = session;
        await signIn(page, comptoir.url, locale);
        await page.goto(`${comptoir.url}/contacts/duplicates`);
        await page.getByTestId('duplicate-group').first().waitFor();
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: resolve(outputDir, `duplicates-${locale}-${viewport.name}.png`), fullPage: true });
        for (const [name, ids] of [['merge', pair], ['merge-three', trio]] as const) {
          await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
          await page.getByTestId('merge-result-note').first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(250);
          await page.screenshot({ path: resolve(outputDir, `${name}-${locale}-${viewport.name}.png`), fullPage: true });
        }
        await session.close();
      }
    }
  } finally {
    await comptoir.close();
  }
}

await main();
