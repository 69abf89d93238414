/**
 * A search that matches only inactive contacts, in French and in English.
 * The contact list reports that inactive contacts match and shows them on
 * request, instead of reporting that no contact matches. The sale screen's
 * picker offers them, marked inactive, so that a sale paid in full can still
 * be recorded on the customer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const wordings = [
  {
    locale: 'fr',
    inactiveOne: 'Aucun contact actif ne correspond à « dangelo », mais un contact inactif correspond.',
    show: 'Afficher aussi les contacts inactifs',
    picker: 'Client',
    pickerHint: 'Aucun contact actif ne correspond : voici les contacts inactifs. Une vente à un contact inactif doit être réglée en totalité.',
    inactive: 'Inactif',
  },
  {
    locale: 'en',
    inactiveOne: 'No active contact matches “dangelo”, but one inactive contact does.',
    show: 'Show inactive contacts as well',
    picker: 'Customer',
    pickerHint: 'No active contact matches: here are the inactive ones. A sale to an inactive contact must be paid in full.',
    inactive: 'Inactive',
  },
] as const;

describe('inactive matches', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let anaisId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    const anais = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Anaïs', lastName: 'D’Angelo', mobile: '06 71 22 33 44',
    });
    anaisId = anais.id;
    await callApi(page.request, comptoir.url, 'POST', `/contacts/${anaisId}/deactivate`);
    await callApi(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Marc', lastName: 'Dumas', mobile: '06 71 22 33 55',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('list offers the inactive matches', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/customers?q=dangelo`);
      await page.getByText(wording.inactiveOne, { exact: true }).waitFor();

      await page.getByRole('button', { name: wording.show }).click();
      await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
      expect(await page.locator('table.contact-table tbody tr[data-index]').count(), wording.locale).toBe(1);
      expect(await page.locator('table.contact-table tbody').textContent(), wording.locale).toContain('Anaïs D’Angelo');
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('list without inactive matches offers none', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?q=zorglub`);
    await page.getByText('Aucun contact ne correspond à « zorglub ».', { exact: false }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('button', { name: 'Afficher aussi les contacts inactifs' }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('picker offers an inactive customer', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/sales/new`);
      const picker = page.getByRole('textbox', { name: wording.picker, exact: true });
      await picker.fill('dangelo');
      const option = page.getByRole('option', { name: /Anaïs D’Angelo/ });
      await option.waitFor();
      expect(await option.textContent(), wording.locale).toContain(wording.inactive);
      expect(await page.getByTestId('picker-inactive').textContent(), wording.locale).toBe(wording.pickerHint);
    }
    await setLanguage(page, comptoir.url, 'fr');

    // Picked, the inactive customer takes a sale paid in full.
    await page.goto(`${comptoir.url}/sales/new`);
    const picker = page.getByRole('textbox', { name: 'Client', exact: true });
    await picker.fill('dangelo');
    await page.getByRole('option', { name: /Anaïs D’Angelo/ }).click();
    await page.getByTestId('selected-contact').waitFor();
    expect(await page.getByTestId('selected-inactive').textContent()).toBe(
      'Contact inactif : la vente doit être réglée en totalité, ou réactivez d’abord le contact.',
    );
    await page.getByRole('textbox', { name: 'Désignation' }).first().fill('Pain de campagne');
    await page.getByRole('textbox', { name: 'Prix unitaire HT' }).first().fill('3');
    await page.getByRole('button', { name: 'Réglé en totalité' }).click();
    await page.getByRole('button', { name: 'Valider la vente' }).click();
    await page.waitForURL((address) => /^\/sales\/[^/]+$/.test(address.pathname) && !address.pathname.endsWith('/new'));
    const sales = await callApi<{ items: { contactId: string | null }[] }>(page.request, comptoir.url, 'GET', '/sales');
    expect(sales.items.map((sale) => sale.contactId)).toEqual([anaisId]);
    expect(browser.problems).toEqual([]);
  });

  it('picker keeps active matches alone', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales/new`);
    const picker = page.getByRole('textbox', { name: 'Client', exact: true });
    await picker.fill('06 71 22 33');
    await page.getByRole('option', { name: /Marc Dumas/ }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('option').count()).toBe(1);
    expect(await page.getByTestId('picker-inactive').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
