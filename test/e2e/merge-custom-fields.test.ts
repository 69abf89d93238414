/**
 * The merge screen names the custom field values the merge drops. Such a
 * value is a merged contact's value of a field that the kept contact fills
 * with another one.
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
});
