/**
 * The customer and supplier lists: the next page of 50 loaded while
 * scrolling, the fields requested from the server following the visible columns,
 * contacts of type both in each list, on a phone cards in
 * place of the table and the list actions in a menu, filter chips clear of
 * the views button, and a search hint that shows whole at 390 and 360 px in
 * both languages. The End and Home keys select the last and the first
 * contact of the list, and the back button returns to the row opened from
 * the table. A search that takes time shows a loader and dims the earlier
 * rows, and the export of the list follows its sort.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

describe('contact lists', () => {
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
    const contacts = [
      ...Array.from({ length: 58 }, (_, i) => ({
        type: 'customer',
        kind: 'individual',
        firstName: `Client ${String(i + 1).padStart(2, '0')}`,
        mobile: `06 10 00 ${String(Math.floor(i / 10)).padStart(2, '0')} ${String(i % 10).padStart(2, '0')}`,
      })),
      { type: 'both', kind: 'business', businessName: 'Primeurs du Rhône', mobile: '04 78 12 34 56' },
      { type: 'supplier', kind: 'business', businessName: 'Moulins de Savoie', mobile: '04 79 10 20 30' },
    ];
    for (const data of contacts) {
      const response = await page.request.post(`${comptoir.url}/api/v1/contacts`, { data, headers });
      expect(response.status()).toBe(201);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('loads the next page while scrolling', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    const rows = page.locator('table.contact-table tbody tr[data-index]');
    await rows.first().waitFor();
    await page.getByTestId('list-count').filter({ hasText: '59 contacts' }).waitFor();
    // Only the rows in view are in the page, not the 50 of the first page.
    expect(await rows.count()).toBeLessThan(50);
    expect((await rows.first().locator('td:nth-child(2)').textContent())?.trim()).toBe('Client 01');

    const nextPage = page.waitForRequest((request) => request.url().includes('/api/v1/contacts?') && request.url().includes('cursor='));
    await page.locator('table.contact-table').evaluate((table) => {
      const box = table.parentElement as HTMLElement;
      box.scrollTop = box.scrollHeight;
    });
    await nextPage;
    const last = page.locator('table.contact-table tbody tr[data-index="58"]');
    await last.waitFor();
    expect((await last.locator('td:nth-child(2)').textContent())?.trim()).toBe('Primeurs du Rhône');
    expect(await page.locator('table.contact-table tbody tr[data-index="59"]').count()).toBe(0);
    const names = (await page.locator('table.contact-table tbody tr[data-index] td:nth-child(2)').allTextContents()).map((name) => name.trim());
    expect(names).toContain('Client 58');
    expect(names).not.toContain('Moulins de Savoie');
  });

  it('End and Home reach both ends', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    const table = page.getByRole('grid', { name: 'Contacts' });
    await table.locator('tbody tr[data-index="0"]').waitFor();
    await page.getByTestId('list-count').filter({ hasText: '59 contacts' }).waitFor();
    await page.getByRole('searchbox').press('ArrowDown');
    const hint = page.getByTestId('list-keys-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toContain('Début et Fin : premier et dernier contact de la liste.');
    expect(await table.getAttribute('aria-describedby')).toBe(await hint.getAttribute('id'));

    // 59 contacts fill two pages, and End selects the last one at once.
    const selected = table.locator('tbody tr[aria-selected="true"]');
    await table.press('End');
    await selected.filter({ hasText: 'Primeurs du Rhône' }).waitFor();
    expect(await selected.getAttribute('aria-rowindex')).toBe('60');
    expect(await table.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
    await table.press('ArrowUp');
    await selected.filter({ hasText: 'Client 58' }).waitFor();
    await table.press('Home');
    await selected.filter({ hasText: 'Client 01' }).waitFor();
    expect(await selected.getAttribute('aria-rowindex')).toBe('2');

    await page.getByRole('searchbox').focus();
    await hint.waitFor({ state: 'hidden' });
    expect(browser.problems).toEqual([]);
  });

  it('back returns to the row opened', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    const table = page.getByRole('grid', { name: 'Contacts' });
    await table.locator('tbody tr[data-index="0"]').waitFor();
    await page.getByTestId('list-count').filter({ hasText: '59 contacts' }).waitFor();
    const selectedRow = table.locator('tbody tr[aria-selected="true"]');
    await page.getByRole('searchbox').press('ArrowDown');
    await table.press('End');
    await selectedRow.filter({ hasText: 'Primeurs du Rhône' }).waitFor();
    await table.press('ArrowUp');
    await selectedRow.filter({ hasText: 'Client 58' }).waitFor();
    const active = await table.getAttribute('aria-activedescendant');
    const scrolled = await table.evaluate((element) => (element.parentElement as HTMLElement).scrollTop);
    expect(scrolled).toBeGreaterThan(0);

    await table.press('Enter');
    await page.waitForURL((address) => /\/customers\/[^/]+$/.test(address.pathname));
    // The contact page replaces the list before the user goes back.
    await page.getByRole('heading', { name: 'Client 58' }).first().waitFor();
    expect(await table.count()).toBe(0);
    await page.goBack();
    await selectedRow.filter({ hasText: 'Client 58' }).waitFor();
    expect(await table.getAttribute('aria-activedescendant')).toBe(active);
    expect(await table.evaluate((element) => (element.parentElement as HTMLElement).scrollTop)).toBe(scrolled);
    // The keys go on from that row.
    await page.keyboard.press('ArrowDown');
    await selectedRow.filter({ hasText: 'Primeurs du Rhône' }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('slow search shows it is loading', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '59 contacts' }).waitFor();
    let release = () => {};
    const searchHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/v1\/contacts\?.*q=client/, async (route) => {
      await searchHeld;
      await route.continue();
    });
    await page.getByRole('searchbox').fill('client 42');
    const loader = page.getByTestId('list-searching');
    await loader.waitFor();
    // The earlier rows stay, marked as busy, until the matches arrive.
    expect(await page.locator('[aria-busy="true"] table.contact-table').count()).toBe(1);

    release();
    await page.locator('table.contact-table tbody tr[data-index]').filter({ hasText: 'Client 42' }).waitFor();
    await loader.waitFor({ state: 'detached' });
    expect(await page.locator('[aria-busy="true"] table.contact-table').count()).toBe(0);
    await page.unroute(/\/api\/v1\/contacts\?.*q=client/);
    expect(browser.problems).toEqual([]);
  });

  it('export follows the list sort', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '59 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Trier par Code' }).click();
    await page.getByRole('button', { name: 'Trier par Code' }).click();
    await page.waitForURL((address) => address.searchParams.get('order') === 'desc');
    await page.locator('table.contact-table tbody tr[data-index="0"]').filter({ hasText: 'CO0059' }).waitFor();
    const shownCodes = (await page.locator('table.contact-table tbody tr[data-index] td:nth-child(1)').allTextContents()).slice(0, 3);

    await page.getByRole('button', { name: 'Exporter' }).click();
    const dialog = page.getByRole('dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Télécharger' }).click()]);
    const lines = readFileSync(await download.path(), 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines).toHaveLength(60);
    expect(lines.slice(1, 4).map((line) => line.split(';')[0])).toEqual(shownCodes.map((code) => code.trim()));
    expect(browser.problems).toEqual([]);
  });

  it('requests only the visible columns', async () => {
    const { page } = browser;
    const firstPage = page.waitForRequest((request) => request.url().includes('/api/v1/contacts?'));
    await page.goto(`${comptoir.url}/customers`);
    const fields = new URL((await firstPage).url()).searchParams.get('fields')?.split(',') ?? [];
    expect(fields.sort()).toEqual(
      ['advance', 'balance', 'city', 'code', 'email', 'id', 'mobile', 'name', 'payable', 'receivable', 'status', 'type'],
    );
    const firstRow = page.locator('table.contact-table tbody tr[data-index="0"]');
    await firstRow.waitFor();
    expect(await firstRow.locator('td').allTextContents()).toContain('06 10 00 00 00');

    // A column added later is requested, and its cells show the server's values.
    const withColumn = page.waitForRequest((request) => request.url().includes('/api/v1/contacts?') && request.url().includes('createdAt'));
    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Créé le' }).check();
    await page.keyboard.press('Escape');
    const added = new URL((await withColumn).url()).searchParams.get('fields')?.split(',') ?? [];
    expect(added.sort()).toEqual([...fields, 'createdAt'].sort());
    await page.getByRole('columnheader', { name: 'Créé le' }).waitFor();
    await firstRow.locator('td', { hasText: String(new Date().getFullYear()) }).waitFor();

    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
    await page.keyboard.press('Escape');
    expect(browser.problems).toEqual([]);
  });

  it('lists both-type contacts among suppliers', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Fournisseurs' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.contact-table tbody tr[data-index]').length === 2);
    const names = (await page.locator('table.contact-table tbody tr[data-index] td:nth-child(2)').allTextContents()).map((name) => name.trim());
    expect(names.sort()).toEqual(['Moulins de Savoie', 'Primeurs du Rhône']);
  });

  it('shows cards and a burger menu on a phone', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${comptoir.url}/suppliers`);
    const cards = page.locator('main a.mantine-Card-root:visible');
    await cards.nth(1).waitFor();
    expect(await cards.count()).toBe(2);
    expect(await page.locator('table').isVisible()).toBe(false);
    // The closed drawer sits off screen, to the left.
    const drawer = await page.getByRole('navigation').boundingBox();
    expect((drawer?.x ?? 0) + (drawer?.width ?? 0)).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Ouvrir ou fermer le menu' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'Clients', exact: true }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Export and duplicates sit in a menu beside the new button, so the header keeps one row of actions.
    const newCustomer = await page.getByRole('link', { name: 'Nouveau client' }).boundingBox();
    const moreActions = page.getByRole('button', { name: 'Plus d’actions' });
    const moreBox = await moreActions.boundingBox();
    expect(Math.abs((moreBox?.y ?? 0) - (newCustomer?.y ?? 0))).toBeLessThan(8);
    expect(await page.getByRole('button', { name: 'Exporter' }).count()).toBe(0);
    await moreActions.click();
    await page.getByRole('menuitem', { name: 'Doublons' }).waitFor();
    await page.getByRole('menuitem', { name: 'Exporter' }).click();
    await page.getByRole('dialog', { name: 'Exporter la liste' }).waitFor();
    await page.keyboard.press('Escape');

    expect(browser.problems).toEqual([]);
  });

  it('filter chips clear the views button', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${comptoir.url}/customers?overdue=true&noSaleSince=2026-01-01&createdFrom=2025-01-01&createdTo=2025-12-31`);
    const chips = page.locator('[data-testid=filter-chips] .mantine-ButtonGroup-group');
    await chips.nth(2).waitFor();
    const views = await page.getByRole('button', { name: 'Vues' }).boundingBox();
    if (!views) throw new Error('no views button');
    for (const box of await chips.evaluateAll((groups) => groups.map((group) => group.getBoundingClientRect().toJSON()))) {
      const apart = box.right <= views.x || box.left >= views.x + views.width || box.bottom <= views.y || box.top >= views.y + views.height;
      expect(apart, JSON.stringify(box)).toBe(true);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    expect(browser.problems).toEqual([]);
  });

  it('search hint fits on phones', async () => {
    const { page } = browser;
    const search = page.locator('input[type=search]');
    for (const width of [390, 360]) {
      await page.setViewportSize({ width, height: 800 });
      for (const language of ['FR', 'EN']) {
        await page.goto(`${comptoir.url}/customers`);
        await page.locator('header label', { hasText: new RegExp(`^${language}$`) }).click();
        const expected = language === 'FR' ? 'Nom, code, tél., e-mail, carte, ville' : 'Name, code, phone, email, card, town';
        await page.locator(`input[type=search][placeholder="${expected}"]`).waitFor();
        // The placeholder's width in the input's own font, against the room between its paddings.
        const fit = await search.evaluate((input: HTMLInputElement) => {
          const style = getComputedStyle(input);
          const context = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          return { text: context.measureText(input.placeholder).width, room };
        });
        expect(fit.text, `${language} at ${width} px`).toBeLessThanOrEqual(fit.room);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${language} at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
    expect(browser.problems).toEqual([]);
  });

  it('phone cards stay packed after a search', async () => {
    const { page } = browser;
    const session = await page.request.get(`${comptoir.url}/api/v1/session`);
    const headers = { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
    // The whole list starts with two cards of three lines (with an e-mail), then Adèle Sans. The search
    // for « sans » shows Adèle's card, moved up to the first place, then Zoé's.
    const cardholders = [
      { firstName: 'Aaron', lastName: 'Avec', email: 'aaron.avec@example.fr', mobile: '06 10 99 00 01' },
      { firstName: 'Abel', lastName: 'Avec', email: 'abel.avec@example.fr', mobile: '06 10 99 00 02' },
      { firstName: 'Adèle', lastName: 'Sans', mobile: '06 10 99 00 03' },
      { firstName: 'Zoé', lastName: 'Sans', mobile: '06 10 99 00 04' },
    ];
    for (const data of cardholders) {
      const response = await page.request.post(`${comptoir.url}/api/v1/contacts`, { data: { type: 'customer', kind: 'individual', ...data }, headers });
      expect(response.status()).toBe(201);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${comptoir.url}/customers`);
    await page.locator('main a.mantine-Card-root').nth(2).waitFor();

    await page.locator('main a.mantine-Card-root').filter({ hasText: 'Adèle Sans' }).waitFor();
    await page.getByRole('searchbox').fill('sans');
    await page.locator('main a.mantine-Card-root').filter({ hasText: 'Zoé Sans' }).waitFor();
    await page.waitForTimeout(300);
    const boxes = await page.locator('main [data-index]').evaluateAll((items) =>
      items.map((item) => ({ top: item.getBoundingClientRect().top, height: item.getBoundingClientRect().height })));
    expect(boxes).toHaveLength(2);
    for (let i = 1; i < boxes.length; i += 1) {
      const previous = boxes[i - 1] as { top: number; height: number };
      expect(Math.round((boxes[i] as { top: number }).top), `card ${i}`).toBe(Math.round(previous.top + previous.height));
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    expect(browser.problems).toEqual([]);
  });
});
