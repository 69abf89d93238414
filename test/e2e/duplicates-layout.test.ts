/**
 * The duplicates page on narrow screens. On a phone each group's contacts
 * are stacked cards, and nothing on the page scrolls or reaches past the
 * screen sideways. From 768 px each group is a table, which scrolls sideways
 * instead of squeezing the contact's name out of sight. The longest type
 * badge shows whole in French and English, on the merge page as well, and
 * the table gives the code and the creation day a line each. On a phone the
 * merge page stacks the contacts and each field's values, one a row.
 * A long name without spaces breaks inside its cell on both pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('duplicates page layout', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const primeurs: string[] = [];

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await signIn(page, comptoir.url);
    const longFacts = { email: 'eloise.dupre-adresse-tres-longue@exemple-de-domaine.fr', city: 'Saint-Rémy-de-Provence' };
    for (const [lastName, status, extra] of [['Dupré', 'active', longFacts], ['DUPRE', 'inactive', {}]] as const) {
      const data = { type: 'customer', kind: 'individual', firstName: 'Éloïse', lastName, mobile: '06 12 34 56 78', status, ...extra };
      await callApi(page.request, comptoir.url, 'POST', '/contacts', data);
    }
    for (const businessName of ['Primeurs du Rhône', 'Primeurs du Rhone']) {
      const data = { type: 'both', kind: 'business', businessName, mobile: '+33 4 78 12 34 56', email: 'contact@primeurs-du-rhone.fr' };
      primeurs.push((await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', data)).id);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('keeps names readable at 1024 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto(`${comptoir.url}/contacts/duplicates`);
    const nameCell = page.locator('main table td:nth-child(2)').first();
    await nameCell.waitFor({ state: 'attached' });
    const size = await nameCell.evaluate((cell: HTMLElement) => ({ width: cell.clientWidth, content: cell.scrollWidth }));
    expect(size.width, 'name column at 1024 px').toBeGreaterThanOrEqual(150);
    expect(size.content, 'name overflow at 1024 px').toBeLessThanOrEqual(size.width);
    // The code and the creation day take a line each, so no line ends on a dangling separator.
    const lines = (await nameCell.locator('p').allTextContents()).map(plain);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^CO\d{4}$/);
    expect(lines[1]).toMatch(/^créé le /);
    expect(plain(await nameCell.textContent())).not.toContain('·');
    expect(browser.problems).toEqual([]);
  });

  it('stacks contacts as cards at 390 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${comptoir.url}/contacts/duplicates`);
    const cards = page.getByTestId('duplicate-contact');
    await cards.first().waitFor();
    expect(await page.locator('main table').count()).toBe(0);
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    const eloise = cards.filter({ hasText: /Éloïse Dupré/ });
    expect(await eloise.count()).toBe(1);
    const facts = plain(await eloise.textContent());
    for (const fact of ['CO0001', '06 12 34 56 78', 'eloise.dupre-adresse', 'Saint-Rémy-de-Provence', 'Client', '0,00 €']) {
      expect(facts, fact).toContain(fact);
    }
    const group = page.getByTestId('duplicate-group').filter({ has: eloise });
    const compare = group.getByRole('button', { name: 'Comparer et fusionner' });
    expect(await compare.isDisabled()).toBe(false);
    await eloise.getByRole('checkbox', { name: 'Éloïse Dupré' }).uncheck();
    expect(await compare.isDisabled()).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('nothing overflows sideways at 390 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    for (const language of ['fr', 'en'] as const) {
      await setLanguage(page, comptoir.url, language);
      await page.goto(`${comptoir.url}/contacts/duplicates`);
      await page.getByTestId('duplicate-contact').first().waitFor();
      const layout = await page.evaluate(() => {
        const elements = [...document.querySelectorAll<HTMLElement>('main *')];
        const describe = (element: HTMLElement) => `${element.tagName.toLowerCase()} “${(element.textContent ?? '').slice(0, 40)}”`;
        return {
          pageWidth: document.documentElement.scrollWidth,
          screenWidth: window.innerWidth,
          scrollers: elements
            .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth)
            .map(describe),
          pastEdge: elements
            .filter((element) => {
              const box = element.getBoundingClientRect();
              return box.width > 0 && (box.left < -0.5 || box.right > window.innerWidth + 0.5);
            })
            .map(describe),
        };
      });
      expect(layout.pageWidth, `page width in ${language}`).toBeLessThanOrEqual(layout.screenWidth);
      expect(layout.scrollers, `sideways scrolling in ${language}`).toEqual([]);
      expect(layout.pastEdge, `past the right edge in ${language}`).toEqual([]);
    }
    await setLanguage(page, comptoir.url, 'fr');
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
          labels.map((element) => ({
            text: element.clientWidth,
            content: element.scrollWidth,
            cell: (element.closest('td, [data-testid="duplicate-contact"]') as HTMLElement).clientWidth,
          })));
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

  it('merge page type badges show whole', async () => {
    const { page } = browser;
    const languages = [['fr', 'CLIENT ET FOURNISSEUR'], ['en', 'CUSTOMER AND SUPPLIER']] as const;
    for (const [language, label] of languages) {
      await setLanguage(page, comptoir.url, language);
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${comptoir.url}/contacts/merge?ids=${primeurs.join(',')}`);
        const contacts = page.locator('[data-testid="merge-table"] thead, [data-testid="merge-cards"] [data-contact]');
        const badges = contacts.locator('.mantine-Badge-label', { hasText: new RegExp(`^${label}$`, 'i') });
        await badges.nth(1).waitFor();
        const sizes = await badges.evaluateAll((labels) => labels.map((element) => ({ text: element.clientWidth, content: element.scrollWidth })));
        expect(sizes, `${language} at ${width} px`).toHaveLength(2);
        for (const size of sizes) expect(size.content, `${label} at ${width} px`).toBeLessThanOrEqual(size.text);
      }
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('merge page stacks contacts at 390 px', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${comptoir.url}/contacts/merge?ids=${primeurs.join(',')}`);
    const cards = page.getByTestId('merge-cards');
    await cards.waitFor();
    expect(await page.getByTestId('merge-table').count()).toBe(0);
    const name = cards.locator('[data-field="businessName"]');
    expect(await name.getByRole('radio').count()).toBe(2);
    const boxes = await name.locator('.merge-option').evaluateAll((options) =>
      options.map((option) => ({ left: option.getBoundingClientRect().left, right: option.getBoundingClientRect().right })));
    expect(boxes).toHaveLength(2);
    for (const box of boxes) expect(box.right, 'right edge of a value').toBeLessThanOrEqual(390);
    // One value a row: the second value sits under the first, not beside it.
    expect(boxes[1]?.left).toBe(boxes[0]?.left);
    expect(browser.problems).toEqual([]);
  });

  it('breaks a long unspaced name', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 800 });
    const ids: string[] = [];
    for (const mobile of ['06 77 00 00 01', '06 77 00 00 02']) {
      const data = { type: 'customer', kind: 'individual', firstName: 'A'.repeat(100), lastName: 'B'.repeat(100), mobile, city: 'Sète' };
      ids.push((await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', data)).id);
    }
    await page.goto(`${comptoir.url}/contacts/duplicates?reason=name`);
    const cell = page.locator('main table td').filter({ has: page.getByRole('link', { name: /^A{100} B{100}$/ }) }).first();
    await cell.waitFor();
    const size = await cell.evaluate((element: HTMLElement) => ({ width: element.clientWidth, content: element.scrollWidth }));
    expect(size.content, 'name overflow on the duplicates page').toBeLessThanOrEqual(size.width);

    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const heading = page.getByTestId('merge-table').locator('thead th').nth(1);
    await heading.getByRole('link').waitFor();
    const head = await heading.evaluate((element: HTMLElement) => ({ width: element.clientWidth, content: element.scrollWidth }));
    expect(head.content, 'name overflow on the merge page').toBeLessThanOrEqual(head.width);
    expect(browser.problems).toEqual([]);
  });
});
