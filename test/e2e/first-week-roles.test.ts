/**
 * A shop's first week in the web app: the dashboard of an administrator
 * whose customer has an overdue credit, and the menu of a cashier, who
 * has customers and sales but no supplier, not even as a choice of type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const CASHIER = { email: 'caisse@epicerie-martin.fr', password: 'Caisse-essai-2024', name: 'Chloé Caisse' };

describe('first week by role', () => {
  let comptoir: RunningComptoir;
  let admin: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    admin = await openBrowser();
    const { request } = admin.context;
    await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });

    // The shop has owed this customer 50 € for a month: a payable that is not a supplier's.
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    await callApi(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer',
      kind: 'individual',
      firstName: 'Gérard',
      lastName: 'Dupuis',
      mobile: '06 12 34 56 78',
      openingBalance: '-50.00',
      openingBalanceDate: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(monthAgo),
    });

    const roles = await callApi<{ items: { id: string; name: string }[] }>(request, comptoir.url, 'GET', '/roles');
    const cashierRole = roles.items.find((role) => role.name === 'Caissier');
    if (!cashierRole) throw new Error('the standard role Caissier is missing');
    await callApi(request, comptoir.url, 'POST', '/users', { ...CASHIER, roleId: cashierRole.id });
  });

  afterAll(async () => {
    await admin?.close();
    await comptoir?.close();
  });

  it('dashboard overdue payable names no suppliers', async () => {
    const { page } = admin;
    await page.goto(`${comptoir.url}/dashboard`);
    const totals = page.getByTestId('dashboard-totals');
    await totals.waitFor();
    const text = (await totals.textContent()) ?? '';

    expect(text).toContain('Dont en retard (à payer)');
    expect(text).not.toContain('fournisseurs');
    expect(text.replace(/\s/g, ' ')).toContain('50,00 €');

    const overdue = page.getByTestId('dashboard-overdue');
    await overdue.getByText('À payer').click();
    await overdue.getByText('Sommes à payer en retard').waitFor();
    const late = ((await overdue.textContent()) ?? '').replace(/\s/g, ' ');
    expect(late).toContain('Gérard Dupuis');
    expect(late).toContain('50,00 €');
    expect(late).not.toContain('fournisseur');
    expect(admin.problems).toEqual([]);
  });

  it('cashier menu has sales, not purchases', async () => {
    const cashier = await openBrowser();
    try {
      await signIn(cashier.page, comptoir.url, CASHIER);
      const menu = cashier.page.getByRole('navigation');
      await menu.getByRole('link', { name: 'Clients' }).waitFor();
      const links = await menu.getByRole('link').allTextContents();

      expect(links).toContain('Ventes');
      expect(links).not.toContain('Fournisseurs');
      expect(links).not.toContain('Achats');

      // The new customer form states the type instead of offering supplier choices the cashier cannot save.
      await cashier.page.goto(`${comptoir.url}/customers/new`);
      const typeSection = cashier.page.locator('#contact-type');
      await typeSection.waitFor();
      expect(await typeSection.textContent()).toBe('Client');
      expect(await cashier.page.getByRole('radio', { name: 'Fournisseur' }).count()).toBe(0);
      expect(cashier.problems).toEqual([]);
    } finally {
      await cashier.close();
    }
  });
});
