/**
 * The merge screen offers each custom field's values side by side, shows
 * the chosen ones in the dry run's result, and names the values the merge
 * drops: a contact's value of a field that keeps another contact's value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

describe('merge custom fields', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const ids: string[] = [];

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const session = await page.request.get(`${comptoir.url}/api/v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const labels = await page.request.patch(`${comptoir.url}/api/v1/business`, {
      data: { customFieldLabels: { custom1: 'Allergies', custom2: 'Jour de livraison' } },
      headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(labels.status()).toBe(200);
    const contacts = [
      { firstName: 'Inès', lastName: 'Morel', mobile: '06 12 34 58 01', customFields: { custom1: 'gluten' } },
      { firstName: 'Ines', lastName: 'Morel', mobile: '06 12 34 58 02', customFields: { custom1: 'arachides', custom2: 'mardi' } },
    ];
    for (const contact of contacts) {
      const created = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'individual', ...contact });
      ids.push(created.id);
    }
    // A page load after the label change, so the session the app reads has the labels.
    await page.reload();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('names the dropped values', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const dropped = page.getByTestId('merge-dropped');
    await dropped.waitFor();
    expect(await dropped.textContent()).toContain('Allergies : « arachides » (Ines Morel, CO0002)');
    expect(await dropped.textContent()).not.toContain('mardi');

    // Keeping the other contact drops the other value.
    await page.getByRole('radio', { name: 'Garder cette fiche' }).check();
    await dropped.getByText('Allergies : « gluten » (Inès Morel, CO0001)').waitFor();
    expect(browser.problems).toEqual([]);
  });

  it('chooses a custom field from another contact', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const result = page.getByTestId('merge-result');
    await result.getByTestId('merge-result-custom1').filter({ hasText: 'Allergies : gluten' }).waitFor();
    expect(await result.getByTestId('merge-result-custom2').textContent()).toBe('Jour de livraison : mardi');

    // The allergy of the second contact, kept over the first one's, without its other fields.
    const allergies = page.locator('tr[data-field="customFields.custom1"]');
    expect(await allergies.locator('td').first().textContent()).toBe('Allergies');
    const preview = page.waitForRequest((request) => request.url().endsWith('/api/v1/contacts/merge'));
    await allergies.getByRole('radio', { name: 'Garder « arachides » pour Allergies' }).check();
    const fields = (await preview).postDataJSON().fields as Record<string, string>;
    expect(fields['customFields.custom1']).toBe(ids[1]);
    await result.getByTestId('merge-result-custom1').filter({ hasText: 'Allergies : arachides' }).waitFor();
    const dropped = page.getByTestId('merge-dropped');
    await dropped.getByText('Allergies : « gluten » (Inès Morel, CO0001)').waitFor();
    expect(await dropped.textContent()).not.toContain('arachides');

    // The empty value of the kept contact clears the delivery day.
    await page.locator('tr[data-field="customFields.custom2"]').getByRole('radio', { name: 'Laisser Jour de livraison vide' }).check();
    await result.getByTestId('merge-result-custom2').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.waitForURL(`${comptoir.url}/customers/${ids[0]}`);
    const kept = await callApi<{ customFields: Record<string, string> }>(page.request, comptoir.url, 'GET', `/contacts/${ids[0]}`);
    expect(kept.customFields).toEqual({ custom1: 'arachides' });
    expect(browser.problems).toEqual([]);
  });
});
