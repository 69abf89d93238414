/**
 * The sale screen's customer picker with look-alike long business names, on
 * a phone (390 px) and a laptop (1366 px). Each name shows on up to two
 * lines, and the line under it tells the customers apart (code, city,
 * mobile in groups of digits, group). No part of a match runs out of its
 * option, and the arrows and Enter still pick the highlighted match.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const sameStart = 'Société Générale des Vins du Bordelais et des Côtes de Gascogne';
const customers = [
  { businessName: `${sameStart} Réunis`, city: 'Libourne', mobile: '0612345678' },
  { businessName: `${sameStart} Associés`, city: 'Saint-Émilion', mobile: '+447700900123' },
  { businessName: `${sameStart} 🍷 Cave`, city: 'Pessac', mobile: '0698765432' },
  { businessName: 'SociétéGénéraleDesVinsDuBordelaisEtDesCôtesDeGascogneSansEspace', city: 'Bordeaux', mobile: '0556000000' },
];
const widths = [390, 1366];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element has no bounding box: it is not visible');
  return found;
}

/** Lists the parts of `option` that stick out of it, by test id, with a half-pixel margin for rounding. */
async function overflowingParts(option: Locator): Promise<string[]> {
  const outer = await box(option);
  const outside: string[] = [];
  for (const part of ['picker-name', 'picker-details']) {
    const inner = await box(option.getByTestId(part));
    const fits =
      inner.x >= outer.x - 0.5 &&
      inner.y >= outer.y - 0.5 &&
      inner.x + inner.width <= outer.x + outer.width + 0.5 &&
      inner.y + inner.height <= outer.y + outer.height + 0.5;
    if (!fits) outside.push(part);
  }
  const scrolls = await option.evaluate((element) => element.scrollWidth > element.clientWidth);
  if (scrolls) outside.push('scrollWidth');
  return outside;
}

/** Returns whether `element` hides part of its text behind an ellipsis or a clip. */
async function isCut(element: Locator): Promise<boolean> {
  return element.evaluate((node) => node.scrollWidth > node.clientWidth || node.scrollHeight > node.clientHeight);
}

async function nameLines(option: Locator): Promise<number> {
  return option.getByTestId('picker-name').evaluate((element) => {
    const lineHeight = Number.parseFloat(getComputedStyle(element).lineHeight);
    return Math.round(element.getBoundingClientRect().height / lineHeight);
  });
}

async function searchSociete(page: Page, url: string): Promise<Locator> {
  await page.goto(`${url}/sales/new`);
  const picker = page.getByRole('textbox', { name: 'Client', exact: true });
  await picker.fill('société');
  await page.getByRole('option', { name: /Sans\s*Espace/ }).waitFor();
  return picker;
}

describe('picker with look-alike names', () => {
  let comptoir: RunningComptoir;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const seeding = await openBrowser();
    await signIn(seeding.page, comptoir.url);
    const group = await callApi<{ id: string }>(seeding.page.request, comptoir.url, 'POST', '/customer-groups', {
      name: 'Restaurants', calculation: 'percentage', percentage: '5',
    });
    for (const [index, customer] of customers.entries()) {
      await callApi(seeding.page.request, comptoir.url, 'POST', '/contacts', {
        type: 'customer', kind: 'business', ...customer, ...(index === 0 ? { customerGroupId: group.id } : {}),
      });
    }
    await seeding.close();
  });

  afterAll(async () => {
    await comptoir?.close();
  });

  for (const width of widths) {
    describe(`at ${width} px`, () => {
      let browser: BrowserSession;

      beforeAll(async () => {
        browser = await openBrowser({ width, height: 844 });
        await signIn(browser.page, comptoir.url);
      });

      afterAll(async () => {
        await browser?.close();
      });

      it('second lines distinguish names', async () => {
        const { page } = browser;
        await searchSociete(page, comptoir.url);
        const details: string[] = [];
        for (const customer of customers.slice(0, 3)) {
          const option = page.getByRole('option', { name: new RegExp(customer.city) });
          details.push((await option.getByTestId('picker-details').textContent()) ?? '');
          // These names fit on two lines even at 390 px, so their distinct ends show whole.
          expect(await isCut(option.getByTestId('picker-name')), customer.businessName).toBe(false);
          expect(await isCut(option.getByTestId('picker-details')), customer.city).toBe(false);
        }
        expect(new Set(details).size).toBe(3);
        expect(details[0]).toContain('Libourne');
        expect(details[0]).toContain('06 12 34 56 78');
        expect(details[0]).toContain('Restaurants');
        expect(details[1]).toContain('+44 7700 900123');
        expect(details[2]).toContain('06 98 76 54 32');
        expect(browser.problems).toEqual([]);
      });

      it('options hold their contents', async () => {
        const { page } = browser;
        await searchSociete(page, comptoir.url);
        const options = page.getByRole('option');
        expect(await options.count()).toBe(customers.length);
        for (let index = 0; index < customers.length; index += 1) {
          const option = options.nth(index);
          await option.scrollIntoViewIfNeeded();
          const label = (await option.getByTestId('picker-name').textContent()) ?? '';
          expect(await overflowingParts(option), label).toEqual([]);
          expect(await nameLines(option), label).toBeLessThanOrEqual(2);
        }
      });

      it('Enter picks the highlighted match', async () => {
        const { page } = browser;
        const picker = await searchSociete(page, comptoir.url);
        await picker.press('ArrowDown');
        await picker.press('ArrowDown');
        const highlighted = page.locator('[role="option"][data-combobox-selected]');
        expect(await highlighted.count()).toBe(1);
        const name = (await highlighted.getByTestId('picker-name').textContent()) ?? '';
        await picker.press('Enter');
        await page.getByTestId('selected-contact').waitFor();
        expect(await page.getByTestId('selected-contact').textContent()).toContain(name);

        // Escape closes the list without picking.
        await page.getByRole('button', { name: 'Changer' }).click();
        const again = page.getByRole('textbox', { name: 'Client', exact: true });
        await again.fill('société');
        await page.getByRole('option').first().waitFor();
        await again.press('Escape');
        await page.getByRole('listbox').waitFor({ state: 'hidden' });
        expect(await page.getByTestId('selected-contact').count()).toBe(0);
        expect(browser.problems).toEqual([]);
      });
    });
  }
});
