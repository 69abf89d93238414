/**
 * Captures the customer list (columns, filter editors, totals after a load
 * error, keyboard hint) and the duplicates page in French and English, at
 * 1280×800 and 390×844, into ./screenshots/list/. Run `npx vite build`
 * first, then `npx tsx test/e2e/list-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots', 'list');
const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

async function seed(page: Page, url: string): Promise<void> {
  const contacts = [
    { type: 'customer', kind: 'individual', firstName: 'Jonas', lastName: 'Weber', mobile: '+49 151 23456789', dateOfBirth: '1984-12-24' },
    { type: 'both', kind: 'business', businessName: 'Primeurs du Rhône', mobile: '+33 6 12 34 56 78', landline: '+33 4 78 12 34 56' },
    { type: 'both', kind: 'business', businessName: 'Primeurs du Rhone', mobile: '+33 6 12 34 56 78', city: 'Lyon' },
    { type: 'customer', kind: 'individual', firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 56 01', dateOfBirth: '1990-01-05', city: 'Lyon' },
    { type: 'customer', kind: 'individual', firstName: 'Chloé', lastName: 'Petit', mobile: '06 12 34 56 02', email: 'chloe.petit@exemple.fr', city: 'Villeurbanne' },
  ];
  const ids: string[] = [];
  for (const data of contacts) ids.push((await callApi<{ id: string }>(page.request, url, 'POST', '/contacts', data)).id);
  for (const [index, date] of [[0, '2025-03-14'], [3, '2025-06-02'], [1, '2024-11-20']] as const) {
    await callApi(page.request, url, 'POST', '/sales', {
      contactId: ids[index], date, status: 'final', payTerm: { number: 30, unit: 'days', endOfMonth: false },
      lines: [{ description: 'Panier garni', quantity: '1', unitPrice: '42.50' }],
    });
  }
}

async function setLocale(page: Page, url: string, locale: string): Promise<void> {
  const session = await page.request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  await page.request.patch(`${url}/api/v1/session`, { data: { locale }, headers: { 'X-CSRF-Token': csrfToken } });
  await page.evaluate((value) => window.localStorage.setItem('comptoir.locale', value), locale);
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(outputDir, `${name}.png`), fullPage: false });
}

async function main(): Promise<void> {
  mkdirSync(outputDir, { recursive: true });
  const comptoir: RunningComptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
  try {
    for (const locale of locales) {
      for (const viewport of viewports) {
        const session = await openBrowser({ width: viewport.width, height: viewport.height });
        const { page } = session;
        await signIn(page, comptoir.url);
        if (locale === 'fr' && viewport.name === 'desktop') await seed(page, comptoir.url);
        await setLocale(page, comptoir.url, locale);
        await page.evaluate((value) => window.localStorage.setItem('comptoir.columns.customer', JSON.stringify(value)), [
          'code', 'name', 'mobile', 'landline', 'email', 'city', 'balance', 'status',
        ]);
        const prefix = `${locale}-${viewport.name}`;
        await page.goto(`${comptoir.url}/customers?sort=lastActivity&order=desc`);
        await page.locator('[data-testid="list-count"]').waitFor();
        await shoot(page, `${prefix}-customers`);
        if (viewport.name === 'desktop') {
          await page.getByRole('searchbox').press('ArrowDown');
          await page.getByRole('grid').press('End');
          await shoot(page, `${prefix}-keys-hint`);
        }

        await page.goto(`${comptoir.url}/customers?birthdayFrom=12-20&birthdayTo=01-10`);
        await page.locator('[data-testid="list-count"]').waitFor();
        await page.locator('[data-testid="filter-chips"] button').first().click();
        await shoot(page, `${prefix}-birthday-editor`);

        await page.goto(`${comptoir.url}/customers?createdFrom=2025-03-01&createdTo=2025-01-31`);
        await page.locator('[data-testid="filter-chips"] button').first().click();
        await page.locator('form button[type="submit"]').click();
        await shoot(page, `${prefix}-created-editor`);

        await page.route('**/api/v1/contacts/totals*', (route) => route.fulfill({ status: 500, body: '{}' }));
        await page.goto(`${comptoir.url}/customers`);
        await page.locator('table, .mantine-Card-root').first().waitFor();
        await page.waitForTimeout(4000);
        await shoot(page, `${prefix}-totals-error`);
        await page.unroute('**/api/v1/contacts/totals*');

        await page.goto(`${comptoir.url}/contacts/duplicates`);
        await page.getByTestId('duplicate-group').first().waitFor();
        await shoot(page, `${prefix}-duplicates`);
        await session.close();
      }
    }
  } finally {
    await comptoir.close();
  }
}

await main();
