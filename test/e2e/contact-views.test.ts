/**
 * Saved views in the contact list. Each list offers the views of its own
 * side. A view opens as the list API reads its filters and is not marked as
 * modified, whether it was saved from the web app or through the API, and
 * whether it was chosen in the menu or opened from an address that names it
 * alone. An address naming no view of the user says so instead of a list.
 */
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

describe('contact list views', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contacts = [
      { type: 'customer', kind: 'individual', firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 57 01' },
      { type: 'customer', kind: 'individual', firstName: 'Denis', lastName: 'Roux', mobile: '06 12 34 57 02', status: 'inactive' },
      { type: 'supplier', kind: 'business', businessName: 'Moulins de Savoie', mobile: '04 79 10 20 30' },
    ];
    for (const data of contacts) await callApi(page.request, comptoir.url, 'POST', '/contacts', data);
    const views = [
      { name: 'Clients actifs', filters: { type: 'customer', status: 'active' } },
      { name: 'Fournisseurs actifs', filters: { type: 'supplier', status: 'active' } },
      { name: 'Tous les clients', filters: { type: 'customer' } },
      { name: 'Tout le monde', filters: {} },
    ];
    for (const view of views) await callApi(page.request, comptoir.url, 'POST', '/contact-views', view);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  const viewNames = async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Vues' }).click();
    const items = page.getByRole('menu').getByRole('menuitem');
    await items.first().waitFor();
    const names = (await items.allTextContents()).map((name) => name.trim());
    await page.keyboard.press('Escape');
    return names;
  };

  const openView = async (name: string) => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Vues' }).click();
    await page.getByRole('menuitem', { name, exact: true }).click();
    await page.waitForURL((address) => address.searchParams.has('view'));
  };

  it('each list offers its own views', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/suppliers`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    const onSuppliers = await viewNames();
    expect(onSuppliers).toContain('Fournisseurs actifs');
    expect(onSuppliers).toContain('Tout le monde');
    expect(onSuppliers).not.toContain('Clients actifs');
    expect(onSuppliers).not.toContain('Tous les clients');

    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    const onCustomers = await viewNames();
    expect(onCustomers).toContain('Clients actifs');
    expect(onCustomers).toContain('Tout le monde');
    expect(onCustomers).not.toContain('Fournisseurs actifs');
    expect(browser.problems).toEqual([]);
  });

  it('view opens unmodified', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    await openView('Clients actifs');
    const button = page.getByRole('button', { name: /^Clients actifs/ });
    await button.waitFor();
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    expect(await button.textContent()).not.toContain('modifiée');
    expect(browser.problems).toEqual([]);
  });

  it('API view without status keeps inactive contacts', async () => {
    const { page } = browser;
    // Without q, GET /contacts with these filters includes inactive contacts, so the view shows both customers.
    const listed = await callApi<{ items: unknown[] }>(page.request, comptoir.url, 'GET', '/contacts?type=customer');
    expect(listed.items).toHaveLength(2);

    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    await openView('Tous les clients');
    await page.getByTestId('list-count').filter({ hasText: '2 contacts' }).waitFor();
    const button = page.getByRole('button', { name: /^Tous les clients/ });
    expect(await button.textContent()).not.toContain('modifiée');
    expect(browser.problems).toEqual([]);
  });

  it('saving a deleted view fails visibly', async () => {
    const { page } = browser;
    const name = 'Une vue au nom assez long pour le bouton';
    const view = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contact-views', { name, filters: { type: 'customer' } });
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    await openView(name);
    await page.getByRole('button', { name: 'Trier par Code' }).click();

    // The badge keeps its whole word beside a name that fills the button.
    const badge = page.getByRole('button', { name: new RegExp(`^${name}`) }).locator('.mantine-Badge-root');
    await badge.waitFor();
    const label = badge.locator('.mantine-Badge-label');
    const widths = await label.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);

    // Another tab deletes the view, so saving the changes into it fails with a notice.
    const session = (await (await page.request.get(`${comptoir.url}/api/v1/session`)).json()) as { csrfToken: string };
    const deleted = await page.request.delete(`${comptoir.url}/api/v1/contact-views/${view.id}`, { headers: { 'X-CSRF-Token': session.csrfToken } });
    expect(deleted.status()).toBe(204);
    browser.expectFailedRequests(new RegExp(`/api/v1/contact-views/${view.id}$`));
    await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await page.getByRole('menuitem', { name: 'Enregistrer les modifications' }).click();
    const alert = page.locator('.mantine-Notification-root').filter({ hasText: 'L’opération a échoué' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('vue de contacts');
    // The views are read again, so the menu no longer offers the deleted one.
    expect(await viewNames()).not.toContain(name);
    expect(browser.problems).toEqual([]);
  });

  it('back after a view restores the search', async () => {
    const { page } = browser;
    await callApi(page.request, comptoir.url, 'POST', '/contact-views', { name: 'Les Roux', filters: { q: 'roux', includeInactive: 'true' } });
    await page.goto(`${comptoir.url}/customers?q=bernard`);
    const box = page.getByRole('searchbox');
    await page.getByText('Agathe Bernard').waitFor();
    await openView('Les Roux');
    await page.getByText('Denis Roux').waitFor();
    expect(await box.inputValue()).toBe('roux');

    await page.goBack();
    await page.waitForURL((address) => !address.searchParams.has('view'));
    await page.getByText('Agathe Bernard').waitFor();
    expect(await box.inputValue()).toBe('bernard');
    // The box and the list stay on the earlier search once the typing delay has passed.
    await page.waitForTimeout(600);
    expect(new URL(page.url()).searchParams.get('q')).toBe('bernard');
    expect(await box.inputValue()).toBe('bernard');

    // The menu link opens the whole list, without the search.
    await page.getByRole('navigation').getByRole('link', { name: 'Clients', exact: true }).click();
    await page.waitForURL((address) => !address.searchParams.has('q'));
    await page.waitForTimeout(600);
    expect(new URL(page.url()).searchParams.get('q')).toBeNull();
    expect(await box.inputValue()).toBe('');
    expect(browser.problems).toEqual([]);
  });

  it('saving a view names its invalid filter', async () => {
    const { page } = browser;
    const group = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/customer-groups', {
      name: 'Éphémère', calculation: 'percentage', percentage: '5',
    });
    const view = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contact-views', {
      name: 'Groupe éphémère', filters: { type: 'customer', customerGroupId: group.id },
    });
    await callApi(page.request, comptoir.url, 'DELETE', `/customer-groups/${group.id}`);
    browser.expectFailedRequests(/\/api\/v1\/contacts(\/totals)?\?/);
    browser.expectFailedRequests(new RegExp(`/api/v1/contact-views/${view.id}$`));

    // The list and its chip name the deleted group. A search typed meanwhile changes the view, and
    // saving it reports the group again, rather than a count of invalid values.
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    await openView('Groupe éphémère');
    await page.getByText(group.id, { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Groupe de clients : groupe supprimé' }).waitFor();
    await page.getByRole('searchbox').fill('agathe');
    await page.waitForURL((address) => address.searchParams.get('q') === 'agathe');
    await page.getByRole('button', { name: /^Groupe éphémère/ }).click();
    await page.getByRole('menuitem', { name: 'Enregistrer les modifications' }).click();
    const alert = page.locator('.mantine-Notification-root').filter({ hasText: 'L’opération a échoué' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`Aucun groupe de clients n’a l’identifiant « ${group.id} »`);
    expect(await alert.textContent()).not.toContain('1 valeur invalide');
    expect(browser.problems).toEqual([]);
  });

  it('view opens from its address alone', async () => {
    const { page } = browser;
    const view = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contact-views', {
      name: 'Anciens clients',
      filters: { type: 'customer', status: 'inactive', q: 'roux' },
      sort: { field: 'code', order: 'desc' },
      columns: ['code', 'name', 'city'],
    });
    const listQueries: URLSearchParams[] = [];
    const record = (request: Request) => {
      const address = new URL(request.url());
      if (address.pathname === '/api/v1/contacts') listQueries.push(address.searchParams);
    };
    const headers = () => page.locator('table.contact-table thead th').evaluateAll((cells) => cells.map((cell) => (cell.textContent ?? '').trim()));

    // As a bookmark or a pasted link would.
    page.on('request', record);
    try {
      await page.goto(`${comptoir.url}/customers?view=${view.id}`);
      await page.getByText('Denis Roux').waitFor();
    } finally {
      page.off('request', record);
    }
    await page.getByTestId('list-count').filter({ hasText: '1 contact' }).waitFor();
    expect(listQueries.length).toBeGreaterThan(0);
    for (const query of listQueries) {
      expect(query.get('status'), query.toString()).toBe('inactive');
      expect(query.get('q'), query.toString()).toBe('roux');
      expect(query.get('sort'), query.toString()).toBe('code');
      expect(query.get('order'), query.toString()).toBe('desc');
    }
    expect(await page.getByRole('searchbox').inputValue()).toBe('roux');
    expect(await page.getByRole('button', { name: 'Statut : inactifs' }).isVisible()).toBe(true);
    expect((await headers()).slice(0, 3)).toEqual(['Code', 'Nom', 'Ville']);
    const button = page.getByRole('button', { name: /^Anciens clients/ });
    expect(await button.textContent()).not.toContain('modifiée');
    const fromAddress = [...new URL(page.url()).searchParams].sort();

    // The same view chosen in the menu.
    await page.goto(`${comptoir.url}/customers`);
    await page.getByText('Agathe Bernard').waitFor();
    await openView('Anciens clients');
    await page.getByText('Denis Roux').waitFor();
    expect([...new URL(page.url()).searchParams].sort()).toEqual(fromAddress);

    // A reload keeps a change made to the view.
    await page.getByRole('button', { name: 'Trier par Nom' }).click();
    await page.waitForURL((address) => address.searchParams.get('sort') === 'name');
    await page.reload();
    await page.getByText('Denis Roux').waitFor();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
    await page.getByText('modifiée', { exact: true }).waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('unknown view address says so', async () => {
    const { page } = browser;
    const deleted = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contact-views', { name: 'Supprimée' });
    await callApi(page.request, comptoir.url, 'DELETE', `/contact-views/${deleted.id}`).catch(() => undefined);
    // Another user's view: a seller signs in with their own session and saves one.
    const role = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/roles', { name: 'Vues personnelles', permissions: ['customer.view'] });
    const seller = { email: 'vendeur@epicerie-martin.fr', password: 'Comptoir-vendeur-2024', name: 'Hugo Vendeur' };
    await callApi(page.request, comptoir.url, 'POST', '/users', { ...seller, roleId: role.id });
    const sellerContext = await browser.browser.newContext();
    let foreign = '';
    try {
      const signedIn = await sellerContext.request.post(`${comptoir.url}/api/v1/session`, { data: { email: seller.email, password: seller.password } });
      expect(signedIn.ok()).toBe(true);
      foreign = (await callApi<{ id: string }>(sellerContext.request, comptoir.url, 'POST', '/contact-views', { name: 'Ma tournée' })).id;
    } finally {
      await sellerContext.close();
    }

    const title = page.getByText('Impossible d’ouvrir cette vue enregistrée');
    for (const id of ['inconnue', deleted.id, foreign]) {
      const listRequests: string[] = [];
      const record = (request: Request) => {
        if (new URL(request.url()).pathname === '/api/v1/contacts') listRequests.push(request.url());
      };
      page.on('request', record);
      try {
        await page.goto(`${comptoir.url}/customers?view=${encodeURIComponent(id)}`);
        await title.waitFor();
      } finally {
        page.off('request', record);
      }
      const text = `Aucune de vos vues n’a l’identifiant « ${id} » : elle a été supprimée, le lien a été mal recopié, ou c’est la vue d’un autre utilisateur.`;
      expect(await page.getByText(text, { exact: false }).isVisible(), id).toBe(true);
      // No other list shows in its place.
      expect(listRequests, id).toEqual([]);
      expect(await page.locator('table.contact-table').count(), id).toBe(0);
    }

    await page.getByRole('button', { name: 'Afficher la liste complète' }).click();
    await page.waitForURL((address) => !address.searchParams.has('view'));
    await page.getByText('Agathe Bernard').waitFor();

    // With filters beside it, the address still names the list to show, and a notice tells that the view is gone.
    await page.goto(`${comptoir.url}/customers?view=${deleted.id}&status=inactive`);
    await page.getByText('Denis Roux').waitFor();
    const notice = `Aucune de vos vues n’a plus l’identifiant « ${deleted.id} » : la liste montre les filtres de son adresse.`;
    expect(await page.getByText(notice, { exact: false }).isVisible()).toBe(true);
    expect(await title.count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('reload keeps a view emptied of filters', async () => {
    const { page } = browser;
    const name = 'Clients inactifs par code';
    await page.goto(`${comptoir.url}/customers`);
    await page.getByText('Agathe Bernard').waitFor();
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Statut', exact: true }).click();
    const editor = page.getByRole('dialog');
    await editor.getByText('Inactifs', { exact: true }).click();
    await editor.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText('Denis Roux').waitFor();
    await page.getByRole('button', { name: 'Trier par Code' }).click();
    await page.waitForURL((address) => address.searchParams.get('sort') === 'code');
    await page.getByRole('button', { name: 'Vues' }).click();
    await page.getByRole('menuitem', { name: 'Enregistrer comme nouvelle vue…' }).click();
    await page.getByRole('dialog').getByLabel('Nom de la vue').fill(name);
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL((address) => address.searchParams.has('view'));
    const viewId = new URL(page.url()).searchParams.get('view');
    const button = page.getByRole('button', { name: new RegExp(`^${name}`) });
    await button.waitFor();
    expect(await button.textContent()).not.toContain('modifiée');

    // The filter goes, then the second click on Code reverses the order and the third returns to the default one.
    await page.getByRole('button', { name: 'Retirer le filtre Statut' }).click();
    await page.getByText('Agathe Bernard').waitFor();
    await page.getByRole('button', { name: 'Trier par Code' }).click();
    await page.waitForURL((address) => address.searchParams.get('order') === 'desc');
    await page.getByRole('button', { name: 'Trier par Code' }).click();
    await page.waitForURL((address) => !address.searchParams.has('sort'));
    const emptied = page.url();

    const statusChip = page.getByRole('button', { name: 'Retirer le filtre Statut' });
    const expectEmptied = async (step: string) => {
      await page.getByText('Agathe Bernard').waitFor();
      await button.filter({ hasText: 'modifiée' }).waitFor();
      expect(await page.getByText('Denis Roux').count(), step).toBe(0);
      expect(await statusChip.count(), step).toBe(0);
      expect(await page.locator('th[aria-sort]').count(), step).toBe(0);
    };
    await page.reload();
    await expectEmptied('reload');
    expect([...new URL(page.url()).searchParams].sort()).toEqual([['filters', 'none'], ['view', viewId]]);

    // Back returns to the list sorted by code from Z to A, and forward to the emptied view.
    await page.goBack();
    await page.waitForURL((address) => address.searchParams.get('order') === 'desc');
    await page.locator('th[aria-sort="descending"]').waitFor();
    await page.goForward();
    await page.waitForURL((address) => !address.searchParams.has('sort'));
    await expectEmptied('forward');

    // A copied link opens the view as the user left it.
    await page.goto(`${comptoir.url}/customers`);
    await page.getByText('Agathe Bernard').waitFor();
    await page.goto(emptied);
    await expectEmptied('copied link');

    // The view's address alone still opens it as saved.
    await page.goto(`${comptoir.url}/customers?view=${viewId}`);
    await page.getByText('Denis Roux').waitFor();
    await page.waitForURL((address) => address.searchParams.get('status') === 'inactive');
    expect(new URL(page.url()).searchParams.has('filters')).toBe(false);
    expect(await page.getByText('Agathe Bernard').count()).toBe(0);
    expect(await button.textContent()).not.toContain('modifiée');
    expect(browser.problems).toEqual([]);
  });

  it('view of the other side links there', async () => {
    const { page } = browser;
    const views = await callApi<{ items: { id: string; name: string }[] }>(page.request, comptoir.url, 'GET', '/contact-views');
    const suppliers = views.items.find((view) => view.name === 'Fournisseurs actifs');
    await page.goto(`${comptoir.url}/customers?view=${suppliers?.id}`);
    await page.getByText('Cette vue appartient à l’autre liste').waitFor();
    expect(await page.getByText('La vue « Fournisseurs actifs » liste des fournisseurs : elle s’ouvre sur la page Fournisseurs.').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'L’ouvrir dans Fournisseurs' }).click();
    await page.waitForURL((address) => address.pathname === '/suppliers');
    await page.getByText('Moulins de Savoie').waitFor();
    expect(await page.getByRole('button', { name: /^Fournisseurs actifs/ }).textContent()).not.toContain('modifiée');
    expect(browser.problems).toEqual([]);
  });
});
