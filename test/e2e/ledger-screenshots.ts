/**
 * Captures the ledger, payment, sale, purchase and dashboard screens in
 * French and English, at 1366×768 and 390×844, into ./screenshots/ (files
 * named `ledger-…`). Run `npm run build` first, then
 * `npx tsx test/e2e/ledger-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { APIRequestContext, Page } from 'playwright-core';
import { ADMIN, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const outputDir = resolve(process.cwd(), 'screenshots');
const viewports = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const locales = ['fr', 'en'] as const;

/** Returns the ISO date `days` before today in Paris, the business's time zone. */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly url: string,
  ) {}

  private async headers(): Promise<Record<string, string>> {
    const session = await this.request.get(`${this.url}/api/v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    return { 'X-CSRF-Token': csrfToken };
  }

  async post<T = { id: string }>(path: string, data: unknown): Promise<T> {
    const response = await this.request.post(`${this.url}/api/v1${path}`, { data, headers: await this.headers() });
    if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
    return (await response.json()) as T;
  }
}

interface Seeded {
  marie: string;
  karim: string;
  primeurs: string;
  boulangerie: string;
  returnedSale: string;
  openSale: string;
  parkedSale: string;
}

const line = (description: string, quantity: string, unitPrice: string, taxRate = '20', discountPercent?: string) => ({
  description,
  quantity,
  unitPrice,
  taxRate,
  ...(discountPercent ? { discountPercent } : {}),
});

/** Fills the business with customers, suppliers, sales of several ages, payments, a return and a void. */
async function seed(comptoir: RunningComptoir): Promise<Seeded> {
  const session = await openBrowser();
  const { request } = session.context;
  await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
  const api = new Api(request, comptoir.url);

  await api.post('/locations', { name: 'Boutique de la Croix-Rousse', city: 'Lyon', country: 'FR' });
  const contact = (body: Record<string, unknown>) =>
    api.post('/contacts', { type: 'customer', kind: 'individual', ...body }).then((created) => created.id);
  const marie = await contact({
    firstName: 'Marie',
    lastName: 'Dupont',
    mobile: '06 12 34 56 78',
    city: 'Lyon',
    creditLimit: '800.00',
    payTerm: { number: 30, unit: 'days', endOfMonth: false },
    openingBalance: '120.50',
    openingBalanceDate: daysAgo(150),
  });
  const karim = await contact({ firstName: 'Karim', lastName: 'Benali', mobile: '06 45 67 89 01', city: 'Vénissieux' });
  const boulangerie = await contact({
    kind: 'business',
    businessName: 'Boulangerie Petit',
    mobile: '04 72 00 11 22',
    city: 'Lyon',
    creditLimit: '1500.00',
    openingBalance: '1434.20',
    openingBalanceDate: daysAgo(20),
  });
  const primeurs = await contact({
    type: 'both',
    kind: 'business',
    businessName: 'Primeurs du Rhône',
    mobile: '04 78 12 34 56',
    city: 'Lyon',
  });
  const moulins = await contact({
    type: 'supplier',
    kind: 'business',
    businessName: 'Moulins de Savoie',
    mobile: '04 79 10 20 30',
    city: 'Chambéry',
    payTerm: { number: 45, unit: 'days', endOfMonth: true },
  });

  const sale = (contactId: string, days: number, lines: unknown[], extra: Record<string, unknown> = {}) =>
    api.post<{ id: string; lines: { id: string }[] }>('/sales', { contactId, date: daysAgo(days), status: 'final', lines, ...extra });

  await sale(marie, 100, [line('Plateau de fromages', '1', '64.00'), line('Vin rouge AOC', '2', '12.50')]);
  const returned = await sale(marie, 50, [line('Panier garni', '2', '45.50'), line('Café en grains 1 kg', '1', '18.90', '5.5', '10')]);
  await api.post(`/sales/${returned.id}/returns`, { date: daysAgo(45), lines: [{ lineId: returned.lines[1]?.id, quantity: '1' }] });
  const open = await sale(marie, 12, [line('Chocolats de Noël', '3', '15.90', '5.5')]);
  await api.post('/payments', { contactId: marie, amount: '60.00', method: 'cheque', date: daysAgo(40), reference: 'Chèque 1187' });
  const voided = await sale(marie, 8, [line('Erreur de saisie', '1', '10.00')]);
  await api.post(`/sales/${voided.id}/void`, { reason: 'Saisie en double', date: daysAgo(7) });
  const parked = await api.post('/sales', {
    contactId: marie,
    date: daysAgo(1),
    status: 'parked',
    lines: [line('Commande de fête à confirmer', '1', '120.00')],
  });

  await sale(karim, 70, [line('Épicerie fine', '1', '38.40', '5.5')], { payTerm: null });
  await sale(karim, 5, [line('Huile d’olive 1 L', '2', '14.20', '5.5')], { payTerm: { number: 30, unit: 'days', endOfMonth: true } });
  await sale(primeurs, 25, [line('Confitures artisanales', '12', '4.80', '5.5')]);
  await api.post('/purchases', {
    contactId: primeurs,
    date: daysAgo(15),
    status: 'final',
    lines: [line('Pommes de saison (kg)', '40', '1.85', '5.5')],
  });
  await api.post('/purchases', {
    contactId: moulins,
    date: daysAgo(95),
    status: 'final',
    lines: [line('Farine T65 (sac 25 kg)', '6', '21.40', '5.5')],
  });
  await api.post('/purchases', {
    contactId: moulins,
    date: daysAgo(20),
    status: 'final',
    lines: [line('Farine de seigle (sac 25 kg)', '4', '26.90', '5.5')],
    payments: [{ amount: '50.00', method: 'bank_transfer' }],
  });
  await session.close();
  return { marie, karim, primeurs, boulangerie, returnedSale: returned.id, openSale: open.id, parkedSale: parked.id };
}

/** Saves one PNG, grown to the page's full height unless `fullPage` is false (dialogs). */
async function shot(page: Page, name: string, fullPage = true) {
  await page.waitForLoadState('networkidle');
  // Lets Mantine's transitions and the charts' animations finish before the capture.
  await page.waitForTimeout(600);
  const viewport = page.viewportSize();
  if (fullPage && viewport) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: resolve(outputDir, `ledger-${name}.png`) });
  if (fullPage && viewport) await page.setViewportSize(viewport);
}

async function capture(
  comptoir: RunningComptoir,
  ids: Seeded,
  locale: (typeof locales)[number],
  viewport: (typeof viewports)[number],
) {
  const session = await openBrowser({ width: viewport.width, height: viewport.height });
  const { page } = session;
  const url = comptoir.url;
  // The credit-limit screen provokes a refused sale on purpose.
  session.expectFailedRequests(/\/api\/v1\/sales$/);
  const prefix = `${locale}-${viewport.name}`;
  const phone = viewport.name === 'phone';
  const decimal = (text: string) => (locale === 'fr' ? text.replace('.', ',') : text);

  await page.goto(`${url}/sign-in`);
  if (locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
  await page.getByRole('textbox').first().fill(ADMIN.email);
  await page.locator('input[type=password]').fill(ADMIN.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(`${url}/customers`);

  await shot(page, `${prefix}-01-customers`);
  const payButton = phone
    ? page.getByRole('button', { name: /Karim Benali/ })
    : page.locator('tbody tr', { hasText: 'Karim Benali' }).getByRole('button');
  await payButton.click();
  await page.getByRole('dialog').waitFor();
  await shot(page, `${prefix}-02-pay-dialog`, false);
  await page.getByRole('dialog').getByRole('textbox').first().fill(decimal('10.00'));
  await page.getByRole('dialog').locator('button[type=submit]').click();
  await page.getByTestId('payment-receipt').waitFor();
  await shot(page, `${prefix}-03-pay-receipt`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/customers/${ids.marie}/ledger`);
  await page.getByTestId('balance-chart').locator('svg').first().waitFor();
  await shot(page, `${prefix}-04-contact-ledger`);
  await page.goto(`${url}/customers/${ids.marie}/ledger?from=${daysAgo(60)}&to=${daysAgo(10)}`);
  await shot(page, `${prefix}-05-contact-ledger-range`);
  await page.goto(`${url}/customers/${ids.primeurs}/ledger`);
  await shot(page, `${prefix}-06-both-contact-ledger`);
  await page.getByRole('button', { name: /^(Règlement|Payment)$/ }).first().click();
  await page.getByRole('dialog').waitFor();
  await shot(page, `${prefix}-07-pay-dialog-both`, false);
  await page.keyboard.press('Escape');

  await page.goto(`${url}/sales`);
  await shot(page, `${prefix}-08-sales`);
  await page.goto(`${url}/sales/new?contactId=${ids.marie}`);
  await page.getByTestId('selected-contact').waitFor();
  const first = page.getByTestId('line-0');
  await first.getByRole('textbox').first().fill('Coffret dégustation');
  await first.getByRole('textbox').nth(1).fill('2');
  await first.getByRole('textbox').nth(2).fill(decimal('39.90'));
  await first.getByRole('combobox').fill('20');
  await page.keyboard.press('Escape');
  await shot(page, `${prefix}-09-new-sale`);

  await page.goto(`${url}/sales/new?contactId=${ids.boulangerie}`);
  await page.getByTestId('selected-contact').waitFor();
  await page.getByTestId('line-0').getByRole('textbox').first().fill('Commande de viennoiseries');
  await page.getByTestId('line-0').getByRole('textbox').nth(2).fill(decimal('180.00'));
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('credit-limit-refusal').waitFor();
  await page.getByTestId('credit-limit-refusal').scrollIntoViewIfNeeded();
  await shot(page, `${prefix}-10-credit-limit-refusal`);

  await page.goto(`${url}/sales/${ids.returnedSale}`);
  await shot(page, `${prefix}-11-sale-with-return`);
  await page.goto(`${url}/sales/${ids.openSale}`);
  await shot(page, `${prefix}-12-open-sale`);
  await page.getByRole('button', { name: /^(Retour|Return)$/ }).click();
  await page.getByRole('dialog').waitFor();
  await page.getByRole('dialog').getByRole('checkbox').first().check();
  await shot(page, `${prefix}-13-return-dialog`, false);
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /^(Annuler la vente|Void the sale)$/ }).click();
  await page.getByRole('dialog').waitFor();
  await shot(page, `${prefix}-14-void-dialog`, false);
  await page.keyboard.press('Escape');
  await page.goto(`${url}/sales/${ids.parkedSale}`);
  await shot(page, `${prefix}-15-parked-sale`);

  await page.goto(`${url}/purchases`);
  await shot(page, `${prefix}-16-purchases`);
  await page.goto(`${url}/purchases/new`);
  await shot(page, `${prefix}-17-new-purchase`);
  await page.goto(`${url}/dashboard`);
  await page.getByTestId('aging-receivable').locator('svg').first().waitFor();
  await shot(page, `${prefix}-18-dashboard`);
  if (phone) {
    await page.locator('header button').first().click();
    await shot(page, `${prefix}-19-navigation`, false);
  }

  if (session.problems.length > 0) console.warn(`${prefix}: browser problems:\n${session.problems.join('\n')}`);
  await session.close();
}

mkdirSync(outputDir, { recursive: true });
const comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
try {
  const ids = await seed(comptoir);
  for (const locale of locales) {
    for (const viewport of viewports) {
      await capture(comptoir, ids, locale, viewport);
      console.log(`captured ${locale} ${viewport.name}`);
    }
  }
} finally {
  await comptoir.close();
}
console.log(`screenshots written to ${outputDir}`);
