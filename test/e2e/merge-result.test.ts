/**
 * The merge screen's "after the merge" panel shows what the server's dry
 * run returns: every field, those taken from a merged contact included, and
 * the note that keeps the values the merge does not take. Phones read as on
 * the duplicates page, in the national writing of the business's country.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

describe('merge result panel', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const ids: string[] = [];

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1366, height: 768 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contacts = [
      { firstName: 'Lucie', lastName: 'Marchal', mobile: '0612345678', city: 'Lyon' },
      { firstName: 'Lucie', lastName: 'Marchal', mobile: '+33698765432', email: 'l.marchal@exemple.fr', city: 'Villeurbanne' },
    ];
    for (const contact of contacts) {
      const created = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', { type: 'customer', kind: 'individual', ...contact });
      ids.push(created.id);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('shows taken fields and the note', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const mobile = page.locator('tr[data-field="mobile"]');
    await mobile.waitFor();
    expect(await mobile.locator('td').allTextContents()).toEqual(['Mobile', '06 12 34 56 78', '06 98 76 54 32']);

    const result = page.getByTestId('merge-result');
    await result.getByTestId('merge-result-email').waitFor();
    expect(await result.getByTestId('merge-result-email').textContent()).toBe('E-mail : l.marchal@exemple.fr');
    expect(await result.getByTestId('merge-result-mobile').textContent()).toBe('Mobile : 06 12 34 56 78');
    expect(await result.getByTestId('merge-result-alternateNumber').textContent()).toBe('Autre numéro : 06 98 76 54 32');
    expect(await result.getByTestId('merge-result-city').textContent()).toBe('Ville : Lyon');
    expect(await result.getByTestId('merge-result-kind').textContent()).toBe('Nature : Particulier');
    const note = result.getByTestId('merge-result-note');
    expect(await note.textContent()).toContain('Valeurs non reprises de Lucie Marchal (CO0002)');
    expect(await note.textContent()).toContain('- Ville : Villeurbanne');
    expect(browser.problems).toEqual([]);
  });

  it('shows the result in English', async () => {
    const { page } = browser;
    await setLanguage(page, comptoir.url, 'en');
    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const result = page.getByTestId('merge-result');
    await result.getByTestId('merge-result-email').waitFor();
    expect(await result.getByTestId('merge-result-email').textContent()).toBe('Email: l.marchal@exemple.fr');
    expect(await result.getByTestId('merge-result-alternateNumber').textContent()).toBe('Alternate number: 06 98 76 54 32');
    expect(await result.getByTestId('merge-result-note').textContent()).toContain('Note added to the kept contact');

    // The merge writes what the preview showed, and searching the merged mobile finds the kept contact.
    await page.getByRole('button', { name: /^Merge 2/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /^Merge 2/ }).click();
    await page.waitForURL(`${comptoir.url}/customers/${ids[0]}`);
    const kept = await callApi<{ email: string; alternateNumber: string }>(page.request, comptoir.url, 'GET', `/contacts/${ids[0]}`);
    expect(kept.email).toBe('l.marchal@exemple.fr');
    expect(kept.alternateNumber).toBe('+33698765432');
    const found = await callApi<{ items: { id: string }[] }>(page.request, comptoir.url, 'GET', '/contacts?q=0698765432');
    expect(found.items.map((item) => item.id)).toEqual([ids[0]]);
    expect(browser.problems).toEqual([]);
  });
});
