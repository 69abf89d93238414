/**
 * The details tab of a contact page, in French: a customer's group and
 * loyalty card show beside the other details. A customer whose receivable
 * has passed the credit limit has no credit available, the same on the
 * account and in the sale picker. The account and the sale's chosen
 * customer show how far the limit is passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

/** The French money format puts a no-break space before €, so the checks read it as a space. */
const overLimit = /^Plafond dépassé de 65,58\s€$/;
const withPlainSpaces = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

describe('contact details tab', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie du Port', locale: 'fr' } });
    browser = await openBrowser();
    await signIn(browser.page, comptoir.url);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('shows the group and the card', async () => {
    const { page } = browser;
    const group = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/customer-groups', {
      name: 'Grossistes',
      calculation: 'percentage',
      percentage: '10',
    });
    const contact = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer',
      firstName: 'Hélène',
      lastName: 'Faure',
      mobile: '06 12 34 56 78',
      customerGroupId: group.id,
      loyaltyCardNumber: 'FID-0612',
    });

    await page.goto(`${comptoir.url}/customers/${contact.id}`);
    const details = page.getByText('Plus de détails').locator('..');
    await details.getByText('Grossistes').waitFor();
    expect(await details.textContent()).toContain('Groupe de clients');
    expect(await details.textContent()).toContain('Carte de fidélité');
    expect(await details.textContent()).toContain('FID-0612');
    expect(browser.problems).toEqual([]);
  });

  it('words a passed credit limit', async () => {
    const { page } = browser;
    const contact = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', {
      type: 'customer',
      kind: 'business',
      businessName: 'Œnothèque Saint-Émilion',
      mobile: '06 27 86 61 01',
      creditLimit: '0.00',
      openingBalance: '65.58',
    });

    await page.goto(`${comptoir.url}/customers/${contact.id}/ledger`);
    const figure = page.getByTestId('figure-credit');
    await figure.getByText(overLimit).waitFor();
    expect(withPlainSpaces(await figure.textContent())).toContain('0,00 €');

    await page.goto(`${comptoir.url}/sales/new`);
    await page.getByRole('textbox', { name: 'Client', exact: true }).fill('oeno');
    const option = page.getByRole('option', { name: /Œnothèque Saint-Émilion/ });
    await option.waitFor();
    expect(withPlainSpaces(await option.textContent())).toContain('Disponible 0,00 €');
    expect(withPlainSpaces(await option.textContent())).not.toContain('-65,58');

    await option.click();
    const selected = page.getByTestId('selected-contact');
    await selected.getByText(overLimit).waitFor();
    expect(withPlainSpaces(await page.getByTestId('selected-available').textContent())).toBe('0,00 €');
    expect(browser.problems).toEqual([]);
  });
});
