/**
 * The merge screen on a phone, 390 px wide: every contact's value of every
 * field that differs shows inside the screen, with nothing to scroll
 * sideways, in French and English. A value of the second contact is picked
 * by a tap on its box and the merge keeps it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

/** Returns the radio buttons of the merge screen, each with the box of its value, and what reaches past the screen's sides. */
async function measureChoices(page: Page) {
  return page.evaluate(() => {
    const screenWidth = window.innerWidth;
    const inside = (box: DOMRect) => box.left >= -0.5 && box.right <= screenWidth + 0.5;
    const describe = (element: Element) => `${element.tagName.toLowerCase()} “${(element.textContent ?? '').slice(0, 40)}”`;
    const elements = [...document.querySelectorAll<HTMLElement>('main *')];
    return {
      pageWidth: document.documentElement.scrollWidth,
      screenWidth,
      scrollers: elements
        .filter((element) => ['auto', 'scroll'].includes(getComputedStyle(element).overflowX) && element.scrollWidth > element.clientWidth)
        .map(describe),
      radios: [...document.querySelectorAll<HTMLInputElement>('main input[type="radio"]')].map((radio) => {
        const valueBox = (radio.closest('td, label.merge-option, .merge-option') ?? radio).getBoundingClientRect();
        return { name: radio.getAttribute('aria-label') ?? radio.closest('.mantine-Radio-root')?.textContent ?? '', inView: inside(radio.getBoundingClientRect()) && inside(valueBox) };
      }),
    };
  });
}

describe('merge screen on a phone', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  const ids: string[] = [];

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 390, height: 844 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contacts = [
      { firstName: 'Lucie', lastName: 'Marchal', mobile: '0612345678', landline: '04 78 00 00 01', city: 'Lyon' },
      { firstName: 'Lucie', lastName: 'Marchal', mobile: '+33698765432', email: 'lucie.marchal-boulangerie@exemple-de-domaine.fr', city: 'Villeurbanne' },
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

  it('shows every value inside the screen', async () => {
    const { page } = browser;
    const secondValues = {
      fr: ['Garder « CO0002 » pour Code contact', 'Garder « 06 98 76 54 32 » pour Mobile', 'Laisser Téléphone fixe vide',
        'Garder « lucie.marchal-boulangerie@exemple-de-domaine.fr » pour E-mail', 'Garder « Villeurbanne » pour Ville', 'Garder cette fiche'],
      en: ['Keep “CO0002” for Contact code', 'Keep “06 98 76 54 32” for Mobile', 'Leave Landline empty',
        'Keep “lucie.marchal-boulangerie@exemple-de-domaine.fr” for Email', 'Keep “Villeurbanne” for City', 'Keep this contact'],
    };
    for (const language of ['fr', 'en'] as const) {
      await setLanguage(page, comptoir.url, language);
      await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
      await page.getByTestId('merge-result').getByText('CO0001').waitFor();
      const layout = await measureChoices(page);
      expect(layout.pageWidth, `page width in ${language}`).toBeLessThanOrEqual(layout.screenWidth);
      expect(layout.scrollers, `sideways scrolling in ${language}`).toEqual([]);
      // Two keep buttons, then two values for each of the code, mobile, landline, email and city.
      expect(layout.radios, `radio buttons in ${language}`).toHaveLength(12);
      for (const name of secondValues[language]) {
        const radio = layout.radios.find((entry) => entry.name === name);
        expect(radio, `${name} in ${language}`).toBeDefined();
        expect(radio?.inView, `${name} inside the screen in ${language}`).toBe(true);
      }
      expect(layout.radios.filter((radio) => !radio.inView), `values past the screen's side in ${language}`).toEqual([]);
      // The page is several screens long, and the merge button stays at the bottom of the first one.
      const actions = await page.getByTestId('merge-actions').boundingBox();
      expect(actions, `merge buttons in ${language}`).not.toBeNull();
      expect((actions?.y ?? 0) + (actions?.height ?? 0), `merge buttons on the first screen in ${language}`).toBeLessThanOrEqual(844);
    }
    await setLanguage(page, comptoir.url, 'fr');
    expect(browser.problems).toEqual([]);
  });

  it('merges a value of the second contact', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/contacts/merge?ids=${ids.join(',')}`);
    const result = page.getByTestId('merge-result');
    await result.getByTestId('merge-result-mobile').filter({ hasText: '06 12 34 56 78' }).waitFor();

    const mobile = page.locator('[data-field="mobile"]');
    const second = mobile.getByRole('radio', { name: 'Garder « 06 98 76 54 32 » pour Mobile' });
    expect(await second.isChecked()).toBe(false);
    // A tap on the box's second line, away from the radio button, picks the value too.
    await mobile.getByText('Fiche CO0002').click();
    expect(await second.isChecked()).toBe(true);
    expect(await mobile.getByRole('radio', { name: 'Garder « 06 12 34 56 78 » pour Mobile' }).isChecked()).toBe(false);
    await result.getByTestId('merge-result-mobile').filter({ hasText: '06 98 76 54 32' }).waitFor();
    expect(await result.getByTestId('merge-result-mobile').textContent()).toBe('Mobile : 06 98 76 54 32');

    await page.getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Fusionner 2 fiches' }).click();
    await page.waitForURL((address) => address.pathname.includes(ids[0] as string));
    const kept = await callApi<{ mobile: string | null; email: string | null }>(page.request, comptoir.url, 'GET', `/contacts/${ids[0]}`);
    expect(kept.mobile).toBe('+33698765432');
    expect(kept.email).toBe('lucie.marchal-boulangerie@exemple-de-domaine.fr');
    expect(browser.problems).toEqual([]);
  });
});
