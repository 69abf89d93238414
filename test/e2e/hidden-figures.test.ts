/**
 * A user whose role lacks ledger.view, in the web app: the contact list
 * offers no balance column, no filter on the figures and a count without sums, an
 * address with a balance sort or such a filter still opens the list
 * without them and names them in a notice, and the sale form's contact
 * picker and selected contact show no figure. No request the server would
 * reject is sent.
 */
import type { APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const CLERK = { email: 'vendeur@epicerie-martin.fr', password: 'Vendeur-essai-2024', name: 'Hugo Vendeur' };

async function post<T>(request: APIRequestContext, url: string, path: string, data: unknown): Promise<T> {
  const session = await request.get(`${url}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await request.post(`${url}/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } });
  if (!response.ok()) throw new Error(`POST ${path} failed with ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

describe('figures hidden without ledger.view', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    const { request } = admin.context;
    await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
    const role = await post<{ id: string }>(request, comptoir.url, '/roles', {
      name: 'Vendeur sans chiffres',
      permissions: ['customer.view', 'customer.create', 'sale.create'],
    });
    await post(request, comptoir.url, '/users', { ...CLERK, roleId: role.id });
    const contact = await post<{ id: string }>(request, comptoir.url, '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Marie', lastName: 'Dupont', mobile: '06 12 34 56 78', creditLimit: '500.00',
    });
    await post(request, comptoir.url, '/sales', {
      contactId: contact.id,
      date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()),
      status: 'final',
      lines: [{ description: 'Panier', quantity: '1', unitPrice: '120.00' }],
    });
    await admin.close();

    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(CLERK.email);
    await field(page, 'Mot de passe').fill(CLERK.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('list offers no figure', async () => {
    const { page } = browser;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${comptoir.url}/customers?sort=balance&order=desc&overdue=true`);
    const row = page.locator('table.contact-table tbody tr[data-index]');
    await row.first().waitFor();
    expect(await row.first().textContent()).toContain('Marie Dupont');

    const headers = await page.locator('table.contact-table thead th').allTextContents();
    expect(headers.join(' ')).toContain('Nom');
    expect(headers.join(' ')).not.toContain('Solde');
    // The totals bar counts the contacts and shows no sum.
    await page.getByTestId('list-count').waitFor();
    expect(await page.getByTestId('list-count').textContent()).toBe('1 contact');
    const totalsBar = await page.getByTestId('list-totals').textContent();
    for (const sum of ['À recevoir', 'À payer', 'Avance', '€']) expect(totalsBar, sum).not.toContain(sum);
    expect(await page.getByTestId('filter-chips').getByRole('button', { name: /En retard/ }).count()).toBe(0);

    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Statut' }).waitFor();
    const menu = await page.getByRole('menuitem').allTextContents();
    expect(menu).toContain('Statut');
    for (const figure of ['Créance en cours', 'Dette en cours', 'En retard de paiement', 'Avance versée', 'Solde d’ouverture', 'Au-delà de la limite de crédit']) {
      expect(menu, figure).not.toContain(figure);
    }
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Colonnes' }).click();
    const picker = page.locator('.mantine-Popover-dropdown');
    await picker.getByText('Ville').waitFor();
    const columns = await picker.locator('label').allTextContents();
    expect(columns).toContain('Ville');
    for (const figure of ['Solde', 'Solde d’ouverture', 'À recevoir', 'À payer', 'Avance']) {
      expect(columns, figure).not.toContain(figure);
    }
    await page.keyboard.press('Escape');

    const listCalls = requests.filter((url) => url.includes('/api/v1/contacts'));
    expect(listCalls.some((url) => url.includes('/contacts/totals'))).toBe(true);
    expect(listCalls.some((url) => url.includes('sort=balance') || url.includes('overdue='))).toBe(false);
    expect(browser.problems).toEqual([]);
  });

  it('list names figure filters left out', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?overdue=true&hasAdvance=false&sort=balance&order=desc`);
    await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
    const notice = page.getByTestId('figures-left-out');
    await notice.waitFor();
    const text = await notice.textContent();
    expect(text).toContain('Filtres sur les montants non appliqués');
    expect(text).toContain('Votre rôle ne montre pas les montants');
    expect(text).toContain('« En retard de paiement », « Avance versée » et « Tri par solde »');
    expect(text).not.toContain('Créance en cours');

    // A change of the filters writes an address without the parts the list left out, and the notice goes.
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Type de contact' }).click();
    await page.waitForURL((url) => url.searchParams.get('type') === 'both');
    await notice.waitFor({ state: 'detached' });
    const address = new URL(page.url()).searchParams;
    expect(address.has('overdue')).toBe(false);
    expect(address.has('hasAdvance')).toBe(false);
    expect(address.get('sort')).toBeNull();
    expect(browser.problems).toEqual([]);
  });

  it('list without figure filters shows no notice', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?sort=name&order=asc`);
    await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
    expect(await page.getByTestId('figures-left-out').count()).toBe(0);
  });

  it('sale form shows no figure', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales/new`);
    const picker = page.getByRole('textbox', { name: 'Client' });
    await picker.fill('Dupont');
    const option = page.getByRole('option', { name: /Marie Dupont/ });
    await option.waitFor();
    expect(await option.textContent()).not.toContain('€');
    await option.click();
    const selected = page.getByTestId('selected-contact');
    await selected.getByText('Marie Dupont').waitFor();
    expect(await selected.textContent()).not.toContain('€');
    expect(await selected.getByTestId('selected-balance').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
