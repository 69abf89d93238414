/**
 * A search that matches only inactive contacts, in French and in English.
 * The contact list says that inactive contacts match and shows them on
 * request, instead of reporting that no contact matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const wordings = [
  {
    locale: 'fr',
    inactiveOne: 'Aucun contact actif ne correspond à « dangelo », mais un contact inactif correspond.',
    show: 'Afficher aussi les contacts inactifs',
  },
  {
    locale: 'en',
    inactiveOne: 'No active contact matches “dangelo”, but one inactive contact does.',
    show: 'Show inactive contacts as well',
  },
] as const;

describe('inactive matches', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    const anais = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Anaïs', lastName: 'D’Angelo', mobile: '06 71 22 33 44',
    });
    await callApi(page.request, comptoir.url, 'POST', `/contacts/${anais.id}/deactivate`);
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
});
