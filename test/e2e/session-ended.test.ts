/**
 * A session can end while a form is being filled, because it expired or the
 * user signed out in another tab. The save then fails with 401 and a sign-in
 * dialog opens over the form, which keeps the typed values to save once
 * signed in again.
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

/** Ends the page's session on the server, as signing out in another tab does. */
async function endSession(page: Page, baseUrl: string) {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.delete(`${baseUrl}/api/v1/session`, { headers: { 'X-CSRF-Token': csrfToken } });
  expect(response.status()).toBe(204);
}

describe('session ended while filling a form', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('keeps the typed contact and saves it after signing in again', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts$/);
    await signIn(page, comptoir.url);
    await page.goto(`${comptoir.url}/customers/new`);
    await field(page, 'Prénom').fill('Marie');
    await field(page, 'Nom de famille').fill('Dupont');
    await field(page, 'Mobile').fill('06 12 34 56 78');

    await endSession(page, comptoir.url);
    await page.getByRole('button', { name: 'Créer le client' }).click();

    const dialog = page.getByRole('dialog', { name: 'Session terminée' });
    await dialog.waitFor();
    expect(page.url()).toBe(`${comptoir.url}/customers/new`);
    expect(await dialog.getByLabel('Adresse e-mail').inputValue()).toBe(ADMIN.email);
    await dialog.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill('pas le bon');
    await dialog.getByRole('button', { name: 'Se reconnecter' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Mot de passe', exact: true }).fill(ADMIN.password);
    await dialog.getByRole('button', { name: 'Se reconnecter' }).click();
    await dialog.waitFor({ state: 'detached' });

    expect(await field(page, 'Prénom').inputValue()).toBe('Marie');
    expect(await field(page, 'Nom de famille').inputValue()).toBe('Dupont');
    await page.getByRole('button', { name: 'Créer le client' }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);

    const list = await page.request.get(`${comptoir.url}/api/v1/contacts`, { params: { q: 'Dupont' } });
    const names = ((await list.json()) as { items: { name: string }[] }).items.map((item) => item.name);
    expect(names).toEqual(['Marie Dupont']);
    expect(browser.problems).toEqual([]);
  });
});
