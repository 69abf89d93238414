/**
 * The loyalty programme's switch explains, in each state and language, what
 * turning it on or off does to sales, points and balances.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

async function signIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Adresse e-mail').fill(ADMIN.email);
  await field(page, 'Mot de passe').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/customers`);
}

describe('loyalty switch hint', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    await signIn(browser.page, comptoir.url);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('explains enabling in French and English', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/catalogue/loyalty`);
    const programme = page.getByRole('switch', { name: 'Programme actif' });
    expect(await programme.isChecked()).toBe(false);
    await page.getByText('Activez le programme pour que chaque vente à un client lui rapporte des points', { exact: false }).waitFor();

    await programme.check({ force: true });
    await page.getByText('Si vous le désactivez, plus aucun point n’est gagné ni utilisé', { exact: false }).waitFor();

    await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByText('If you turn it off, no points are earned or spent', { exact: false }).waitFor();
    await page.getByRole('switch', { name: 'Programme on' }).uncheck({ force: true });
    await page.getByText('Turn the programme on so that each sale to a customer earns them points', { exact: false }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
