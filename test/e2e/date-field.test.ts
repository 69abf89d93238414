/**
 * The date field in French, for a browser that runs in American English. It
 * shows and reads dates day first and rejects a day that does not exist.
 * Its calendar picks a day with the mouse or the keyboard, and the API
 * receives an ISO date.
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

describe('date field in French', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ locale: 'en-US' });
    // The sign-in page follows the browser's language until the user picks one.
    await browser.page.addInitScript(() => window.localStorage.setItem('comptoir.locale', 'fr'));
    await signIn(browser.page, comptoir.url);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('reads, checks and picks the reminder day', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/messages/reminders`);
    const day = page.getByRole('textbox', { name: 'Jour' });
    expect(await day.evaluate((input: HTMLInputElement) => input.type)).toBe('text');
    expect(await day.getAttribute('placeholder')).toBe('JJ/MM/AAAA');

    await day.fill('31/02/2026');
    await day.press('Tab');
    await page.getByText('« 31/02/2026 » n’est pas une date valide', { exact: false }).waitFor();

    // The calendar opens on the typed month, named in French, Monday first.
    await day.fill('10/03/2026');
    await page.getByRole('button', { name: 'Ouvrir le calendrier' }).click();
    const calendar = page.getByRole('grid', { name: 'mars 2026' });
    await calendar.waitFor();
    expect(await calendar.locator('th').first().textContent()).toBe('lun.');
    expect(await page.getByText('n’est pas une date valide', { exact: false }).count()).toBe(0);
    await calendar.getByRole('button', { name: 'jeudi 12 mars 2026' }).click();
    await calendar.waitFor({ state: 'detached' });
    expect(await day.inputValue()).toBe('12/03/2026');

    // Keyboard: a week down from the selected day, then Enter.
    await page.getByRole('button', { name: 'Ouvrir le calendrier' }).click();
    const selected = calendar.getByRole('button', { name: 'jeudi 12 mars 2026' });
    await selected.focus();
    await selected.press('ArrowDown');
    await page.keyboard.press('Enter');
    await calendar.waitFor({ state: 'detached' });
    expect(await day.inputValue()).toBe('19/03/2026');

    const sent = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/v1/reminders/run'));
    await page.getByRole('checkbox', { name: 'Envoyer tout de suite' }).uncheck();
    await page.getByRole('button', { name: 'Lancer les relances' }).click();
    expect((await sent).postDataJSON()).toEqual({ date: '2026-03-19', send: false });
    expect(browser.problems).toEqual([]);
  });
});
