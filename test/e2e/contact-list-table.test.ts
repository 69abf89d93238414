/**
 * The customer list at 1280 px: the totals bar after a failed load,
 * international phone numbers shown whole beside the default columns, and
 * the last activity column that the list can sort by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

describe('contact list table', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contacts = [
      { firstName: 'Jonas', lastName: 'Weber', mobile: '+49 151 23456789' },
      { firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 56 01', landline: '+33 4 78 12 34 56' },
      { firstName: 'Lena', lastName: 'Hofer', mobile: '+43 664 12345678', landline: '+49 30 123456789' },
    ];
    const ids: string[] = [];
    for (const data of contacts) {
      const contact = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'individual', ...data });
      ids.push(contact.id);
    }
    for (const [contactId, date] of [[ids[0], '2025-03-14'], [ids[1], '2024-11-20']]) {
      await callApi(page.request, comptoir.url, 'POST', '/sales', {
        contactId, date, status: 'final', payTerm: { number: 30, unit: 'days', endOfMonth: false },
        lines: [{ description: 'Panier garni', quantity: '1', unitPrice: '42.50' }],
      });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('totals unavailable after a failed load', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts\/totals/);
    await page.route('**/api/v1/contacts/totals*', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{}' }));
    try {
      await page.goto(`${comptoir.url}/customers`);
      await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
      const totals = page.getByTestId('list-totals');
      await totals.getByText('Totaux indisponibles : le chargement a échoué.').waitFor();
      expect(await totals.locator('.mantine-Skeleton-root').count()).toBe(0);
    } finally {
      await page.unroute('**/api/v1/contacts/totals*');
    }
    await page.getByTestId('list-totals').getByRole('button', { name: 'Réessayer' }).click();
    await page.getByTestId('list-count').filter({ hasText: '3 contacts' }).waitFor();
    expect(await page.getByText('Totaux indisponibles', { exact: false }).count()).toBe(0);
  });

  it('failed list hides the totals', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts\?/);
    // The server rejects a creation range that ends before it starts, for the list and its totals.
    await page.goto(`${comptoir.url}/customers?createdFrom=2025-03-01&createdTo=2025-01-31`);
    await page.getByText('Chargement impossible').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('list-totals').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('phone numbers show whole at 1280 px', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    const table = page.locator('table.contact-table');
    await table.locator('tbody tr[data-index="2"]').waitFor();
    // The default columns fit beside the navigation without scrolling sideways.
    const box = await table.evaluate((element) => {
      const scroller = element.parentElement as HTMLElement;
      return { width: scroller.clientWidth, content: scroller.scrollWidth };
    });
    expect(box.content).toBeLessThanOrEqual(box.width);

    await page.evaluate(() => {
      window.localStorage.setItem('comptoir.columns.customer', JSON.stringify(['name', 'mobile', 'landline']));
    });
    for (const columns of ['default', 'phones']) {
      if (columns === 'phones') await page.reload();
      await table.locator('tbody tr[data-index="2"]').waitFor();
      const cells = await table.locator('tbody td .amount').evaluateAll((spans) =>
        spans.map((span) => ({ text: span.textContent ?? '', shown: (span.parentElement as HTMLElement).clientWidth, needed: span.getBoundingClientRect().width })));
      // Numbers of the business's country show in their national writing, the others with their country code.
      const numbers = cells.filter((cell) => /^(\+|0\d)/.test(cell.text));
      expect(numbers.length, columns).toBeGreaterThanOrEqual(columns === 'phones' ? 4 : 2);
      for (const cell of numbers) {
        const padding = 24;
        expect(cell.needed, `${cell.text} in the ${columns} columns`).toBeLessThanOrEqual(cell.shown - padding);
      }
    }
    await page.evaluate(() => window.localStorage.removeItem('comptoir.columns.customer'));
    expect(browser.problems).toEqual([]);
  });

  it('last activity column sorts the list', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    const table = page.locator('table.contact-table');
    await table.locator('tbody tr[data-index="2"]').waitFor();
    const withColumn = page.waitForRequest((request) => request.url().includes('/api/v1/contacts?') && request.url().includes('lastActivity'));
    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Dernière activité' }).check();
    await page.keyboard.press('Escape');
    const fields = new URL((await withColumn).url()).searchParams.get('fields')?.split(',') ?? [];
    expect(fields).toContain('lastActivity');

    await page.getByRole('button', { name: 'Trier par Dernière activité' }).click();
    await page.waitForURL((address) => address.searchParams.get('sort') === 'lastActivity');
    expect(new URL(page.url()).searchParams.get('order')).toBe('desc');
    const header = table.locator('th', { has: page.getByRole('button', { name: 'Trier par Dernière activité' }) });
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const column = await header.evaluate((cell: HTMLTableCellElement) => cell.cellIndex + 1);
    await table.locator('tbody tr[data-index="0"] td:nth-child(2)', { hasText: 'Jonas Weber' }).waitFor();
    const days = await table.locator(`tbody tr[data-index] td:nth-child(${column})`).allTextContents();
    expect(days.map((day) => day.trim())).toEqual(['14 mars 2025', '20 nov. 2024', '']);
    // The header shows whole beside its sort icon.
    const clipped = await header.evaluate((cell: HTMLElement) => cell.scrollWidth > cell.clientWidth);
    expect(clipped).toBe(false);

    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
    await page.keyboard.press('Escape');
    expect(browser.problems).toEqual([]);
  });
});
