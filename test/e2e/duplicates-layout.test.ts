/**
 * The duplicates page on narrow screens: each group's table scrolls
 * sideways instead of squeezing the contact's name out of sight, and the
 * longest type badge shows whole in French and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

describe('duplicates page layout', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    for (const [lastName, status] of [['Dupré', 'active'], ['DUPRE', 'inactive']]) {
      const data = { type: 'customer', kind: 'individual', firstName: 'Éloïse', lastName, mobile: '06 12 34 56 78', status };
      await callApi(page.request, comptoir.url, 'POST', '/contacts', data);
    }
    for (const businessName of ['Primeurs du Rhône', 'Primeurs du Rhone']) {
      const data = { type: 'both', kind: 'business', businessName, mobile: '+33 4 78 12 34 56', email: 'contact@primeurs-du-rhone.fr' };
      await callApi(page.request, comptoir.url, 'POST', '/contacts', data);
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

  it('shows balances and whole badges at 1280 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${comptoir.url}/contacts/duplicates`);
    const group = page.getByTestId('duplicate-group').first();
    const balanceCell = group.locator('table tr').first().locator('td').last();
    await balanceCell.waitFor({ state: 'attached' });
    const groupRight = await group.evaluate((element: HTMLElement) => element.getBoundingClientRect().right);
    const balanceRight = await balanceCell.evaluate((cell: HTMLElement) => cell.getBoundingClientRect().right);
    expect(balanceRight, 'right edge of the balance column').toBeLessThanOrEqual(groupRight);
    const badges = await group.locator('.mantine-Badge-label').evaluateAll((labels) =>
      labels.map((label) => ({ text: label.textContent, clipped: label.scrollWidth > label.clientWidth })));
    expect(badges.length).toBeGreaterThanOrEqual(3);
    expect(badges.filter((badge) => badge.clipped)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });

  it('type badges show whole', async () => {
    const { page } = browser;
    const languages = [['fr', 'CLIENT ET FOURNISSEUR'], ['en', 'CUSTOMER AND SUPPLIER']] as const;
    for (const [language, label] of languages) {
      await setLanguage(page, comptoir.url, language);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${comptoir.url}/contacts/duplicates`);
        const badges = page.locator('main .mantine-Badge-label', { hasText: new RegExp(`^${label}$`, 'i') });
        await badges.first().waitFor();
        const sizes = await badges.evaluateAll((labels) =>
          labels.map((element) => ({ text: element.clientWidth, content: element.scrollWidth, cell: (element.closest('td') as HTMLElement).clientWidth })));
        expect(sizes.length, `${language} at ${width} px`).toBeGreaterThanOrEqual(2);
        for (const size of sizes) {
          expect(size.content, `${label} at ${width} px`).toBeLessThanOrEqual(size.text);
          expect(size.text, `${label} cell at ${width} px`).toBeLessThan(size.cell);
        }
      }
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });
});
