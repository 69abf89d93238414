/**
 * The screens of a counter clerk without the money rights: a paid sale
 * whose Void button is blocked with the reason, a customer whose group it
 * can read but not change, and a supplier list it may not open. The server rejects both anyway, and the
 * screens explain why before the clerk tries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const CLERK = { email: 'comptoir@epicerie-martin.fr', password: 'Comptoir-vente-2024', name: 'Lucas Vente' };

describe('clerk without money rights', () => {
  let comptoir: RunningComptoir;
  let clerk: BrowserSession;
  let customerId: string;
  let saleId: string;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    try {
      const { request } = admin.context;
      await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
      const role = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/roles', {
        name: 'Vente au comptoir',
        permissions: ['customer.view', 'customer.create', 'customer.update', 'sale.create', 'payment.create', 'ledger.view'],
      });
      await callApi(request, comptoir.url, 'POST', '/users', { ...CLERK, roleId: role.id });
      const group = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/customer-groups', {
        name: 'Habitués',
        calculation: 'percentage',
        percentage: '5',
      });
      customerId = (
        await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
          type: 'customer',
          kind: 'individual',
          firstName: 'Agnès',
          lastName: 'Roux',
          mobile: '06 45 12 78 90',
          customerGroupId: group.id,
        })
      ).id;
      saleId = (
        await callApi<{ id: string }>(request, comptoir.url, 'POST', '/sales', {
          contactId: customerId,
          date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()),
          status: 'final',
          lines: [{ description: 'Panier garni', quantity: 1, unitPriceWithTax: '24.90', taxRate: '5.5' }],
          payments: [{ amount: '10.00', method: 'cash' }],
        })
      ).id;
    } finally {
      await admin.close();
    }

    clerk = await openBrowser();
    await signIn(clerk.page, comptoir.url, CLERK);
  });

  afterAll(async () => {
    await clerk?.close();
    await comptoir?.close();
  });

  it('paid sale shows Void blocked with the reason', async () => {
    const { page } = clerk;
    await page.goto(`${comptoir.url}/sales/${saleId}`);
    const blocked = page.getByTestId('void-blocked');
    await blocked.waitFor();
    await blocked.focus();
    const hint = page.getByRole('tooltip');
    await hint.waitFor();
    // French quotes hold no-break spaces.
    expect((await hint.textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('« Annuler des paiements »');

    await blocked.click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(clerk.problems).toEqual([]);
  });

  it('customer group is shown but cannot be changed', async () => {
    const { page } = clerk;
    await page.goto(`${comptoir.url}/customers/${customerId}/edit`);
    const group = page.getByTestId('customer-group-select');
    await group.waitFor();
    // The label appears once the customer groups have loaded.
    await expect.poll(() => group.inputValue()).toContain('Habitués');
    expect(await group.getAttribute('readonly')).not.toBeNull();
    await expect(page.getByText('« Accorder des remises sur le solde »', { exact: false }).count()).resolves.toBe(1);

    await group.click();
    expect(await page.getByRole('option').count()).toBe(0);
    expect(clerk.problems).toEqual([]);
  });

  it('supplier list says access is restricted', async () => {
    const { page } = clerk;
    await page.goto(`${comptoir.url}/suppliers`);
    await page.getByText('Accès réservé').waitFor();
    expect(await page.getByText('Aucun fournisseur').count()).toBe(0);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(clerk.problems).toEqual([]);
  });
});
