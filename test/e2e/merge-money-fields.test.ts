/**
 * The merge screen for a user who may merge but not set a customer group:
 * the group row keeps the kept contact's value, its choice is disabled with
 * a note in French and in English. The merge then completes without the
 * duplicate's discount group. A merger without ledger.view or the credit
 * limit permission keeps the kept contact's credit limit the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const MERGER = { email: 'lucas@epicerie-martin.fr', password: 'Fusion-essai-2024', name: 'Lucas Morel' };
const BLIND_MERGER = { email: 'nina@epicerie-martin.fr', password: 'Fusion-sans-chiffres-2024', name: 'Nina Roy' };
const notes = {
  fr: 'Reste celle de la fiche gardée : en choisir une autre demande une permission que vous n’avez pas.',
  en: 'Stays as on the kept contact: choosing another value needs a permission you do not have.',
} as const;

describe('merge screen money fields', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let keptId = '';
  let duplicateId = '';
  let limitKeptId = '';
  let limitDuplicateId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    const { request } = admin.context;
    await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
    const group = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/customer-groups', {
      name: 'Grossistes', calculation: 'percentage', percentage: '15',
    });
    const kept = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Éloïse', lastName: 'Dupré', mobile: '06 12 34 56 78',
    });
    const duplicate = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Éloïse', lastName: 'DUPRE', mobile: '06 12 34 56 78', customerGroupId: group.id,
    });
    keptId = kept.id;
    duplicateId = duplicate.id;
    const role = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/roles', {
      name: 'Fusion', permissions: ['customer.view', 'ledger.view', 'contact.merge'],
    });
    await callApi(request, comptoir.url, 'POST', '/users', { ...MERGER, roleId: role.id, locale: 'fr', locationIds: [] });

    const limitKept = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Marc', lastName: 'Petit', mobile: '06 98 76 54 32',
    });
    const limitDuplicate = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Marc', lastName: 'PETIT', mobile: '06 98 76 54 32', creditLimit: '800.00',
    });
    limitKeptId = limitKept.id;
    limitDuplicateId = limitDuplicate.id;
    const blindRole = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/roles', {
      name: 'Fusion sans chiffres', permissions: ['customer.view', 'contact.merge'],
    });
    await callApi(request, comptoir.url, 'POST', '/users', { ...BLIND_MERGER, roleId: blindRole.id, locale: 'fr', locationIds: [] });
    await admin.close();

    browser = await openBrowser();
    await signIn(browser.page, comptoir.url, MERGER);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('group keeps the kept value', async () => {
    const { page } = browser;
    for (const locale of ['fr', 'en'] as const) {
      await setLanguage(page, comptoir.url, locale);
      await page.goto(`${comptoir.url}/contacts/merge?ids=${keptId},${duplicateId}`);
      const row = page.locator('tr[data-field="customerGroupId"]');
      await row.waitFor();
      expect(await row.getByTestId('merge-locked-field').textContent(), locale).toBe(notes[locale]);
      const radios = row.getByRole('radio');
      expect(await radios.count(), locale).toBe(2);
      expect(await radios.nth(0).isChecked(), locale).toBe(true);
      expect(await radios.nth(0).isDisabled(), locale).toBe(true);
      expect(await radios.nth(1).isDisabled(), locale).toBe(true);
      // The preview loads, where the group filled in from the duplicate would be rejected.
      await page.getByTestId('merge-moves').getByText(/Écritures du compte|Ledger entries|Aucun historique|No history/).first().waitFor();
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('merge goes through without group', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${keptId},${duplicateId}`);
    await page.locator('tr[data-field="customerGroupId"]').waitFor();
    await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Fusionner/ }).click();
    await page.waitForURL((address) => address.pathname.includes(keptId));
    const contact = await callApi<{ customerGroupId: string | null }>(page.request, comptoir.url, 'GET', `/contacts/${keptId}`);
    expect(contact.customerGroupId).toBeNull();
    expect(browser.problems).toEqual([]);
  });

  it('credit limit stays kept', async () => {
    const blind = await openBrowser();
    try {
      await signIn(blind.page, comptoir.url, BLIND_MERGER);
      const { page } = blind;
      await page.goto(`${comptoir.url}/contacts/merge?ids=${limitKeptId},${limitDuplicateId}`);
      await page.getByTestId('merge-moves').getByText(/Aucun historique/).waitFor();
      const row = page.locator('tr[data-field="creditLimit"]');
      expect(await row.getByTestId('merge-locked-field').textContent()).toBe(notes.fr);
      expect(await row.getByRole('radio').nth(1).isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
      await page.getByRole('dialog').getByRole('button', { name: /Fusionner/ }).click();
      await page.waitForURL((address) => address.pathname.includes(limitKeptId));
      expect(blind.problems).toEqual([]);
    } finally {
      await blind.close();
    }
    const contact = await callApi<{ creditLimit: string | null }>(browser.page.request, comptoir.url, 'GET', `/contacts/${limitKeptId}`);
    expect(contact.creditLimit).toBeNull();
  });
});
