/**
 * The merge screen shows each contact's country by its name in the user's
 * language, as the contact page does, rather than by its ISO code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

describe('merge country names', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const ids: string[] = [];

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contacts = [
      { businessName: 'Brasserie Garcia', mobile: '06 03 33 95 67', city: 'Bordeaux', country: 'FR' },
      { businessName: 'Brasserie Garcia', mobile: '06 03 33 95 68', city: 'München', country: 'DE' },
    ];
    for (const contact of contacts) {
      const created = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'business', ...contact });
      ids.push(created.id);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('names the countries', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const country = page.locator('tr[data-field="country"]');
    await country.waitFor();
    const cells = await country.locator('td').allTextContents();
    expect(cells[0]).toBe('Pays');
    expect(cells[1]).toBe('France');
    expect(cells[2]).toBe('Allemagne');

    // The choice still sends the contact's id, whose country code the merge keeps.
    const preview = page.waitForRequest((request) => request.url().endsWith('/api/v1/contacts/merge'));
    await country.getByRole('radio', { name: 'Garder « Allemagne » pour Pays' }).check();
    const fields = (await preview).postDataJSON().fields as Record<string, string>;
    expect(fields.country).toBe(ids[1]);
    expect(browser.problems).toEqual([]);
  });
});
