/**
 * End and Home on a list of 3,000 contacts, which the table pages by cursor
 * 50 at a time. End selects the last contact and brings it into view without
 * loading the pages before it. Scrolling up loads the earlier pages and keeps
 * the rows in view in place, and Home goes back to the first contact. A
 * search in relevance order is read the same way, from its least relevant
 * match.
 */
import type { Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContacts } from '../../src/contacts/create-contacts.ts';
import type { ContactInput } from '../../src/contacts/model.ts';
import { type BrowserSession, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const CONTACTS = 3000;
const HEADER_HEIGHT = 40;

const nameOf = (number: number) => `Client ${String(number).padStart(4, '0')}`;

/** Resolves with the milliseconds until the selected row contains `text`, measured in the page. */
function selectionTime(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now();
        const check = () => {
          if (document.querySelector('tr[aria-selected="true"]')?.textContent?.includes(wanted)) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => reject(new Error(`no selected row with ${wanted} after 10 s`)), 10_000);
        check();
      }),
    text,
  );
}

/** Returns where `row` sits against the scroll box of the table: fully visible below the sticky header or not. */
async function visibility(row: Locator) {
  const box = await row.page().locator('table.contact-table').evaluate((table) => {
    const rect = (table.parentElement as HTMLElement).getBoundingClientRect();
    return { top: rect.top, bottom: rect.bottom };
  });
  const rect = await row.boundingBox();
  if (!rect) return { visible: false, rect, box };
  const visible = rect.y >= box.top + HEADER_HEIGHT - 1 && rect.y + rect.height <= box.bottom + 1;
  return { visible, rect, box };
}

describe('contact list ends', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const listRequests: string[] = [];

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const business = comptoir.business;
    if (!business) throw new Error('the test business was not created');
    // The contacts go through the use case the API and the importer share, 500 per batch.
    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    for (let start = 1; start <= CONTACTS; start += 500) {
      const inputs: ContactInput[] = Array.from({ length: 500 }, (_, offset) => {
        const number = start + offset;
        const digits = String(number).padStart(4, '0');
        return {
          type: 'customer',
          kind: 'individual',
          firstName: 'Client',
          lastName: digits,
          mobile: `06 10 ${digits.slice(0, 2)} ${digits.slice(2)} 00`,
        };
      });
      const outcomes = await createContacts(comptoir.database.db.kysely, actor, inputs);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    }

    browser = await openBrowser({ width: 1280, height: 800 });
    browser.page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/contacts') listRequests.push(url.search);
    });
    await signIn(browser.page, comptoir.url);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  async function openList(query = '') {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers${query}`);
    const table = page.getByRole('grid', { name: 'Contacts' });
    await table.locator('tbody tr[data-index="0"]').waitFor();
    await page.getByRole('searchbox').press('ArrowDown');
    listRequests.length = 0;
    return { table, selected: table.locator('tbody tr[aria-selected="true"]') };
  }

  it('End selects the last contact', async () => {
    const { page } = browser;
    const { table, selected } = await openList();
    const last = nameOf(CONTACTS);
    const time = selectionTime(page, last);
    await table.press('End');
    const milliseconds = await time;
    console.info(`End on ${CONTACTS} contacts: last one selected after ${Math.round(milliseconds)} ms`);

    expect((await visibility(selected)).visible).toBe(true);
    expect(await selected.getAttribute('aria-rowindex')).toBe(String(CONTACTS + 1));
    // One request: the list read from its end. The 59 pages before it are not read.
    expect(listRequests).toHaveLength(1);
    expect(new URLSearchParams(listRequests[0]).get('order')).toBe('desc');

    await table.press('ArrowUp');
    await selected.filter({ hasText: nameOf(CONTACTS - 1) }).waitFor();
    expect((await visibility(selected)).visible).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('scrolling up keeps rows in place', async () => {
    const { page } = browser;
    const { table, selected } = await openList();
    await table.press('End');
    await selected.filter({ hasText: nameOf(CONTACTS) }).waitFor();
    // PageUp moves the selection up to the first loaded contact, and the page before it loads.
    const earlier = page.waitForResponse((response) => response.url().includes('order=desc') && response.url().includes('cursor='));
    // The earlier page is held back until the selected row's place has been measured.
    let release = () => {};
    const measured = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/contacts?*cursor=*', async (route) => {
      await measured;
      await route.continue();
    });
    for (let press = 0; press < 6; press += 1) await table.press('PageUp');
    const firstLoaded = nameOf(CONTACTS - 49);
    await selected.filter({ hasText: firstLoaded }).waitFor();
    const before = await visibility(selected);
    expect(await table.locator('tbody tr[data-index]').filter({ hasText: nameOf(CONTACTS - 50) }).count()).toBe(0);
    release();
    await earlier;
    await table.locator('tbody tr[data-index]').filter({ hasText: nameOf(CONTACTS - 50) }).waitFor({ state: 'attached' });
    const after = await visibility(selected);
    await page.unroute('**/api/v1/contacts?*cursor=*');
    expect((await selected.locator('td:nth-child(2)').textContent())?.trim()).toBe(firstLoaded);
    expect(after.visible).toBe(true);
    expect(Math.abs((after.rect?.y ?? 0) - (before.rect?.y ?? 0))).toBeLessThan(2);

    await table.press('ArrowUp');
    await selected.filter({ hasText: nameOf(CONTACTS - 50) }).waitFor();
    expect((await visibility(selected)).visible).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('Home selects the first contact', async () => {
    const { table, selected } = await openList();
    await table.press('End');
    await selected.filter({ hasText: nameOf(CONTACTS) }).waitFor();
    await table.press('Home');
    await selected.filter({ hasText: nameOf(1) }).waitFor();
    expect((await visibility(selected)).visible).toBe(true);
    expect(await selected.getAttribute('aria-rowindex')).toBe('2');
    // The first pages stayed loaded, and End again reads the end from the cache first.
    await table.press('End');
    await selected.filter({ hasText: nameOf(CONTACTS) }).waitFor();
    expect((await visibility(selected)).visible).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('End follows a descending sort', async () => {
    const { table, selected } = await openList('?sort=name&order=desc');
    await selected.filter({ hasText: nameOf(CONTACTS) }).waitFor();
    await table.press('End');
    await selected.filter({ hasText: nameOf(1) }).waitFor();
    expect((await visibility(selected)).visible).toBe(true);
    expect(new URLSearchParams(listRequests[0]).get('order')).toBe('asc');
    expect(browser.problems).toEqual([]);
  });

  it('End reads a ranked search from its end', async () => {
    const { page } = browser;
    // The last match of the ranking, read through every page best first as the API returns them.
    let lastId: string | undefined;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `${comptoir.url}/api/v1/contacts?q=client&limit=200&fields=id${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await (await page.request.get(url)).json()) as { items: { id: string }[]; nextCursor: string | null };
      lastId = body.items.at(-1)?.id ?? lastId;
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);

    const { table, selected } = await openList('?q=client');
    const started = Date.now();
    await table.press('End');
    await expect.poll(async () => selected.locator('a.contact-link').getAttribute('href'), { interval: 20 }).toBe(`/customers/${lastId}`);
    console.info(`End on a ranked search: last match selected after ${Date.now() - started} ms, ${listRequests.length} list request(s)`);
    expect((await visibility(selected)).visible).toBe(true);
    // One request reads the ranking from its end, instead of every page before it.
    expect(listRequests).toHaveLength(1);
    const request = new URLSearchParams(listRequests[0]);
    expect(request.get('sort')).toBe('relevance');
    expect(request.get('order')).toBe('desc');

    // Scrolling up loads the earlier matches, and Home goes back to the best one.
    await table.evaluate((element) => {
      (element.parentElement as HTMLElement).scrollTop = 0;
    });
    await expect.poll(() => listRequests.length).toBeGreaterThan(1);
    await table.press('Home');
    await expect.poll(() => selected.locator('td').nth(1).textContent()).toBe(nameOf(1));
    expect(browser.problems).toEqual([]);
  });
});
