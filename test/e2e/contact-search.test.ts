/**
 * Finding contacts in the browser: a long pasted text, a phone typed with spaces, the keyboard
 * from the search box to the contact, the overdue filter with its totals, a
 * saved view, and two duplicates merged side by side with their ledgers.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

async function csrfHeaders(page: Page, url: string): Promise<Record<string, string>> {
  const session = await page.request.get(`${url}/api/v1/session`);
  return { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
}

async function post(page: Page, url: string, path: string, data: unknown): Promise<{ id: string; reference?: string }> {
  const response = await page.request.post(`${url}/api/v1${path}`, { data, headers: await csrfHeaders(page, url) });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(201);
  return (await response.json()) as { id: string; reference?: string };
}

/** Names in the rendered rows of the contact table, in order. */
async function rowNames(page: Page): Promise<string[]> {
  return (await page.locator('table.contact-table tbody tr[data-index] td:nth-child(2)').allTextContents()).map((name) => name.trim());
}

describe('contact search and merge', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const ids: Record<string, string> = {};
  const references: Record<string, string> = {};

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);

    const url = comptoir.url;
    const person = (firstName: string, lastName: string, mobile: string, extra: object = {}) => ({
      type: 'customer', kind: 'individual', firstName, lastName, mobile, ...extra,
    });
    ids.marc = (await post(page, url, '/contacts', person('Marc', 'Lefèvre', '07 81 22 33 44', { city: 'Lyon' }))).id;
    ids.helene = (await post(page, url, '/contacts', person('Hélène', 'Dubois', '06 12 34 56 78', { email: 'helene.dubois@exemple.fr' }))).id;
    ids.heleneAgain = (await post(page, url, '/contacts', person('Helene', 'Dubois', '+33 6 12 34 56 78', { city: 'Villeurbanne' }))).id;
    ids.karim = (await post(page, url, '/contacts', person('Karim', 'Benali', '06 45 67 89 01'))).id;
    for (let i = 1; i <= 30; i += 1) {
      await post(page, url, '/contacts', person(`Client ${String(i).padStart(2, '0')}`, 'Test', `06 20 00 00 ${String(i).padStart(2, '0')}`));
    }

    const sale = (contactId: string, date: string, price: string) => ({
      contactId, date, status: 'final',
      payTerm: { number: 30, unit: 'days', endOfMonth: false },
      lines: [{ description: 'Panier garni', quantity: '1', unitPrice: price }],
    });
    // Due a month after 2024-03-01, so overdue today; the others are due in the future.
    const inFuture = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    references.overdue = (await post(page, url, '/sales', sale(ids.heleneAgain, '2024-03-01', '45.00'))).reference ?? '';
    references.recent = (await post(page, url, '/sales', sale(ids.helene, inFuture, '80.00'))).reference ?? '';
    await post(page, url, '/sales', sale(ids.karim, inFuture, '12.00'));
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('long pasted text still searches', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
    // A whole note pasted into the search box: the box keeps 200 characters, the maximum that the list accepts.
    const pasted = 'Lefèvre '.repeat(40);
    const search = page.getByRole('searchbox', { name: 'Rechercher' });
    await search.fill(pasted);
    expect(await search.inputValue()).toBe(pasted.slice(0, 200));
    await page.waitForFunction(() => document.querySelectorAll('table.contact-table tbody tr[data-index]').length === 1);
    expect(await rowNames(page)).toEqual(['Marc Lefèvre']);
    expect(await page.getByText('Chargement impossible').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('finds a contact by a phone typed with spaces', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('22 33 44');
    await page.waitForFunction(() => document.querySelectorAll('table.contact-table tbody tr[data-index]').length === 1);
    expect(await rowNames(page)).toEqual(['Marc Lefèvre']);
    expect(await page.getByTestId('list-count').textContent()).toBe('1 contact');
    await page.waitForURL(/[?&]q=22\+33\+44/);

    // Down arrow moves from the search box into the list, Enter opens the selected contact.
    await page.getByRole('searchbox', { name: 'Rechercher' }).press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${comptoir.url}/customers/${ids.marc}`);
    await page.getByRole('heading', { name: 'Marc Lefèvre' }).waitFor();
  });

  it('moves the selection with the arrow keys', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?sort=name&order=asc`);
    await page.locator('table.contact-table tbody tr[data-index]').first().waitFor();
    await page.getByRole('grid', { name: 'Contacts' }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selected = page.locator('table.contact-table tbody tr[aria-selected="true"]');
    expect(await selected.getAttribute('data-index')).toBe('2');
    await page.keyboard.press('ArrowUp');
    expect(await selected.getAttribute('data-index')).toBe('1');
    const name = (await selected.locator('td:nth-child(2)').textContent())?.trim();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name }).waitFor();
  });

  it('filters overdue contacts with their totals', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '34 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'En retard de paiement' }).click();
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    expect(await rowNames(page)).toEqual(['Helene Dubois']);
    const totals = await page.getByTestId('list-totals').textContent();
    expect(totals).toContain('À recevoir45,00');
    expect(page.url()).toContain('overdue=true');

    // The chip switches the filter to "no", then its cross removes it.
    await page.getByRole('button', { name: 'En retard de paiement : oui' }).click();
    await page.getByTestId('list-count').filter({ hasText: '33 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Retirer le filtre En retard de paiement' }).click();
    await page.getByTestId('list-count').filter({ hasText: '34 contacts' }).waitFor();
  });

  it('saves a view with its filters and columns', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?hasReceivableDue=true`);
    await page.getByTestId('list-count').filter({ hasText: '3 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Colonnes' }).click();
    await page.getByRole('checkbox', { name: 'À recevoir' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'À recevoir' }).waitFor();

    await page.getByRole('button', { name: 'Vues' }).click();
    await page.getByRole('menuitem', { name: 'Enregistrer comme nouvelle vue…' }).click();
    await field(page, 'Nom de la vue').fill('Clients qui doivent');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/[?&]view=/);

    await page.getByRole('button', { name: 'Clients qui doivent' }).click();
    await page.getByRole('menuitem', { name: 'Liste complète' }).click();
    await page.getByTestId('list-count').filter({ hasText: '34 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Colonnes' }).click();
    await page.getByRole('button', { name: 'Colonnes par défaut' }).click();
    await page.keyboard.press('Escape');
    expect(await page.getByRole('columnheader', { name: 'À recevoir' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Vues' }).click();
    await page.getByRole('menuitem', { name: 'Clients qui doivent' }).click();
    await page.getByTestId('list-count').filter({ hasText: '3 contacts' }).waitFor();
    await page.getByRole('columnheader', { name: 'À recevoir' }).waitFor();
    const views = await page.request.get(`${comptoir.url}/api/v1/contact-views`);
    const saved = ((await views.json()) as { items: { name: string; filters: Record<string, string>; columns: string[] }[] }).items;
    expect(saved.map((view) => view.name)).toEqual(['Clients qui doivent']);
    expect(saved[0]?.filters.hasReceivableDue).toBe('true');
    expect(saved[0]?.columns).toContain('receivable');
  });

  it('merges two duplicates with their ledgers', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Doublons' }).click();
    const group = page.getByTestId('duplicate-group').filter({ hasText: 'Même mobile' });
    await group.waitFor();
    expect(await group.textContent()).toContain('Hélène Dubois');
    expect(await group.textContent()).toContain('Helene Dubois');
    await group.getByRole('button', { name: 'Comparer et fusionner' }).click();

    const table = page.getByTestId('merge-table');
    await table.waitFor();
    // The first contact is kept; take the city of the second, which the first lacks anyway.
    await page.getByRole('radio', { name: 'Garder « Villeurbanne » pour Ville' }).check();
    await page.getByRole('radio', { name: 'Garder « Hélène » pour Prénom' }).check();
    const moves = page.getByTestId('merge-moves');
    await moves.getByText('Écritures du compte').waitFor();
    expect(await moves.textContent()).toContain('Documents1');
    await page.getByTestId('merge-result').getByText('Hélène Dubois').waitFor();
    expect(await page.getByTestId('merge-result').textContent()).toContain('125,00');

    await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.getByRole('dialog', { name: 'Fusionner ces contacts ?' }).getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.getByRole('heading', { name: 'Hélène Dubois' }).waitFor();
    expect(page.url()).toMatch(/\/customers\/[0-9a-f-]+$/);
    const keptId = page.url().split('/').at(-1) ?? '';
    expect([ids.helene, ids.heleneAgain]).toContain(keptId);

    await page.getByRole('tab', { name: 'Compte' }).click();
    await page.getByText(references.overdue ?? '', { exact: true }).first().waitFor();
    await page.getByText(references.recent ?? '', { exact: true }).first().waitFor();

    const kept = (await (await page.request.get(`${comptoir.url}/api/v1/contacts/${keptId}`)).json()) as Record<string, unknown>;
    expect(kept.balance).toBe('125.00');
    expect(kept.overdue).toBe('45.00');
    expect(kept.firstName).toBe('Hélène');
    expect(kept.city).toBe('Villeurbanne');
    const mergedId = keptId === ids.helene ? ids.heleneAgain : ids.helene;
    browser.expectFailedRequests(new RegExp(`/api/v1/contacts/${mergedId}$`));
    expect((await page.request.get(`${comptoir.url}/api/v1/contacts/${mergedId}`)).status()).toBe(404);

    await page.goto(`${comptoir.url}/contacts/duplicates`);
    await page.getByText('Aucun doublon trouvé').waitFor();
    ids.kept = keptId;
    expect(browser.problems).toEqual([]);
  });

  it('history shows the merge', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/${ids.kept}/activity`);
    const entry = page.getByTestId('activity-entry').first();
    await entry.waitFor();
    expect(await entry.locator('p').first().textContent()).toMatch(/^Claire Martin a fusionné Helene Dubois \(CO\d{4}\) dans ce contact$/);
    const city = entry.locator('tr', { hasText: 'Ville' });
    expect(await city.locator('td').allTextContents()).toEqual(['Ville', '(vide)', 'Villeurbanne']);
    expect(browser.problems).toEqual([]);
  });
});
