/**
 * Captures the catalogue, customer group, loyalty and report screens, the
 * sale screens they change and the sales import, in French and English at
 * 1366×800 and 390×844, into ./screenshots/ (files named `pricing-…`). Run
 * `npx vite build` first, then `npx tsx test/e2e/pricing-screenshots.ts`.
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

async function send(page: Page, url: string, method: string, path: string, data: unknown) {
  const session = await page.request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${url}/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`${method} ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function signIn(page: Page, url: string, locale: (typeof locales)[number]) {
  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);
}

/** Fills the business with price groups, products, customer groups, loyalty settings and sales. */
async function seed(comptoir: RunningComptoir): Promise<{ customerId: string; parkedId: string; saleId: string }> {
  const session = await openBrowser();
  const { page } = session;
  const url = comptoir.url;
  await signIn(page, url, 'fr');
  const wholesale = await send(page, url, 'POST', '/price-groups', { name: 'Grossistes', description: 'Cafés, restaurants et revendeurs' });
  await send(page, url, 'POST', '/price-groups', { name: 'Personnel', description: null });
  const products = [
    { sku: 'CAFE-250', name: 'Café moulu 250 g', sellingPrice: '6.90', taxRate: '5.5', prices: [{ priceGroupId: wholesale.id, price: '5.40' }] },
    { sku: 'THE-VERT-100', name: 'Thé vert Sencha 100 g', sellingPrice: '8.50', taxRate: '5.5' },
    { sku: 'MIEL-500', name: 'Miel de lavande 500 g', sellingPrice: '12.00', taxRate: '5.5' },
    { sku: 'VIN-ROUGE-75', name: 'Côtes-du-Rhône rouge 75 cl', sellingPrice: '14.90', taxRate: '20', prices: [{ priceGroupId: wholesale.id, price: '11.50' }] },
    { sku: 'SAVON-OLIVE', name: 'Savon à l’huile d’olive', sellingPrice: '4.20', taxRate: '20', isActive: false },
  ];
  const ids: string[] = [];
  for (const product of products) ids.push((await send(page, url, 'POST', '/products', product)).id);
  const resellers = await send(page, url, 'POST', '/customer-groups', { name: 'Revendeurs', calculation: 'price_group', priceGroupId: wholesale.id });
  const regulars = await send(page, url, 'POST', '/customer-groups', { name: 'Habitués', calculation: 'percentage', percentage: '5' });
  await send(page, url, 'POST', '/customer-groups', { name: 'Majoration livraison', calculation: 'percentage', percentage: '-3' });
  await send(page, url, 'PUT', '/loyalty/settings', {
    enabled: true, name: 'Points', amountPerPoint: '1.00', minOrderToEarn: '5.00', pointValue: '0.05', minOrderToRedeem: '10.00',
    maxPointsPerOrder: 500, minPointsToRedeem: 50, maxPointsPerOrderRedeem: 200, expiry: { period: 12, unit: 'months' },
  });
  const customer = await send(page, url, 'POST', '/contacts', {
    type: 'customer', kind: 'individual', firstName: 'Marie', lastName: 'Dupont', mobile: '06 12 34 56 78', customerGroupId: regulars.id,
    loyaltyCardNumber: '4000123',
  });
  await send(page, url, 'POST', '/contacts', {
    type: 'customer', kind: 'business', businessName: 'Café des Arts', mobile: '04 72 00 11 22', customerGroupId: resellers.id,
  });
  await send(page, url, 'POST', `/contacts/${customer.id}/loyalty/adjustments`, { points: 120, reason: 'Bienvenue au programme' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  // Product lines go at their shelf price tax included, as the sale form sends them.
  const line = (index: number, quantity: string, unitPriceWithTax: string, taxRate: string) => ({
    description: products[index]?.name ?? '', quantity, unitPriceWithTax, taxRate, productId: ids[index],
  });
  const sale = await send(page, url, 'POST', '/sales', {
    contactId: customer.id, date: today, status: 'final', redeemPoints: 60,
    lines: [line(0, '2', '6.90', '5.5'), line(3, '1', '14.90', '20'), { description: 'Emballage cadeau', quantity: '1', unitPrice: '2.50', taxRate: '20' }],
  });
  const parked = await send(page, url, 'POST', '/sales', {
    contactId: null, date: today, status: 'parked', lines: [line(2, '1', '12.00', '5.5')], payments: [],
  });
  await session.close();
  return { customerId: customer.id, parkedId: parked.id, saleId: sale.id };
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(250);
  await page.screenshot({ path: resolve(outputDir, `pricing-${name}.png`), fullPage });
}

async function capture(
  comptoir: RunningComptoir,
  ids: { customerId: string; parkedId: string; saleId: string },
  locale: (typeof locales)[number],
  viewport: (typeof viewports)[number],
) {
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  const prefix = `${locale}-${viewport.name}`;
  await signIn(page, url, locale);

  await page.goto(`${url}/catalogue/products`);
  await shot(page, `${prefix}-01-products`);
  await page.locator('text=Café moulu 250 g >> visible=true').first().click();
  await shot(page, `${prefix}-02-product-form`, false);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: locale === 'fr' ? 'Importer' : 'Import' }).click();
  await shot(page, `${prefix}-03-product-import`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/catalogue/price-groups`);
  await shot(page, `${prefix}-04-price-groups`);
  await page.goto(`${url}/catalogue/customer-groups`);
  await shot(page, `${prefix}-05-customer-groups`);
  await page.locator('text=Habitués >> visible=true').first().click();
  await shot(page, `${prefix}-06-customer-group-form`, false);
  await page.getByRole('button', { name: locale === 'fr' ? 'Supprimer' : 'Delete' }).click();
  await shot(page, `${prefix}-07-customer-group-delete`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/catalogue/loyalty`);
  await shot(page, `${prefix}-08-loyalty-settings`);
  await page.goto(`${url}/reports/sales-by-customer-group`);
  await shot(page, `${prefix}-09-sales-by-group`);

  await page.goto(`${url}/customers/${ids.customerId}/loyalty`);
  await shot(page, `${prefix}-10-customer-loyalty`);
  await page.goto(`${url}/customers/${ids.customerId}/edit`);
  await shot(page, `${prefix}-11-contact-form`);
  await page.goto(`${url}/sales/${ids.saleId}`);
  await shot(page, `${prefix}-12-sale-with-group-and-points`);
  await page.goto(`${url}/sales/${ids.parkedId}`);
  await page.getByRole('button', { name: locale === 'fr' ? 'Changer de client' : 'Change customer' }).click();
  await shot(page, `${prefix}-13-change-customer`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/sales/new?contactId=${ids.customerId}`);
  await page.getByTestId('redeem-field').waitFor();
  const line = page.getByTestId('line-0');
  await line.getByRole('textbox').first().fill('caf');
  await page.getByRole('option').first().waitFor();
  await shot(page, `${prefix}-14-sale-form-product-search`, false);
  await page.getByRole('option').first().click();
  await page.getByTestId('form-group-badge').waitFor();
  await line.getByRole('textbox', { name: locale === 'fr' ? 'Quantité' : 'Quantity' }).fill('3');
  // A free line beside it, priced before tax as free lines start.
  await page.getByRole('button', { name: locale === 'fr' ? 'Ajouter une ligne' : 'Add a line' }).click();
  const free = page.getByTestId('line-1');
  await free.getByRole('textbox').first().fill(locale === 'fr' ? 'Emballage cadeau' : 'Gift wrapping');
  await free.getByRole('textbox', { name: locale === 'fr' ? 'Prix unitaire HT' : 'Unit price excl. tax' }).fill(locale === 'fr' ? '2,50' : '2.50');
  await page.waitForTimeout(600);
  await shot(page, `${prefix}-15-sale-form-group-price`);
  await page.getByTestId('redeem-field').getByRole('textbox').fill('100');
  await page.waitForTimeout(600);
  await shot(page, `${prefix}-15-sale-form-redeem`);
  await captureSalesImport(page, url, locale, prefix);
  if (viewport.name === 'phone') {
    await page.locator('header button').first().click();
    await shot(page, `${prefix}-16-navigation`, false);
  }
  if (session.problems.length > 0) console.error(`${prefix}:`, session.problems);
  await session.close();
}

/** Goes through the sales import wizard with a file that has one bad sale, then opens an imported sale. */
async function captureSalesImport(page: Page, url: string, locale: (typeof locales)[number], prefix: string) {
  const fr = locale === 'fr';
  await page.goto(`${url}/sales`);
  await page.getByRole('link', { name: fr ? 'Importer des ventes' : 'Import sales' }).waitFor();
  await shot(page, `${prefix}-16-sales-list`);
  await page.getByRole('link', { name: fr ? 'Importer des ventes' : 'Import sales' }).click();
  await page.getByTestId('import-kind').waitFor();
  await shot(page, `${prefix}-17-sales-import-upload`);
  const file = [
    'Ticket;Date;Client;Code article;Désignation;Qté;Prix unitaire HT;Statut',
    `${prefix}-A;02/03/2026;4000123;CAFE-250;;2;;`,
    `${prefix}-A;;;MIEL-500;;1;;`,
    `${prefix}-B;03/03/2026;Café des Arts;VIN-ROUGE-75;;6;;`,
    `${prefix}-C;03/03/2026;06 12 34 56 78;INCONNU;;1;;`,
    `${prefix}-D;04/03/2026;;;Panier garni;1;4,50;En attente`,
  ].join('\n');
  await page.locator('input[type="file"]').setInputFiles({ name: 'caisse.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
  await page.getByTestId('mapping-Date').waitFor();
  await shot(page, `${prefix}-18-sales-import-mapping`);
  await page.getByRole('button', { name: fr ? 'Suivant' : 'Next' }).click();
  await page.getByTestId('sales-rules').waitFor();
  await shot(page, `${prefix}-19-sales-import-options`);
  await page.getByRole('button', { name: fr ? 'Vérifier les lignes' : 'Check the rows' }).click();
  await page.getByTestId('total-created').waitFor();
  await shot(page, `${prefix}-20-sales-import-preview`);
  await page.getByRole('checkbox').first().check();
  await page.getByRole('button', { name: fr ? 'Importer 2 ventes' : 'Import 2 sales' }).click();
  await page.getByTestId('import-message').waitFor();
  await shot(page, `${prefix}-21-sales-import-result`);
  await page.getByTestId('undo-import').click();
  await shot(page, `${prefix}-22-sales-import-undo`, false);
  await page.keyboard.press('Escape');

  const list = (await (await page.request.get(`${url}/api/v1/sales?limit=10`)).json()) as { items: { id: string }[] };
  for (const item of list.items) {
    const sale = (await (await page.request.get(`${url}/api/v1/sales/${item.id}`)).json()) as { id: string; sourceReference: string | null };
    if (sale.sourceReference !== `${prefix}-A`) continue;
    await page.goto(`${url}/sales/${sale.id}`);
    await shot(page, `${prefix}-23-imported-sale`);
  }
  await page.goto(`${url}/import?kind=sales`);
  await page.getByTestId('import-history').waitFor();
  await shot(page, `${prefix}-24-import-history`);
}

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
