/**
 * Merges two suppliers, one of which has a credit limit and a customer
 * group stored before the contact routes rejected them. The merge screen
 * offers no choice for those customer fields, and the merged supplier has
 * none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

describe('merge screen for suppliers', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let keptId = '';
  let duplicateId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    await signIn(browser.page, comptoir.url, ADMIN);
    const { request } = browser.page;
    const group = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/customer-groups', {
      name: 'Grossistes', calculation: 'percentage', percentage: '15',
    });
    const kept = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Minoterie Dupuis', mobile: '06 12 34 56 78', city: 'Dijon',
    });
    const duplicate = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', {
      type: 'supplier', kind: 'business', businessName: 'MINOTERIE DUPUIS', mobile: '06 12 34 56 78', city: 'Dijon',
    });
    keptId = kept.id;
    duplicateId = duplicate.id;
    await comptoir.database.db.kysely.updateTable('contacts')
      .set({ credit_limit: 80000, customer_group_id: group.id }).where('id', '=', duplicateId).execute();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('offers no customer field and merges', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${keptId},${duplicateId}`);
    await page.locator('tr[data-field="businessName"]').waitFor();
    expect(await page.locator('tr[data-field="creditLimit"]').count()).toBe(0);
    expect(await page.locator('tr[data-field="customerGroupId"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Fusionner/ }).click();
    await page.waitForURL((address) => address.pathname.includes(keptId));
    const contact = await callApi<{ type: string; creditLimit: string | null; customerGroupId: string | null }>(
      page.request, comptoir.url, 'GET', `/contacts/${keptId}`,
    );
    expect(contact.type).toBe('supplier');
    expect(contact.creditLimit).toBeNull();
    expect(contact.customerGroupId).toBeNull();
    expect(browser.problems).toEqual([]);
  });
});
