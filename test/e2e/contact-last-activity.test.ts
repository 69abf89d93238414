/**
 * The last activity on a contact's details tab, in French and in English.
 * It shows the day of the latest sale in the user's date format, or a line
 * saying there is no entry. A contact just created through the form with an
 * opening balance shows the opening balance's day.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  callApi,
  field,
  openBrowser,
  type RunningComptoir,
  setLanguage,
  signIn,
  startComptoir,
} from './harness.ts';

const wordings = [
  { locale: 'fr', label: 'Dernière activité', saleDay: '1 févr. 2024', none: 'Aucune opération' },
  { locale: 'en', label: 'Last activity', saleDay: '1 Feb 2024', none: 'No transactions' },
] as const;

/** Returns the value beside `label` on the details tab, as a reader sees it, waiting up to 10 s for the label. */
async function detailValue(page: Page, label: string): Promise<string> {
  const term = page.locator('main dt', { hasText: new RegExp(`^${label}$`) });
  await term.waitFor({ timeout: 10_000 });
  const value = await term.locator('xpath=following-sibling::dd[1]').textContent();
  return (value ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

describe('contact last activity', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let buyerId = '';
  let newcomerId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    const person = (firstName: string, mobile: string) => ({ type: 'customer', kind: 'individual', firstName, lastName: 'Bernard', mobile });
    buyerId = (await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', person('Agathe', '06 12 34 56 01'))).id;
    newcomerId = (await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', person('Bruno', '06 12 34 56 02'))).id;
    await callApi(page.request, comptoir.url, 'POST', '/sales', {
      contactId: buyerId,
      date: '2024-02-01',
      status: 'final',
      lines: [{ description: 'Panier garni', quantity: 1, unitPrice: '35.00' }],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('shows the latest entry day', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/customers/${buyerId}`);
      expect(await detailValue(page, wording.label), wording.locale).toBe(wording.saleDay);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('says when there is no entry', async () => {
    const { page } = browser;
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      await page.goto(`${comptoir.url}/customers/${newcomerId}`);
      expect(await detailValue(page, wording.label), wording.locale).toBe(wording.none);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('new contact shows its opening balance day', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/new`);
    await field(page, 'Prénom').fill('Chloé');
    await field(page, 'Nom de famille').fill('Petit');
    await field(page, 'Mobile').fill('06 12 34 56 03');
    await field(page, 'Solde d’ouverture').fill('20,00');
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByText('Contact créé.').waitFor();

    // The opening balance is dated today in the business time zone, which the browser shares.
    const today = await page.evaluate(() =>
      new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'Europe/Paris' }).format(new Date()));
    expect(await detailValue(page, 'Dernière activité')).toBe(today.replace(/[\u00a0\u202f]/g, ' '));
    expect(browser.problems).toEqual([]);
  });
});
