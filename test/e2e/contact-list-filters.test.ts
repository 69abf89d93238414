/**
 * The filter editor of the contact list. Each birthday bound is a day and
 * month, and a range may run over the new year, in French and in English.
 * The editor names a wrong value under its field before anything is sent,
 * and tells where to create a customer group when there is none to pick.
 * A failed load names each bad value of the address, and a long one breaks
 * to fit a phone's screen. Its first request after a sign-in or a reload is
 * in the user's language, whatever language the browser stored before. The
 * filter menu shows every filter without a scroll, on a laptop and on a phone.
 */
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, field, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

async function listedNames(page: Page): Promise<string[]> {
  const names = await page.locator('table.contact-table tbody tr[data-index] td:nth-child(2)').allTextContents();
  return names.map((name) => name.trim()).sort();
}

describe('contact list filters', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1280, height: 800 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const contacts = [
      ['Jonas', 'Weber', '1984-12-24', '06 12 34 56 01'],
      ['Agathe', 'Bernard', '1990-01-05', '06 12 34 56 02'],
      ['Denis', 'Roux', '1975-06-15', '06 12 34 56 03'],
      ['Chloé', 'Petit', null, '06 12 34 56 04'],
    ] as const;
    for (const [firstName, lastName, dateOfBirth, mobile] of contacts) {
      const data = { type: 'customer', kind: 'individual', firstName, lastName, dateOfBirth, mobile };
      await callApi(page.request, comptoir.url, 'POST', '/contacts', data);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('birthday range over the new year', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '4 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Anniversaire' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anniversaire' });
    const from = dialog.getByRole('textbox', { name: 'Du' });
    const to = dialog.getByRole('textbox', { name: 'Au' });
    expect(await from.getAttribute('placeholder')).toBe('JJ/MM');
    expect(await to.getAttribute('placeholder')).toBe('JJ/MM');

    await from.fill('20/12');
    await to.fill('10/01');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL((address) => address.searchParams.get('birthdayFrom') === '12-20');
    expect(new URL(page.url()).searchParams.get('birthdayTo')).toBe('01-10');
    await page.getByTestId('list-count').filter({ hasText: '2 contacts' }).waitFor();
    expect(await listedNames(page)).toEqual(['Agathe Bernard', 'Jonas Weber']);
    const chip = page.getByRole('button', { name: 'Anniversaire : du 20 décembre au 10 janvier' });
    expect(await chip.isVisible()).toBe(true);

    // The chip opens the editor on the same day and month.
    await chip.click();
    expect(await from.inputValue()).toBe('20/12');
    expect(await to.inputValue()).toBe('10/01');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(browser.problems).toEqual([]);
  });

  it('empty result names the filters', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers?birthdayFrom=03-01&birthdayTo=03-02`);
    await page.getByTestId('list-count').filter({ hasText: '0 contact' }).waitFor();
    const filtersMessage = page.getByText('Aucun contact ne correspond à ces filtres : retirez-en un ou élargissez-les.');
    expect(await filtersMessage.isVisible()).toBe(true);
    expect(await page.getByText('Aucun contact n’a ce statut.').count()).toBe(0);

    await page.goto(`${comptoir.url}/customers?status=inactive`);
    await page.getByTestId('list-count').filter({ hasText: '0 contact' }).waitFor();
    expect(await page.getByText('Aucun contact n’a ce statut.').isVisible()).toBe(true);
    expect(browser.problems).toEqual([]);
  });

  it('invalid dates in the address', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts(\/totals)?\?/);
    await page.goto(`${comptoir.url}/customers?noSaleSince=2024-02-30&createdFrom=2024-13-01`);
    // The chips show the dates as typed, and one error names both.
    await page.getByRole('button', { name: 'Aucune vente depuis : 2024-02-30' }).waitFor();
    expect(await page.getByRole('button', { name: 'Créé entre : du 2024-13-01' }).isVisible()).toBe(true);
    await page.getByText('La demande contient 2 valeurs invalides : corrigez-les et réessayez.').waitFor();
    for (const [parameter, value] of [['noSaleSince', '2024-02-30'], ['createdFrom', '2024-13-01']]) {
      const message = `${parameter} : « ${value} » n’est pas une date valide. Écrivez un jour qui existe au format AAAA-MM-JJ, par exemple 2024-03-31.`;
      expect(await page.getByText(message).isVisible(), value).toBe(true);
    }
    expect(browser.problems).toEqual([]);
  });

  it('long invalid value fits a phone', async () => {
    // French comes last, so that the user is left in French for the other tests.
    for (const locale of ['en', 'fr'] as const) {
      const phone = await openBrowser({ width: 390, height: 844 });
      try {
        const { page } = phone;
        phone.expectFailedRequests(/\/api\/v1\/contacts(\/totals)?\?/);
        await signIn(page, comptoir.url);
        await setLanguage(page, comptoir.url, locale);
        await page.goto(`${comptoir.url}/customers?q=${'x'.repeat(210)}`);
        const start = locale === 'fr' ? `q : « ${'x'.repeat(59)}… » est trop long` : `q: “${'x'.repeat(59)}…” is too long`;
        const message = page.getByText(start);
        await message.waitFor();
        // The message breaks inside the value, so the alert stays within the screen and shows all of it.
        const alert = page.getByRole('alert');
        const box = await alert.evaluate((element) => ({ right: element.getBoundingClientRect().right, scroll: element.scrollWidth, width: element.clientWidth }));
        expect(box.right, locale).toBeLessThanOrEqual(390);
        expect(box.scroll, locale).toBeLessThanOrEqual(box.width);
        expect(phone.problems).toEqual([]);
      } finally {
        await phone.close();
      }
    }
  });

  it('first load uses the user language', async () => {
    // The browser stored English, and the user prefers French.
    const other = await openBrowser({ width: 1280, height: 800 });
    try {
      const { page } = other;
      other.expectFailedRequests(/\/api\/v1\/contacts(\/totals)?\?/);
      await signIn(page, comptoir.url);
      await setLanguage(page, comptoir.url, 'fr');
      await page.evaluate(() => window.localStorage.setItem('comptoir.locale', 'en'));
      const languages: string[] = [];
      page.on('request', (request: Request) => {
        if (new URL(request.url()).pathname.startsWith('/api/v1/contacts')) languages.push(request.headers()['accept-language'] ?? '');
      });
      const message = page.getByText(`q : « ${'x'.repeat(59)}… » est trop long`);

      // A reload of a list whose address the server rejects.
      await page.goto(`${comptoir.url}/customers?q=${'x'.repeat(210)}`);
      await message.waitFor();
      expect(languages.length).toBeGreaterThan(0);
      expect(new Set(languages)).toEqual(new Set(['fr']));

      // A sign-in from the English sign-in page that the same address led to.
      languages.length = 0;
      await other.context.clearCookies();
      await page.evaluate(() => window.localStorage.setItem('comptoir.locale', 'en'));
      await page.goto(`${comptoir.url}/customers?q=${'x'.repeat(210)}`);
      await field(page, 'Email address').fill(ADMIN.email);
      await field(page, 'Password').fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await message.waitFor();
      expect(languages.length).toBeGreaterThan(0);
      expect(new Set(languages)).toEqual(new Set(['fr']));
      expect(await page.evaluate(() => window.localStorage.getItem('comptoir.locale'))).toBe('fr');
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('filter menu shows every filter', async () => {
    for (const size of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
      const { page } = browser;
      await page.setViewportSize(size);
      await page.goto(`${comptoir.url}/customers`);
      await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
      const menu = page.getByRole('menu');
      await menu.getByRole('menuitem', { name: 'En retard de paiement' }).waitFor();
      const boxes = await menu.evaluate((dropdown) => {
        const shown = dropdown.getBoundingClientRect();
        return [...dropdown.querySelectorAll('[role="menuitem"]')].map((item) => {
          const box = item.getBoundingClientRect();
          return { name: item.textContent, inside: box.top >= shown.top - 0.5 && box.bottom <= shown.bottom + 0.5 };
        });
      });
      expect(boxes.length, `${size.width} px`).toBeGreaterThanOrEqual(13);
      for (const box of boxes) expect(box.inside, `${box.name} at ${size.width} px`).toBe(true);
      await page.keyboard.press('Escape');
    }
    await browser.page.setViewportSize({ width: 1280, height: 800 });
    expect(browser.problems).toEqual([]);
  });

  it('birthday rejects a day that does not exist', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Anniversaire' }).click();
    const dialog = page.getByRole('dialog', { name: 'Anniversaire' });
    const from = dialog.getByRole('textbox', { name: 'Du' });
    await from.fill('31/02');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    const message = '« 31/02 » n’est pas un jour et un mois valides : saisissez un jour qui existe, au format JJ/MM.';
    await dialog.getByText(message).waitFor();
    expect(await from.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).searchParams.has('birthdayFrom')).toBe(false);

    // 29 February exists in leap years, so it is a birthday.
    await from.fill('29/02');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL((address) => address.searchParams.get('birthdayFrom') === '02-29');
    expect(browser.problems).toEqual([]);
  });

  it('birthday editor in English', async () => {
    const { page } = browser;
    await setLanguage(page, comptoir.url, 'en');
    try {
      await page.goto(`${comptoir.url}/customers?birthdayFrom=12-20&birthdayTo=01-10`);
      const chip = page.getByRole('button', { name: 'Birthday: 20 December to 10 January' });
      await chip.click();
      const dialog = page.getByRole('dialog', { name: 'Birthday' });
      const from = dialog.getByRole('textbox', { name: 'From' });
      expect(await from.getAttribute('placeholder')).toBe('DD/MM');
      expect(await from.inputValue()).toBe('20/12');
      await dialog.getByText('Day and month, without the year: a range may run over 1 January (20/12 to 10/01).').waitFor();
      await from.fill('32/12');
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await dialog.getByText('“32/12” is not a valid day and month: enter a day that exists, as DD/MM.').waitFor();
    } finally {
      await setLanguage(page, comptoir.url, 'fr');
    }
    expect(browser.problems).toEqual([]);
  });

  it('creation range ending before it starts', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '4 contacts' }).waitFor();
    const listRequests: string[] = [];
    const recordListRequest = (request: Request) => {
      if (request.url().includes('/api/v1/contacts')) listRequests.push(request.url());
    };
    page.on('request', recordListRequest);
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Créé entre' }).click();
    const dialog = page.getByRole('dialog', { name: 'Créé entre' });
    await dialog.getByRole('textbox', { name: 'Du' }).fill('01/03/2025');
    const to = dialog.getByRole('textbox', { name: 'Au' });
    await to.fill('31/01/2025');
    await dialog.getByRole('button', { name: 'Appliquer' }).click();

    const message = '31/01/2025 est avant le début : choisissez le 01/03/2025 ou après.';
    await dialog.getByText(message).waitFor();
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await to.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toBe(message);
    expect(new URL(page.url()).searchParams.has('createdFrom')).toBe(false);
    expect(listRequests).toEqual([]);
    page.off('request', recordListRequest);

    // A corrected end clears the error and applies the filter.
    await to.fill('31/03/2025');
    expect(await dialog.getByText(message).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL((address) => address.searchParams.get('createdTo') === '2025-03-31');
    expect(new URL(page.url()).searchParams.get('createdFrom')).toBe('2025-03-01');
    expect(browser.problems).toEqual([]);
  });

  it('creation range error in English', async () => {
    const { page } = browser;
    await setLanguage(page, comptoir.url, 'en');
    try {
      await page.goto(`${comptoir.url}/customers`);
      await page.getByRole('button', { name: 'Add a filter' }).click();
      await page.getByRole('menuitem', { name: 'Created between' }).click();
      const dialog = page.getByRole('dialog', { name: 'Created between' });
      await dialog.getByRole('textbox', { name: 'From' }).fill('01/03/2025');
      await dialog.getByRole('textbox', { name: 'To' }).fill('31/01/2025');
      await dialog.getByRole('button', { name: 'Apply' }).click();
      const message = '31/01/2025 is before the start: choose 01/03/2025 or later.';
      await dialog.getByText(message).waitFor();
      expect(new URL(page.url()).searchParams.has('createdTo')).toBe(false);
    } finally {
      await setLanguage(page, comptoir.url, 'fr');
    }
    expect(browser.problems).toEqual([]);
  });

  it('group filter without groups says where', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByTestId('list-count').filter({ hasText: '4 contacts' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un filtre' }).click();
    await page.getByRole('menuitem', { name: 'Groupe de clients' }).click();
    const dialog = page.getByRole('dialog', { name: 'Groupe de clients' });
    await dialog.getByText('Catalogue et fidélité › Groupes de clients', { exact: false }).waitFor();
    // There is nothing to apply, so the editor offers only to close it.
    expect(await dialog.getByRole('button', { name: 'Appliquer' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(browser.problems).toEqual([]);
  });
});
