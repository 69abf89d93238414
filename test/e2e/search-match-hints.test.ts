/**
 * What the contact list and the sale screen's picker show about a match, in
 * French and in English. A search that finds contacts the filters then leave
 * out names the filters, not the spelling. A picker match on a loyalty card
 * or an e-mail shows that card or address. A cashier who typed the start
 * of a card can then distinguish its holders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const wordings = [
  {
    locale: 'fr',
    searchOnly: 'Aucun contact ne correspond à « zorglub ». Vérifiez l’orthographe ou cherchez par mobile ou code.',
    withFilters: 'Aucun contact ne correspond à « anaïs » avec ces filtres : retirez-en un ou élargissez-les.',
    picker: 'Client',
    card: 'Carte FID-0612',
    otherCard: 'Carte FID 0613',
  },
  {
    locale: 'en',
    searchOnly: 'No contact matches “zorglub”. Check the spelling or search by mobile or code.',
    withFilters: 'No contact matches “anaïs” with these filters: remove one or widen them.',
    picker: 'Customer',
    card: 'Card FID-0612',
    otherCard: 'Card FID 0613',
  },
] as const;

describe('search match hints', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    await callApi(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Anaïs', lastName: 'Carte', mobile: '06 71 22 33 44',
      loyaltyCardNumber: 'FID-0612', email: 'anais.carte@example.fr',
    });
    await callApi(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Noël', lastName: 'Carte', mobile: '06 71 22 33 55',
      loyaltyCardNumber: 'FID 0613',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('empty search names the filters', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/customers?q=zorglub`);
      await page.getByText(wording.searchOnly, { exact: true }).waitFor();

      // Anaïs matches the text, and the overdue filter leaves her out.
      await page.goto(`${comptoir.url}/customers?q=ana%C3%AFs&overdue=true`);
      await page.getByText(wording.withFilters, { exact: true }).waitFor();
      expect(await page.getByText(/Vérifiez l’orthographe|Check the spelling/).count(), wording.locale).toBe(0);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('picker shows the matched card', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/sales/new`);
      const picker = page.getByRole('textbox', { name: wording.picker, exact: true });
      await picker.fill('fid-06');
      const anais = page.getByRole('option', { name: /Anaïs Carte/ });
      const noel = page.getByRole('option', { name: /Noël Carte/ });
      await anais.waitFor();
      await noel.waitFor();
      expect(await anais.getByTestId('picker-details').textContent(), wording.locale).toContain(wording.card);
      expect(await noel.getByTestId('picker-details').textContent(), wording.locale).toContain(wording.otherCard);

      // A match by name does not list the card.
      await picker.fill('noel');
      await page.getByRole('option', { name: /Noël Carte/ }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('picker-details').first().textContent(), wording.locale).not.toContain('0613');
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('picker shows the matched e-mail', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales/new`);
    await page.getByRole('textbox', { name: 'Client', exact: true }).fill('ANAIS.CARTE@example.fr');
    const anais = page.getByRole('option', { name: /Anaïs Carte/ });
    await anais.waitFor();
    expect(await anais.getByTestId('picker-details').textContent()).toContain('anais.carte@example.fr');
    expect(browser.problems).toEqual([]);
  });
});
