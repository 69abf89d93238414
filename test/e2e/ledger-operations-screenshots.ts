/**
 * Captures the ledger tab's money operations (refund, apply advance,
 * discount, reversal), the edit form of a parked sale and the void dialog of
 * a sale with a return. Each is taken in French and English at 1366×800 and
 * 390×844, into ./screenshots/ (files named `operations-…`). Run `npx vite build` first,
 * then `npx tsx test/e2e/ledger-operations-screenshots.ts`.
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

function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

interface Seeded {
  contactId: string;
  parkedSale: string;
  returnedSale: string;
}

async function seed(comptoir: RunningComptoir): Promise<Seeded> {
  const session = await openBrowser();
  const { request } = session.context;
  await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
  const post = async <T = { id: string }>(path: string, data: unknown): Promise<T> => {
    const current = await request.get(`${comptoir.url}/api/v1/session`);
    const { csrfToken } = (await current.json()) as { csrfToken: string };
    const response = await request.post(`${comptoir.url}/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  };
  const line = (description: string, quantity: string, unitPrice: string) => ({ description, quantity, unitPrice, taxRate: '5.5' });

  await post('/locations', { name: 'Boutique de la Croix-Rousse', city: 'Lyon', country: 'FR' });
  const { id: contactId } = await post('/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Lucie', lastName: 'Moreau', mobile: '06 98 76 54 32', city: 'Lyon',
  });
  const sale = (days: number, lines: unknown[]) =>
    post<{ id: string; lines: { id: string }[] }>('/sales', { contactId, date: daysAgo(days), status: 'final', lines });
  await sale(40, [line('Panier garni', '2', '45.50')]);
  await post('/payments', { contactId, amount: '250.00', method: 'cheque', date: daysAgo(38), reference: 'Chèque 2231' });
  const returned = await sale(20, [line('Café en grains 1 kg', '3', '18.90'), line('Thé vert 100 g', '2', '7.40')]);
  await post(`/sales/${returned.id}/returns`, { date: daysAgo(18), lines: [{ lineId: returned.lines[0]?.id, quantity: '1' }] });
  await sale(6, [line('Chocolats de Noël', '4', '15.90')]);
  await post(`/contacts/${contactId}/discounts`, { amount: '0.42', date: daysAgo(5), reason: 'Arrondi commercial' });
  const parked = await post('/sales', {
    contactId, date: daysAgo(1), status: 'parked', note: 'À livrer jeudi',
    lines: [line('Commande de fête à confirmer', '1', '120.00'), line('Bûche pâtissière', '2', '24.00')],
  });
  await session.close();
  return { contactId, parkedSale: parked.id, returnedSale: returned.id };
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(600);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: resolve(outputDir, `operations-${name}.png`) });
  if (fullPage && viewport) await page.setViewportSize(viewport);
}

async function capture(comptoir: RunningComptoir, ids: Seeded, locale: (typeof locales)[number], viewport: (typeof viewports)[number]) {
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  const prefix = `${locale}-${viewport.name}`;

  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);

  await page.goto(`${url}/customers/${ids.contactId}/ledger`);
  await page.locator('[data-testid="ledger-closing"]:visible').first().waitFor();
  await shot(page, `${prefix}-01-ledger`);

  const dialog = page.getByRole('dialog');
  const open = async (name: RegExp, file: string) => {
    await page.getByRole('button', { name }).first().click();
    await dialog.waitFor();
    await shot(page, `${prefix}-${file}`, false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  };
  await open(/^(Rembourser|Refund)$/, '02-refund');
  await open(/^(Imputer l’avance|Apply advance)$/, '03-apply');
  await open(/^(Remise|Discount)$/, '04-discount');
  await page.locator('[data-testid="reverse-line"]:visible').first().click();
  await dialog.waitFor();
  await shot(page, `${prefix}-05-reverse`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/sales/${ids.parkedSale}/edit`);
  await page.getByTestId('line-0').waitFor();
  await shot(page, `${prefix}-06-edit-parked`);

  await page.goto(`${url}/sales/${ids.returnedSale}`);
  await page.getByRole('button', { name: /^(Annuler la vente|Void the sale)$/ }).click();
  await dialog.waitFor();
  await shot(page, `${prefix}-07-void-with-return`, false);

  if (session.problems.length > 0) console.error(`${prefix}: ${session.problems.join('\n')}`);
  await session.close();
}

async function main() {
  mkdirSync(outputDir, { recursive: true });
  const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
  try {
    const ids = await seed(comptoir);
    for (const locale of locales) {
      for (const viewport of viewports) await capture(comptoir, ids, locale, viewport);
    }
  } finally {
    await comptoir.close();
  }
}

await main();
