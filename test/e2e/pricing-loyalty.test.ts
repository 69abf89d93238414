/**
 * Group prices and loyalty points in the French back office. A customer in
 * a 10 % group buys a catalogue product: the form shows the group discount
 * and the total before saving, and the saved sale shows the same. Spending
 * points lowers the next sale's total, the server's refusal of too many
 * points shows under the field, and returning the sale gives the spent
 * points back. A parked walk-in sale given to the customer takes the group
 * price, and so does a sale imported from a file. A product with tax sells
 * at exactly its shelf price times the quantity.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await field(page, 'Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/customers`);
}

async function send(page: Page, baseUrl: string, method: 'POST' | 'PUT', path: string, data: unknown) {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.fetch(`${baseUrl}/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as { id: string };
}

async function pointsOf(page: Page, baseUrl: string, contactId: string): Promise<number> {
  const response = await page.request.get(`${baseUrl}/api/v1/contacts/${contactId}/loyalty`);
  return ((await response.json()) as { points: number }).points;
}

/** Opens the sale form for a contact and picks the coffee from the catalogue on the first line. */
async function startSale(page: Page, baseUrl: string, contactId: string) {
  await page.goto(`${baseUrl}/sales/new?contactId=${contactId}`);
  await page.getByTestId('selected-contact').waitFor();
  const line = page.getByTestId('line-0');
  await line.getByRole('textbox', { name: 'Désignation' }).fill('café');
  await page.getByRole('option', { name: /Café moulu 250 g/ }).click();
  // A picked product is priced tax included, at its shelf price.
  expect(await line.getByRole('textbox', { name: 'Prix unitaire TTC' }).inputValue()).toBe('20,00');
}

describe('group prices and loyalty points in French', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let customerId: string;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    // Spending more points than the balance is refused with 422 on purpose.
    browser.expectFailedRequests(/\/api\/v1\/sales$/);
    const { page } = browser;
    await signIn(page, comptoir.url);
    const url = comptoir.url;
    await send(page, url, 'POST', '/products', { sku: 'CAFE-250', name: 'Café moulu 250 g', sellingPrice: '20.00', taxRate: '0' });
    const group = await send(page, url, 'POST', '/customer-groups', { name: 'Revendeurs', calculation: 'percentage', percentage: '10' });
    customerId = (
      await send(page, url, 'POST', '/contacts', {
        type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Girard', mobile: '06 12 34 56 78', customerGroupId: group.id,
      })
    ).id;
    await send(page, url, 'PUT', '/loyalty/settings', {
      enabled: true, name: 'Points', amountPerPoint: '1.00', minOrderToEarn: '0.00', pointValue: '0.10', minOrderToRedeem: '0.00',
      maxPointsPerOrder: null, minPointsToRedeem: null, maxPointsPerOrderRedeem: null, expiry: { period: 12, unit: 'months' },
    });
    await send(page, url, 'POST', `/contacts/${customerId}/loyalty/adjustments`, { points: 100, reason: 'Bienvenue' });
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('group customer’s sale shows the group discount', async () => {
    const { page } = browser;
    await startSale(page, comptoir.url, customerId);
    // The form shows the group price before saving, as the server will store it.
    const line = page.getByTestId('line-0');
    const formNote = line.getByTestId('line-group-discount');
    await formNote.waitFor();
    expect(plain(await formNote.textContent())).toBe('Remise de groupe 2,00 € (prix catalogue 20,00 €)');
    expect(plain(await line.getByTestId('line-total').textContent())).toBe('18,00 €');
    expect(plain(await page.getByTestId('form-group-badge').textContent())).toBe('Prix du groupe Revendeurs');
    const formTotal = page.getByTestId('form-total');
    expect(plain(await formTotal.textContent())).toBe('18,00 €');

    // Two coffees: the quote follows the quantity as it is typed.
    await line.getByRole('textbox', { name: 'Quantité' }).fill('2');
    await page.waitForFunction(() => document.querySelector('[data-testid="form-total"]')?.textContent?.includes('36,00'));
    expect(plain(await formNote.textContent())).toBe('Remise de groupe 4,00 € (prix catalogue 20,00 €)');
    await line.getByRole('textbox', { name: 'Quantité' }).fill('1');
    await page.waitForFunction(() => document.querySelector('[data-testid="form-total"]')?.textContent?.includes('18,00'));
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    await page.getByTestId('document-saved').waitFor();

    const note = page.getByTestId('document-lines').getByTestId('line-group-discount');
    expect(plain(await note.textContent())).toBe('Remise de groupe 2,00 € (prix catalogue 20,00 €)');
    const total = page.getByTestId('document-lines').locator('tfoot');
    expect(plain(await total.textContent())).toContain('18,00 €');
    // 100 welcome points, then 18 earned on 18,00 €.
    expect(await pointsOf(page, comptoir.url, customerId)).toBe(118);
  });

  it('redemption lowers the total', async () => {
    const { page } = browser;
    await startSale(page, comptoir.url, customerId);
    const redeem = page.getByTestId('redeem-field');
    expect(plain(await redeem.getByTestId('redeem-balance').textContent())).toBe('Solde : 118 points (valeur 11,80 €)');

    // More points than the balance: the server's message shows under the field.
    await redeem.getByRole('textbox', { name: 'Points à utiliser' }).fill('500');
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    const error = redeem.locator('.mantine-InputWrapper-error');
    await error.waitFor();
    expect(plain(await error.textContent())).toContain('118');

    await redeem.getByRole('textbox', { name: 'Points à utiliser' }).fill('50');
    // The group price (18,00 €) comes from the server's quote, so the points come off it.
    await expect
      .poll(async () => plain(await redeem.getByTestId('redeem-discount').textContent()))
      .toBe('Remise : 5,00 € · total après points : 13,00 €');
    await expect.poll(async () => plain(await page.getByTestId('form-total').textContent())).toBe('13,00 €');
    expect(plain(await page.getByTestId('form-points').textContent())).toContain('-5,00 €');
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    await page.getByTestId('document-saved').waitFor();

    const lines = page.getByTestId('document-lines');
    expect(plain(await lines.textContent())).toContain('Points utilisés : 50');
    expect(plain(await lines.locator('tfoot').textContent())).toContain('13,00 €');
    // 118 - 50 spent + 13 earned on 13,00 €.
    expect(await pointsOf(page, comptoir.url, customerId)).toBe(81);
  });

  it('return gives the points back', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Retour', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Retourner Café moulu 250 g' }).check();
    await dialog.getByRole('button', { name: 'Enregistrer le retour' }).click();
    await dialog.getByTestId('return-result').waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    // The 50 spent points come back and the 13 earned ones are taken back.
    expect(await pointsOf(page, comptoir.url, customerId)).toBe(118);
    await page.goto(`${comptoir.url}/customers/${customerId}/loyalty`);
    const panel = page.getByTestId('loyalty-panel');
    await panel.getByTestId('loyalty-history').waitFor();
    expect(plain(await panel.getByTestId('loyalty-balance').textContent())).toContain('118 points');
    const history = plain(await panel.getByTestId('loyalty-history').textContent());
    expect(history).toMatch(/Rendus \(retour\)AV\S+\+50/);
    expect(history).toMatch(/Repris \(retour\)AV\S+-13/);
  });

  it('parked sale takes the new customer’s price', async () => {
    const { page } = browser;
    const url = comptoir.url;
    const product = (await (await page.request.get(`${url}/api/v1/products?q=CAFE`)).json()) as { items: { id: string }[] };
    const parked = await send(page, url, 'POST', '/sales', {
      contactId: null, date: '2026-03-02', status: 'parked',
      lines: [{ description: 'Café moulu 250 g', quantity: '1', unitPrice: '20.00', productId: product.items[0]?.id }],
    });
    await page.goto(`${url}/sales/${parked.id}`);
    await page.getByRole('button', { name: 'Changer de client' }).click();
    const dialog = page.getByTestId('change-customer');
    await dialog.getByRole('textbox').fill('Girard');
    await page.getByRole('option', { name: /Paul Girard/ }).click();
    await page.getByRole('link', { name: 'Paul Girard' }).waitFor();

    const note = page.getByTestId('document-lines').getByTestId('line-group-discount');
    expect(plain(await note.textContent())).toBe('Remise de groupe 2,00 € (prix catalogue 20,00 €)');
    expect(browser.problems).toEqual([]);
  });

  it('product sells at its shelf price with tax', async () => {
    const { page } = browser;
    const url = comptoir.url;
    await send(page, url, 'POST', '/products', { sku: 'THE-999', name: 'Thé noir 100 g', sellingPrice: '9.99', taxRate: '20' });
    const plainCustomer = await send(page, url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Léa', lastName: 'Morel', mobile: '06 98 76 54 32',
    });
    await page.goto(`${url}/sales/new?contactId=${plainCustomer.id}`);
    await page.getByTestId('selected-contact').waitFor();
    const line = page.getByTestId('line-0');
    await line.getByRole('textbox', { name: 'Désignation' }).fill('thé noir');
    await page.getByRole('option', { name: /Thé noir 100 g/ }).click();
    expect(await line.getByRole('textbox', { name: 'Prix unitaire TTC' }).inputValue()).toBe('9,99');
    await line.getByRole('textbox', { name: 'Quantité' }).fill('3');
    // 3 x 9,99 € tax included; a price before tax of 8,33 € would have come to 29,99 €.
    await expect.poll(async () => plain(await page.getByTestId('form-total').textContent())).toBe('29,97 €');
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    await page.getByTestId('document-saved').waitFor();
    const lines = page.getByTestId('document-lines');
    expect(plain(await lines.locator('tbody').textContent())).toMatch(/9,99 €\s*TTC/);
    expect(plain(await lines.locator('tfoot').textContent())).toContain('29,97 €');
    expect(browser.problems).toEqual([]);
  });

  it('imported sale shows the group discount', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales`);
    await page.getByRole('link', { name: 'Importer des ventes' }).click();
    await page.waitForURL(`${comptoir.url}/import?kind=sales`);
    await page.getByRole('heading', { name: 'Importer des ventes' }).waitFor();
    const salesLink = page.getByRole('navigation').getByRole('link', { name: 'Ventes', exact: true });
    expect(await salesLink.getAttribute('data-active')).toBe('true');
    const file = [
      'Référence de la vente;Date;Client;Référence produit;Quantité;Mode de paiement',
      'T-2001;02/03/2026;06 12 34 56 78;CAFE-250;3;',
      'T-2002;02/03/2026;;CAFE-250;1;CB',
    ].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'caisse.csv', mimeType: 'text/csv', buffer: Buffer.from(file, 'utf8') });
    await page.getByText('Associez chaque colonne à un champ de Comptoir').waitFor();
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByTestId('sales-rules').waitFor();
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByText('Toutes les lignes sont valides.').waitFor();
    expect(plain(await page.getByTestId('total-created').textContent())).toContain('Ventes à créer2');
    await page.getByRole('button', { name: 'Importer 2 ventes' }).click();
    await page.getByText('Import terminé', { exact: true }).waitFor();
    expect(plain(await page.getByTestId('import-message').textContent())).toBe(
      'Import terminé : 2 ventes créées à partir de 2 lignes, 0 ligne en erreur non importée.',
    );

    await page.getByRole('link', { name: 'Voir les ventes' }).click();
    await page.waitForURL(`${comptoir.url}/sales`);
    const sales = (await (await page.request.get(`${comptoir.url}/api/v1/sales`)).json()) as { items: { id: string }[] };
    const imported = await Promise.all(
      sales.items.map(
        async (item) =>
          (await (await page.request.get(`${comptoir.url}/api/v1/sales/${item.id}`)).json()) as {
            id: string;
            sourceReference: string | null;
            paidAmount: string;
            status: string;
          },
      ),
    );
    const ticket = imported.find((item) => item.sourceReference === 'T-2002');
    expect(ticket).toMatchObject({ status: 'final', paidAmount: '20.00' });
    const sale = imported.find((item) => item.sourceReference === 'T-2001');
    await page.goto(`${comptoir.url}/sales/${sale?.id}`);
    expect(plain(await page.getByTestId('document-source').textContent())).toBe('Importée (réf. T-2001)');
    const note = page.getByTestId('document-lines').getByTestId('line-group-discount');
    expect(plain(await note.textContent())).toBe('Remise de groupe 6,00 € (prix catalogue 20,00 €)');
    expect(plain(await page.getByTestId('document-lines').locator('tfoot').textContent())).toContain('54,00 €');
    expect(browser.problems).toEqual([]);
  });
});
