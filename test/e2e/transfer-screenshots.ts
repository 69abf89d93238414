/**
 * Captures the import wizard (each step, the refused undo, the history)
 * and the export dialog in French and English, at 1366×800 and 390×844,
 * into ./screenshots/ (files named `transfer-…`). Run `npx vite build`
 * first, then `npx tsx test/e2e/transfer-screenshots.ts`.
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

const sampleCsv = [
  "Nom;Prénom;Portable perso;E-mail;Ville;Solde d'ouverture;Date de naissance;Remarque",
  'Martin;Élodie;06 11 22 33 44;elodie.martin@exemple.fr;Lyon;120,50;12/03/1985;cliente du samedi',
  'Petit;Jérôme;07 98 76 54 32;pas-une-adresse;Villeurbanne;0;31/02/1990;',
  'Girard;Anaïs;06 45 67 89 01;anais.girard@exemple.fr;Caluire-et-Cuire;1 234,5x;;',
  'Nguyen;Sophie;07 81 22 33 44;sophie.nguyen@exemple.fr;Lyon;-15,00;;livraison le mardi',
  '',
].join('\r\n');

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  // Lets Mantine's transitions (modals, notifications) finish before the capture.
  await page.waitForTimeout(400);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await page.waitForTimeout(150);
  }
  await page.screenshot({ path: resolve(outputDir, `${name}.png`) });
  if (fullPage && viewport) await page.setViewportSize(viewport);
}

async function capture(comptoir: RunningComptoir, locale: (typeof locales)[number], viewport: (typeof viewports)[number]) {
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  session.expectFailedRequests(/\/api\/v1\/imports\/[^/]+$/);
  const prefix = `transfer-${locale}-${viewport.name}`;

  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);

  await page.goto(`${url}/import`);
  await shot(page, `${prefix}-1-upload`);
  await page.locator('input[type="file"]').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(sampleCsv, 'utf8') });
  await page.getByTestId('mapping-Nom').waitFor();
  await shot(page, `${prefix}-2-mapping`);
  await page.getByTestId('mapping-Portable perso').locator('input').first().click();
  await page.getByRole('option', { name: 'Mobile', exact: true }).click();
  await page.locator('main button').last().click();
  await shot(page, `${prefix}-3-options`);
  await page.locator('main button').last().click();
  await page.getByTestId('total-rows').waitFor();
  await shot(page, `${prefix}-4-preview`);
  await page.locator('main input[type="checkbox"]').first().check();
  await page.locator('main button').last().click();
  await page.getByTestId('import-message').waitFor();
  await shot(page, `${prefix}-5-result`);

  // A payment since the import blocks its undo.
  const list = await page.request.get(`${url}/api/v1/contacts?type=customer&limit=100`);
  const [first] = ((await list.json()) as { items: { id: string }[] }).items;
  const token = ((await (await page.request.get(`${url}/api/v1/session`)).json()) as { csrfToken: string }).csrfToken;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  await page.request.post(`${url}/api/v1/payments`, {
    data: { contactId: first?.id, amount: '20.00', method: 'cash', date: today }, headers: { 'X-CSRF-Token': token },
  });
  await page.getByTestId('undo-import').click();
  await page.getByRole('dialog').locator('button').last().click();
  await page.getByRole('dialog').locator('.mantine-Alert-root').waitFor();
  await shot(page, `${prefix}-6-undo-refused`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/import`);
  await page.getByTestId('import-history').waitFor();
  await shot(page, `${prefix}-7-history`);

  await page.goto(`${url}/customers`);
  await page.locator('main').getByRole('button').first().click();
  await page.getByRole('dialog').waitFor();
  await shot(page, `${prefix}-8-export`, false);
  await session.close();
}

mkdirSync(outputDir, { recursive: true });
for (const locale of locales) {
  for (const viewport of viewports) {
    // A fresh business per run, so each undo is refused for the same reason.
    const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    await capture(comptoir, locale, viewport);
    await comptoir.close();
  }
}
console.log(`screenshots in ${outputDir}`);
