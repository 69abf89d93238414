/**
 * The merge screen when one of its contacts was merged or deleted in
 * another tab, in French and in English. The failed merge and its preview
 * name the contact that no longer exists by its name and code, and state
 * what to do, in place of an id and the API's field names. The page of a
 * merged contact, opened from an old link, names the contact that now has
 * its history and opens it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const wordings = [
  {
    locale: 'fr',
    merge: 'Fusionner 2 fiches',
    gone: 'La fiche Paul Roux (CL-2) n’existe plus : elle a été fusionnée ou supprimée entre-temps. Revenez à la liste des doublons pour voir ceux qui restent.',
  },
  {
    locale: 'en',
    merge: 'Merge 2 contacts',
    gone: 'The contact Paul Roux (CL-2) no longer exists: it was merged or deleted meanwhile. Go back to the list of duplicates to see those left.',
  },
] as const;

describe('merge of a contact gone meanwhile', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    await signIn(browser.page, comptoir.url);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  /** Deletes a contact as another tab would, through the API with the session's CSRF token. */
  async function deleteContact(id: string): Promise<void> {
    const { page } = browser;
    const session = await page.request.get(`${comptoir.url}/api/v1/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await page.request.delete(`${comptoir.url}/api/v1/contacts/${id}`, { headers: { 'X-CSRF-Token': csrfToken } });
    expect(response.status(), await response.text()).toBe(204);
  }

  /** Creates Paul Roux twice, under the codes CL-1 and CL-2, and returns their ids. */
  async function twins(): Promise<[string, string]> {
    const { page } = browser;
    const ids: string[] = [];
    for (const code of ['CL-1', 'CL-2']) {
      const contact = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contacts', {
        type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Roux', mobile: '06 33 44 55 66', code,
      });
      ids.push(contact.id);
    }
    return ids as [string, string];
  }

  it('failed merge names the contact gone', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts\/merge$/);
    for (const wording of wordings) {
      await setLanguage(page, comptoir.url, wording.locale);
      const [first, second] = await twins();
      await page.goto(`${comptoir.url}/contacts/merge?ids=${first},${second}`);
      await page.getByTestId('merge-result').getByText('CL-1').waitFor();

      // Another tab deletes the second contact while this screen shows it.
      await deleteContact(second);
      await page.getByRole('button', { name: wording.merge }).click();
      await page.getByRole('dialog').getByRole('button', { name: wording.merge }).click();

      const notification = page.locator('.mantine-Notification-root').last();
      await notification.waitFor();
      expect(await notification.textContent(), wording.locale).toContain(wording.gone);
      expect(await notification.textContent(), wording.locale).not.toContain(second);
      await page.getByTestId('merge-moves').getByText(wording.gone).waitFor();
      await page.getByRole('dialog').waitFor({ state: 'hidden' });
      expect(await page.getByRole('button', { name: wording.merge }).isDisabled(), wording.locale).toBe(true);
      await deleteContact(first);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('merged contact page opens the kept one', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts\/[^/?]+$/);
    const [first, second] = await twins();
    await callApi(page.request, comptoir.url, 'POST', '/contacts/merge', { keepId: first, mergeIds: [second] });

    await page.goto(`${comptoir.url}/customers/${second}`);
    await page.getByText('Le contact CL-2 a été fusionné dans Paul Roux (CL-1) : utilisez ce contact à sa place.').waitFor();
    await page.getByRole('link', { name: 'Ouvrir Paul Roux (CL-1)' }).click();
    await page.waitForURL(`${comptoir.url}/customers/${first}`);
    await page.getByRole('heading', { name: 'Paul Roux' }).waitFor();
    expect(browser.problems).toEqual([]);
  });
});
