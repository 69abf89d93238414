/**
 * Before signing in, the web app speaks the browser's language: English for
 * a browser in English, French for one in German. A language picked with the
 * switch on the sign-in or setup page wins over the browser's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

describe('first visit language', () => {
  let comptoir: RunningComptoir | undefined;
  let browser: BrowserSession | undefined;

  afterEach(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('sign-in follows an English browser', async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ locale: 'en-US' });
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // The user's choice is kept over the browser's language.
    await page.locator('label', { hasText: /^FR$/ }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('setup follows an English browser and switches', async () => {
    comptoir = await startComptoir();
    browser = await openBrowser({ locale: 'en-GB' });
    const { page } = browser;
    await page.goto(`${comptoir.url}/`);
    await page.getByRole('heading', { name: 'Welcome to Comptoir' }).waitFor();
    await page.locator('label', { hasText: /^FR$/ }).click();
    await page.getByRole('heading', { name: 'Bienvenue dans Comptoir' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('stays French for a German browser', async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ locale: 'de-DE' });
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
