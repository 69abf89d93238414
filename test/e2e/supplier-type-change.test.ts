/**
 * Changes a customer and supplier with a loyalty card, a credit limit and a
 * customer group into a supplier only. The contact form warns that saving
 * removes those customer fields. The saved supplier has none of them, and
 * its page opens under the suppliers. Its history names each removed value,
 * the customer group by its name. A user who may not change the credit
 * limit reads once why the change needs that permission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const CLERK = { email: 'commis@epicerie-martin.fr', password: 'Commis-essai-2024', name: 'Paul Commis' };

interface CustomerFields {
  type: string;
  loyaltyCardNumber: string | null;
  creditLimit: string | null;
  customerGroupId: string | null;
}

describe('contact type change to supplier', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let contactId = '';
  let customerId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    await signIn(browser.page, comptoir.url, ADMIN);
    const { request } = browser.page;
    const group = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/customer-groups', {
      name: 'Grossistes', calculation: 'percentage', percentage: '10',
    });
    const contact = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'both', kind: 'business', businessName: 'Mixte SA', mobile: '06 22 00 00 02',
      loyaltyCardNumber: 'CARTE-0042', creditLimit: '100.00', customerGroupId: group.id,
    });
    contactId = contact.id;
    const role = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/roles', {
      name: 'Commis', permissions: ['customer.view', 'customer.update', 'supplier.view', 'supplier.update', 'ledger.discount'],
    });
    await callApi(request, comptoir.url, 'POST', '/users', { ...CLERK, roleId: role.id });
    const customer = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'business', businessName: 'Cave Durand', mobile: '06 22 00 00 03', creditLimit: '80.00',
    });
    customerId = customer.id;
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('warns and drops customer fields', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/${contactId}/edit`);
    const warning = page.getByTestId('customer-fields-dropped');
    await page.getByText('Client ou fournisseur').waitFor();
    expect(await warning.count()).toBe(0);

    await page.getByText('Fournisseur', { exact: true }).click();
    await warning.waitFor();
    expect(await warning.textContent()).toContain('l’enregistrer comme fournisseur les retire de ce contact');

    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    // The saved supplier opens under the suppliers, where it now belongs.
    await page.waitForURL((address) => address.pathname === `/suppliers/${contactId}`);
    const saved = await callApi<CustomerFields>(page.request, comptoir.url, 'GET', `/contacts/${contactId}`);
    expect(saved.loyaltyCardNumber).toBeNull();
    expect(saved.creditLimit).toBeNull();
    expect(saved.customerGroupId).toBeNull();
    expect(browser.problems).toEqual([]);
  });

  it('history names the removed group', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/suppliers/${contactId}/activity`);
    const rows = page.getByTestId('activity-entry').first().locator('table tbody tr');
    await rows.first().waitFor();
    const cells = new Map<string, string[]>();
    for (const row of await rows.all()) {
      const [label = '', ...values] = await row.locator('td').allTextContents();
      cells.set(label, values.map((value) => value.replace(/[\u00a0\u202f]/g, ' ')));
    }
    expect(cells.get('Groupe de clients')).toEqual(['Grossistes', '(vide)']);
    expect(cells.get('Carte de fidélité')).toEqual(['CARTE-0042', '(vide)']);
    expect(cells.get('Limite de crédit')).toEqual(['100,00 €', '(vide)']);
    expect(browser.problems).toEqual([]);
  });

  it('clerk reads why the change fails', async () => {
    const clerk = await openBrowser();
    try {
      await signIn(clerk.page, comptoir.url, CLERK);
      clerk.expectFailedRequests(new RegExp(`/api/v1/contacts/${customerId}`));
      const { page } = clerk;
      await page.goto(`${comptoir.url}/customers/${customerId}/edit`);
      await page.getByText('Client ou fournisseur').waitFor();
      await page.getByText('Fournisseur', { exact: true }).click();
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      const problem = page.getByRole('alert').filter({ hasText: 'Le contact n’a pas été enregistré' });
      await problem.waitFor();
      const text = (await problem.textContent()) ?? '';
      const sentence = 'Faire de « Cave Durand » un fournisseur retire sa limite de crédit de 80,00\u00a0€';
      expect(text.split(sentence)).toHaveLength(2);
      expect(await problem.locator('li').count()).toBe(0);
      expect(clerk.problems).toEqual([]);
    } finally {
      await clerk.close();
    }
  });
});
