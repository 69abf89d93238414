/**
 * A salesperson's customer list shows only the customers they created or
 * follow. In a shop whose customers all belong to others, the empty list
 * states that none is assigned to them, in French and in English, rather
 * than that the shop has no customer. The administrator's empty supplier
 * list keeps the first-use text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const SALESPERSON = { email: 'hugo@epicerie-martin.fr', password: 'Vendeur-essai-2024', name: 'Hugo Vendeur' };

const headings = {
  fr: 'Aucun client ne vous est attribué',
  en: 'No customers assigned to you',
} as const;

describe('own contacts empty list', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    const { request } = admin.context;
    await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
    await callApi(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Gaspard', lastName: 'Lemoine', mobile: '06 12 34 56 78',
    });
    const roles = await callApi<{ items: { id: string; name: string }[] }>(request, comptoir.url, 'GET', '/roles');
    const salesperson = roles.items.find((role) => role.name === 'Vendeur');
    expect(salesperson).toBeDefined();
    await callApi(request, comptoir.url, 'POST', '/users', { ...SALESPERSON, roleId: salesperson?.id, locale: 'fr', locationIds: [] });
    await admin.close();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('shows none assigned heading', async () => {
    const { page } = browser;
    await signIn(page, comptoir.url, SALESPERSON);
    for (const locale of ['fr', 'en'] as const) {
      await setLanguage(page, comptoir.url, locale);
      await page.goto(`${comptoir.url}/customers`);
      await expect(page.getByText(headings[locale]).waitFor()).resolves.toBeUndefined();
    }
    expect(browser.problems).toEqual([]);
  });

  it('keeps first-use text for the administrator', async () => {
    const admin = await openBrowser();
    try {
      await signIn(admin.page, comptoir.url, ADMIN);
      await admin.page.goto(`${comptoir.url}/suppliers`);
      await admin.page.getByText('Aucun fournisseur pour l’instant').waitFor();
      expect(await admin.page.getByText('Aucun fournisseur ne vous est attribué').count()).toBe(0);
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
