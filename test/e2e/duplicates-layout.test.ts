/**
 * The duplicates page on narrow screens: each group's table scrolls
 * sideways instead of squeezing the contact's name out of sight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

describe('duplicates page layout', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);

    const session = await page.request.get(`${comptoir.url}/api/v1/session`);
    const headers = { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
    for (const lastName of ['Dupré', 'DUPRE']) {
      const data = { type: 'customer', kind: 'individual', firstName: 'Éloïse', lastName, mobile: '06 12 34 56 78' };
      const response = await page.request.post(`${comptoir.url}/api/v1/contacts`, { data, headers });
      expect(response.status()).toBe(201);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('keeps names readable at 390 and 1024 px', async () => {
    const { page } = browser;
    for (const width of [390, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${comptoir.url}/contacts/duplicates`);
      const nameCell = page.locator('main table td:nth-child(2)').first();
      await nameCell.waitFor({ state: 'attached' });
      const size = await nameCell.evaluate((cell: HTMLElement) => ({ width: cell.clientWidth, content: cell.scrollWidth }));
      expect(size.width, `name column at ${width} px`).toBeGreaterThanOrEqual(150);
      expect(size.content, `name overflow at ${width} px`).toBeLessThanOrEqual(size.width);
    }
    expect(browser.problems).toEqual([]);
  });
});
