/**
 * A user who never chose a language works in the business's language: an
 * English shop's cashier, created without a preference, signs in from a
 * browser that has never opened Comptoir and gets the English app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const CASHIER = { email: 'till@corner-shop.test', password: 'Till-trial-2024', name: 'Tom Till' };

describe('business language', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Corner Shop', locale: 'en', currency: 'GBP' } });
    const admin = await openBrowser();
    try {
      const { request } = admin.context;
      await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
      const session = (await (await request.get(`${comptoir.url}/api/v1/session`)).json()) as { csrfToken: string };
      const headers = { 'X-CSRF-Token': session.csrfToken };
      const roles = (await (await request.get(`${comptoir.url}/api/v1/roles`)).json()) as { items: { id: string; name: string }[] };
      const cashierRole = roles.items.find((role) => role.name === 'Cashier');
      if (!cashierRole) throw new Error('the standard role Cashier is missing');
      const created = await request.post(`${comptoir.url}/api/v1/users`, { data: { ...CASHIER, roleId: cashierRole.id }, headers });
      if (!created.ok()) throw new Error(`POST /users failed with ${created.status()}: ${await created.text()}`);
    } finally {
      await admin.close();
    }
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('applies to user without preference', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(CASHIER.email);
    await field(page, 'Mot de passe').fill(CASHIER.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`, { timeout: 10_000 });

    const heading = page.getByRole('heading', { level: 2 }).first();
    await expect.poll(() => heading.textContent({ timeout: 2_000 })).toBe('Customers');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(browser.problems).toEqual([]);
  });
});
