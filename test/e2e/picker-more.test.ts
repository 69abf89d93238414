/**
 * The sale screen's customer picker, in French and in English: when more
 * customers match than it lists, a line under the options tells the user to type more.
 * When all the matches are listed, the line is absent. A highlighted match
 * of an earlier text is never picked once the text has changed. Enter in
 * the search never saves the sale, and a failed search shows its error
 * instead of reporting that no customer matches. A long pasted text is cut
 * to the length the lookup accepts and still searched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const wordings = [
  {
    locale: 'fr', picker: 'Client', more: 'D’autres contacts correspondent : précisez la recherche',
    failed: 'La recherche a échoué : Erreur interne simulée.', none: 'Aucun contact trouvé',
  },
  {
    locale: 'en', picker: 'Customer', more: 'More contacts match: type more to narrow the search',
    failed: 'The search failed: Erreur interne simulée.', none: 'No contact found',
  },
] as const;

describe('customer picker', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    const customer = (firstName: string, lastName: string, serial: number) => ({
      type: 'customer', kind: 'individual', firstName, lastName, mobile: `06 40 00 00 ${String(serial).padStart(2, '0')}`,
    });
    for (let serial = 1; serial <= 12; serial += 1) {
      await callApi(page.request, comptoir.url, 'POST', '/contacts', customer(`Client${serial}`, 'Pradel', serial));
    }
    await callApi(page.request, comptoir.url, 'POST', '/contacts', customer('Zoé', 'Zola', 20));
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('hint shown for left-out matches', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/sales/new`);
      const picker = page.getByRole('textbox', { name: wording.picker, exact: true });

      await picker.fill('pradel');
      await page.getByTestId('picker-more').waitFor();
      expect(await page.getByRole('option').count(), wording.locale).toBe(10);
      expect(await page.getByTestId('picker-more').textContent(), wording.locale).toBe(wording.more);

      await picker.fill('zola');
      await page.getByRole('option', { name: /Zoé Zola/ }).waitFor();
      expect(await page.getByRole('option').count(), wording.locale).toBe(1);
      expect(await page.getByTestId('picker-more').count(), wording.locale).toBe(0);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('Enter after new text picks nothing stale', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales/new`);
    const picker = page.getByRole('textbox', { name: 'Client', exact: true });
    await picker.fill('pradel');
    await page.getByTestId('picker-more').waitFor();
    await picker.press('ArrowDown');
    await picker.press('ArrowDown');

    // The cashier types another name and presses Enter before its matches arrive.
    await picker.fill('zola');
    await picker.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'Changer' }).count()).toBe(0);
    expect(await picker.inputValue()).toBe('zola');

    // An arrow and Enter typed as fast skip the earlier text's matches still in view.
    await picker.fill('pradel');
    await page.getByTestId('picker-more').waitFor();
    await picker.fill('zola');
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.waitForTimeout(300);
    expect(await page.getByRole('button', { name: 'Changer' }).count()).toBe(0);

    // Once the matches of the new text are listed, the arrows and Enter pick among them.
    await page.getByRole('option', { name: /Zoé Zola/ }).waitFor();
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.getByRole('button', { name: 'Changer' }).waitFor();
    expect(await page.getByText('Zoé Zola').count()).toBeGreaterThan(0);
    expect(await page.getByText('Client2 Pradel').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('Enter in the search saves no sale', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales/new`);
    await page.getByRole('textbox', { name: 'Désignation' }).first().fill('Pain de campagne');
    await page.getByRole('textbox', { name: 'Prix unitaire HT' }).first().fill('3');
    await page.getByRole('button', { name: 'Réglé en totalité' }).click();
    const picker = page.getByRole('textbox', { name: 'Client', exact: true });

    const expectNoSale = async (moment: string) => {
      await page.waitForTimeout(500);
      expect(new URL(page.url()).pathname, moment).toBe('/sales/new');
      const sales = await callApi<{ items: unknown[] }>(page.request, comptoir.url, 'GET', '/sales');
      expect(sales.items, moment).toEqual([]);
    };

    // The cashier types a name and presses Enter at once, then again once the match is listed.
    await picker.fill('zola');
    await picker.press('Enter');
    await expectNoSale('Enter while the matches load');
    await page.getByRole('option', { name: /Zoé Zola/ }).waitFor();
    await picker.press('Enter');
    await expectNoSale('Enter with no match highlighted');

    // Enter still picks a highlighted match.
    await picker.press('ArrowDown');
    await picker.press('Enter');
    await page.getByRole('button', { name: 'Changer' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('long pasted text still searches', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sales/new`);
    const picker = page.getByRole('textbox', { name: 'Client', exact: true });
    // The box keeps 200 characters, the maximum that the lookup accepts, so the search runs instead of failing.
    const pasted = 'zola '.repeat(50);
    await picker.fill(pasted);
    expect(await picker.inputValue()).toBe(pasted.slice(0, 200));
    await page.getByRole('option', { name: /Zoé Zola/ }).waitFor();
    expect(await page.getByRole('option').count()).toBe(1);
    expect(await page.getByTestId('picker-failed').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('failed search shows its error', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts\/lookup/);
    const failure = { type: 'about:blank', title: 'internal_error', status: 500, code: 'internal_error', detail: 'Erreur interne simulée.' };
    await page.route('**/api/v1/contacts/lookup*', (route) =>
      route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify(failure) }));
    try {
      for (const wording of wordings) {
        await setLanguage(page, comptoir.url, wording.locale);
        await page.goto(`${comptoir.url}/sales/new`);
        const picker = page.getByRole('textbox', { name: wording.picker, exact: true });
        await picker.fill('zola');
        await page.getByTestId('picker-failed').waitFor();
        expect(await page.getByTestId('picker-failed').textContent(), wording.locale).toBe(wording.failed);
        expect(await page.getByText(wording.none).count(), wording.locale).toBe(0);
      }
    } finally {
      await page.unroute('**/api/v1/contacts/lookup*');
      await setLanguage(page, comptoir.url, 'fr');
    }
    expect(browser.problems).toEqual([]);
  });
});
