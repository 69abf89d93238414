/**
 * Captures the contact list screens (search, filters, totals, views,
 * columns) and the duplicates and merge screens in French and English, at
 * 1366×800 and 390×844, into ./screenshots/search/. Run `npx vite build`
 * first, then `npx tsx test/e2e/search-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots', 'search');
const viewports = [
  { name: 'desktop', width: 1366, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

const firstNames = ['Marie', 'Jean', 'Sophie', 'Karim', 'Élodie', 'Lucas', 'Chloé', 'Hugo', 'Inès', 'Théo', 'Léa', 'Nathan'];
const lastNames = ['Dupont', 'Lefèvre', 'Nguyen', 'Benali', 'Marchand', 'Moreau', 'Girard', 'Fontaine', 'Roux', 'Muller'];
const towns = ['Lyon', 'Villeurbanne', 'Caluire-et-Cuire', 'Vénissieux', 'Bron', 'Saint-Genis-les-Ollières'];

async function headers(request: APIRequestContext, url: string): Promise<Record<string, string>> {
  const session = await request.get(`${url}/api/v1/session`);
  return { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
}

async function post(request: APIRequestContext, url: string, path: string, data: unknown): Promise<{ id: string }> {
  const response = await request.post(`${url}/api/v1${path}`, { data, headers: await headers(request, url) });
  if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function seed(comptoir: RunningComptoir): Promise<{ duplicates: string[] }> {
  const session = await openBrowser();
  const { request } = session.context;
  const url = comptoir.url;
  await request.post(`${url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
  await request.patch(`${url}/api/v1/business`, {
    data: { customFieldLabels: { custom1: 'Allergies', custom2: 'Jour de livraison' } },
    headers: await headers(request, url),
  });
  const group = await post(request, url, '/customer-groups', { name: 'Restaurants', calculation: 'percentage', percentage: '5' });

  const sale = (contactId: string, date: string, price: string) => ({
    contactId, date, status: 'final', payTerm: { number: 30, unit: 'days', endOfMonth: false },
    lines: [{ description: 'Panier garni', quantity: '1', unitPrice: price }],
  });
  const today = new Date().toISOString().slice(0, 10);
  for (let i = 0; i < 48; i += 1) {
    const first = firstNames[i % firstNames.length] ?? '';
    const last = lastNames[(i * 7) % lastNames.length] ?? '';
    const contact = await post(request, url, '/contacts', {
      type: i % 11 === 0 ? 'both' : 'customer',
      kind: i % 9 === 4 ? 'business' : 'individual',
      firstName: first,
      lastName: last,
      businessName: i % 9 === 4 ? `Boulangerie ${last}` : null,
      mobile: `06 ${String(10 + i).padStart(2, '0')} ${String(20 + i).padStart(2, '0')} 34 ${String(i).padStart(2, '0')}`,
      email: i % 3 === 0 ? `${first.toLowerCase()}.${last.toLowerCase()}${i}@exemple.fr`.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : null,
      city: towns[i % towns.length],
      customerGroupId: i % 5 === 0 ? group.id : null,
      customFields: i % 4 === 0 ? { custom1: 'Gluten' } : {},
      openingBalance: i % 7 === 3 ? '-40.00' : '0',
    });
    if (i % 3 !== 2) await post(request, url, '/sales', sale(contact.id, i % 4 === 0 ? '2024-03-01' : today, `${20 + i * 3}.50`));
  }
  const a = await post(request, url, '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Hélène', lastName: 'Dubois', mobile: '06 12 34 56 78', email: 'helene.dubois@exemple.fr',
  });
  const b = await post(request, url, '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Helene', lastName: 'Dubois', mobile: '+33 6 12 34 56 78', city: 'Villeurbanne',
  });
  await post(request, url, '/sales', sale(a.id, today, '80.00'));
  await post(request, url, '/sales', sale(b.id, '2024-03-01', '45.00'));
  await post(request, url, '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Girard', mobile: '07 11 22 33 44', email: 'paul.girard@exemple.fr',
  });
  await post(request, url, '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Girard', mobile: '07 55 66 77 88', email: 'Paul.Girard@exemple.fr', city: 'Lyon',
  });
  await session.close();
  return { duplicates: [a.id, b.id] };
}

async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(outputDir, `${name}.png`) });
}

async function capture(comptoir: RunningComptoir, duplicates: string[], locale: (typeof locales)[number], viewport: (typeof viewports)[number]) {
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  const prefix = `${locale}-${viewport.name}`;
  const phone = viewport.name === 'phone';
  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);

  await shot(page, `${prefix}-01-list`);
  await page.getByRole('searchbox').fill('06 12 34');
  await page.waitForURL(/q=06/);
  await shot(page, `${prefix}-02-search-phone`);
  await page.getByRole('searchbox').fill('');
  await page.getByRole('button', { name: /Ajouter un filtre|Add a filter/ }).click();
  await shot(page, `${prefix}-03-add-filter-menu`);
  await page.getByRole('menuitem', { name: /En retard de paiement|Overdue/ }).click();
  await page.getByRole('button', { name: /Ajouter un filtre|Add a filter/ }).click();
  await page.getByRole('menuitem', { name: /Groupe de clients|Customer group/ }).click();
  await shot(page, `${prefix}-04-filter-editor`);
  await page.getByRole('option').first().click();
  await page.getByRole('dialog').locator('button[type=submit]').click();
  await shot(page, `${prefix}-05-filtered-with-totals`);
  await page.goto(`${url}/customers?hasReceivableDue=true&sort=balance&order=desc`);
  await page.getByRole('button', { name: /^(Vues|Views)$/ }).click();
  await shot(page, `${prefix}-06-views-menu`);
  await page.keyboard.press('Escape');
  if (!phone) {
    await page.getByRole('button', { name: /Colonnes|Columns/ }).click();
    await shot(page, `${prefix}-07-column-picker`);
    await page.keyboard.press('Escape');
  }
  await page.goto(`${url}/contacts/duplicates`);
  await shot(page, `${prefix}-08-duplicates`);
  await page.goto(`${url}/contacts/merge?ids=${duplicates.join(',')}`);
  await page.getByTestId('merge-moves').getByRole('table').waitFor();
  await shot(page, `${prefix}-09-merge`);
  await page.getByRole('button', { name: /Fusionner 2|Merge 2/ }).click();
  await shot(page, `${prefix}-10-merge-confirm`);
  await session.close();
}

mkdirSync(outputDir, { recursive: true });
const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
try {
  const { duplicates } = await seed(comptoir);
  for (const locale of locales) {
    for (const viewport of viewports) await capture(comptoir, duplicates, locale, viewport);
  }
} finally {
  await comptoir.close();
}
console.log(`screenshots in ${outputDir}`);
