/**
 * Captures the contact form after a save that clashed with another user's
 * save, and after loading the current contact with the user's edits on top,
 * in French and English, at 1366×800 and 390×844, into
 * ./screenshots/conflict/. Run `npm run build` first, then
 * `npx tsx test/e2e/conflict-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN, callApi, openBrowser, startComptoir, webStrings as strings } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots', 'conflict');
const viewports = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;
type Locale = (typeof locales)[number];

const SELLER = { email: 'julien@epicerie-martin.fr', password: 'Vendeur-essai-2024', name: 'Julien Petit' };

async function signIn(page: Page, url: string, locale: Locale, account: { email: string; password: string }) {
  await page.goto(`${url}/sign-in`);
  await page.locator('label', { hasText: locale === 'en' ? /^EN$/ : /^FR$/ }).click();
  await page.getByRole('textbox').first().fill(account.email);
  await page.locator('input[type=password]').fill(account.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(outputDir, `${name}.png`) });
}

async function capture(locale: Locale, viewport: (typeof viewports)[number]) {
  const t = strings(locale);
  const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale } });
  const claire = await openBrowser({ width: viewport.width, height: viewport.height });
  const julien = await openBrowser();
  try {
    const url = comptoir.url;
    await signIn(claire.page, url, locale, ADMIN);
    const api = <T>(method: 'POST', path: string, data: unknown) => callApi<T>(claire.page.request, url, method, path, data);
    const role = await api<{ id: string }>('POST', '/roles', { name: 'Vente', permissions: ['customer.view', 'customer.update'] });
    await api('POST', '/users', { ...SELLER, roleId: role.id, locale, locationIds: [] });
    const contact = await api<{ id: string }>('POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 56 01',
      city: 'Nantes', addressLine1: '12 rue des Halles',
    });
    await signIn(julien.page, url, locale, SELLER);

    const editUrl = `${url}/customers/${contact.id}/edit`;
    const city = (page: Page) => page.getByRole('textbox', { name: t('contact.fields.city'), exact: true });
    const save = (page: Page) => page.getByRole('button', { name: t('common.save'), exact: true }).click();
    await claire.page.goto(editUrl);
    await julien.page.goto(editUrl);
    await city(claire.page).waitFor();
    await city(julien.page).waitFor();

    await city(julien.page).fill('Brest');
    await julien.page.getByRole('textbox', { name: t('contact.fields.email'), exact: true }).fill('agathe@example.fr');
    await save(julien.page);
    await julien.page.waitForURL((address) => address.pathname === `/customers/${contact.id}`);

    await city(claire.page).fill('Quimper');
    await claire.page.getByRole('textbox', { name: t('contact.fields.zipCode'), exact: true }).fill('29000');
    await save(claire.page);
    await claire.page.getByRole('alert').filter({ hasText: t('contactForm.conflictTitle') }).waitFor();
    await shot(claire.page, `${locale}-${viewport.name}-1-conflict`);

    await claire.page.getByRole('button', { name: t('contactForm.conflictLoad') }).click();
    const rebased = claire.page.getByRole('status').filter({ hasText: t('contactForm.rebasedTitle') });
    await rebased.waitFor();
    await shot(claire.page, `${locale}-${viewport.name}-2-rebased`);
  } finally {
    await julien.close();
    await claire.close();
    await comptoir.close();
  }
}

mkdirSync(outputDir, { recursive: true });
for (const locale of locales) {
  for (const viewport of viewports) await capture(locale, viewport);
}
console.log(`Screenshots in ${outputDir}`);
