/**
 * Page addresses with values the server rejects: control characters in the
 * search text, the sign-in page or a contact id, an id that is not valid
 * percent-encoding, and a yes/no filter of neither. Each still opens the web app, which drops the control characters
 * from a search, shows the contact-not-found screen for an id, and shows an
 * invalid filter value as typed and marked invalid, never as yes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, field, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

describe('odd page addresses', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    for (const [firstName, lastName, mobile] of [['Denis', 'Roux', '06 12 34 56 03'], ['Chloé', 'Petit', '06 12 34 56 04']]) {
      await callApi(page.request, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'individual', firstName, lastName, mobile });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('search with control characters', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?q=%01roux%7F`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).toBe('roux');
    expect(await page.getByText('Denis Roux').first().isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);

    await page.goto(`${comptoir.url}/customers?q=%01`);
    await page.getByTestId('list-count').filter({ hasText: '2 contacts' }).waitFor();
    expect(await page.getByRole('searchbox', { name: 'Rechercher' }).inputValue()).toBe('');
    expect(browser.problems).toEqual([]);
  });

  it('contact id with control characters', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/%01`);
    await page.getByText('Contact introuvable').waitFor();
    const back = page.getByRole('link', { name: 'Retour aux clients' });
    expect(await back.isVisible()).toBe(true);

    // An id that no contact has gets the same screen, after the server's 404.
    browser.expectFailedRequests(/\/api\/v1\/contacts\/(no-such-contact|%25ZZ)$/);
    await page.goto(`${comptoir.url}/suppliers/no-such-contact`);
    await page.getByText('Contact introuvable').waitFor();
    expect(await page.getByRole('link', { name: 'Retour aux fournisseurs' }).isVisible()).toBe(true);

    // So does an address that is not valid percent-encoding.
    await page.goto(`${comptoir.url}/customers/%ZZ`);
    await page.getByText('Contact introuvable').waitFor();

    await page.goto(`${comptoir.url}/customers/%01`);
    await page.getByRole('link', { name: 'Retour aux clients' }).click();
    await page.waitForURL((address) => address.pathname === '/customers');
    await page.getByTestId('list-count').filter({ hasText: '2 contacts' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('flag filter of neither yes nor no', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts(\/totals)?\?/);
    await page.goto(`${comptoir.url}/customers?overdue=maybe`);
    await page.getByText('La demande contient 1 valeur invalide : corrigez-la et réessayez.').waitFor();
    const chips = page.getByTestId('filter-chips');
    const invalid = chips.getByRole('button', { name: 'En retard de paiement : maybe' });
    expect(await invalid.isVisible()).toBe(true);
    expect(await chips.getByRole('button', { name: 'En retard de paiement : Oui' }).count()).toBe(0);
    expect(await chips.locator('[data-invalid=true]').count()).toBe(1);

    // A click sets the filter to yes, which the list then applies.
    await invalid.click();
    await page.waitForURL((address) => address.searchParams.get('overdue') === 'true');
    await chips.getByRole('button', { name: 'En retard de paiement : Oui' }).waitFor();
    expect(await chips.locator('[data-invalid=true]').count()).toBe(0);
    await page.getByTestId('list-count').filter({ hasText: '0 contact' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('sign-in with a control character in next', async () => {
    const visitor = await openBrowser();
    try {
      const { page } = visitor;
      await page.goto(`${comptoir.url}/sign-in?next=%01`);
      await field(page, 'Adresse e-mail').fill(ADMIN.email);
      await field(page, 'Mot de passe').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'));
      expect(new URL(page.url()).pathname).toBe('/');
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.close();
    }
  });
});
