/**
 * The largest amount the server accepts is 999 999 999 999.99 either side
 * of zero. The contact list shows it whole in French and in English: in the
 * balance column of the table at 1366 px, in the totals bar, and on the
 * phone cards at 390 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const LARGEST = '999999999999.99';

interface Box {
  text: string;
  left: number;
  right: number;
  /** Width the text needs, whether or not its element shows all of it. */
  needed: number;
  /** The box that must contain the text: its cell, the totals bar or its card. */
  inside: { left: number; right: number; padding: number };
}

/** Reads where each amount in `selector` sits, with the box around it given by `container`. */
async function amountBoxes(page: Page, selector: string, container: string): Promise<Box[]> {
  return page.locator(selector).evaluateAll((spans, around) =>
    spans.map((span) => {
      const box = span.getBoundingClientRect();
      const outer = span.closest(around) as HTMLElement;
      const style = window.getComputedStyle(outer);
      const outerBox = outer.getBoundingClientRect();
      return {
        text: span.textContent ?? '',
        left: box.left,
        right: box.right,
        needed: span.scrollWidth,
        inside: { left: outerBox.left, right: outerBox.right, padding: Number.parseFloat(style.paddingRight) },
      };
    }), container);
}

function expectWhole(boxes: Box[], where: string): void {
  for (const box of boxes) {
    const label = `${box.text} in ${where}`;
    expect(box.right - box.left, label).toBeGreaterThanOrEqual(box.needed - 0.5);
    expect(box.left, label).toBeGreaterThanOrEqual(box.inside.left);
    expect(box.right, label).toBeLessThanOrEqual(box.inside.right - box.inside.padding + 0.5);
  }
}

describe('contact list amounts', () => {
  let comptoir: RunningComptoir;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const seeding = await openBrowser();
    try {
      const { page } = seeding;
      await signIn(page, comptoir.url);
      const post = (path: string, data: unknown) => callApi<{ id: string }>(page.request, comptoir.url, 'POST', path, data);
      const debtor = await post('/contacts', { type: 'customer', kind: 'individual', firstName: 'Grégoire', lastName: 'Gros-Débiteur', mobile: '06 11 22 33 44', city: 'Lyon' });
      await post('/sales', {
        contactId: debtor.id, date: '2025-03-14', status: 'final', payTerm: { number: 30, unit: 'days', endOfMonth: false },
        lines: [{ description: 'Fonds de commerce', quantity: '1', unitPrice: LARGEST }],
      });
      await post('/contacts', {
        type: 'customer', kind: 'individual', firstName: 'Bérénice', lastName: 'Créditée', mobile: '06 11 22 33 45', openingBalance: `-${LARGEST}`, openingBalanceDate: '2025-01-01',
      });
      await post('/contacts', { type: 'customer', kind: 'individual', firstName: 'Anne', lastName: 'Petit', mobile: '06 11 22 33 46', city: 'Paris' });
    } finally {
      await seeding.close();
    }
  });

  afterAll(async () => {
    await comptoir?.close();
  });

  for (const locale of ['fr', 'en'] as const) {
    it(`table and totals at 1366 px in ${locale}`, async () => {
      const browser = await openBrowser({ width: 1366, height: 768 });
      try {
        const { page } = browser;
        await signIn(page, comptoir.url);
        await setLanguage(page, comptoir.url, locale);
        await page.goto(`${comptoir.url}/customers?sort=balance&order=desc`);
        const table = page.locator('table.contact-table');
        await table.locator('tbody tr[data-index="2"]').waitFor();
        await page.getByTestId('list-count').waitFor();

        const cells = await amountBoxes(page, 'table.contact-table tbody td .amount', 'td');
        const largest = cells.filter((cell) => cell.text.replace(/\D/g, '') === '99999999999999');
        expect(largest.length).toBe(2);
        expectWhole(cells, 'the balance column');
        // The default columns still fit beside the navigation without scrolling sideways.
        const scroller = await table.evaluate((element) => ({
          shown: (element.parentElement as HTMLElement).clientWidth,
          content: (element.parentElement as HTMLElement).scrollWidth,
        }));
        expect(scroller.content).toBeLessThanOrEqual(scroller.shown);

        const totals = await amountBoxes(page, '[data-testid="list-totals"] .amount', '[data-testid="list-totals"]');
        expect(totals.map((box) => box.text.replace(/\D/g, ''))).toEqual(['99999999999999', '99999999999999', '000']);
        expectWhole(totals, 'the totals bar');
        expect(browser.problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });

    it(`cards and totals at 390 px in ${locale}`, async () => {
      const browser = await openBrowser({ width: 390, height: 844 });
      try {
        const { page } = browser;
        await signIn(page, comptoir.url);
        await setLanguage(page, comptoir.url, locale);
        await page.goto(`${comptoir.url}/customers?sort=balance&order=desc`);
        await page.getByTestId('list-count').waitFor();
        const cards = page.locator('a.mantine-Card-root');
        await cards.nth(2).waitFor();

        const balances = await amountBoxes(page, 'a.mantine-Card-root .amount', 'a.mantine-Card-root');
        expect(balances.filter((box) => box.text.replace(/\D/g, '') === '99999999999999').length).toBe(2);
        expectWhole(balances, 'a card');
        // A balance too wide to sit beside the name goes under it, so the name shows whole as well.
        const name = cards.first().getByText('Grégoire Gros-Débiteur');
        expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

        const totals = await amountBoxes(page, '[data-testid="list-totals"] .amount', '[data-testid="list-totals"]');
        expect(totals.length).toBe(3);
        expectWhole(totals, 'the totals bar');
        expect(browser.problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
