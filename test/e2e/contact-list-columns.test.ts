/**
 * Every column a saved view can hold is offered by the column picker and
 * shown by the table. A view saved with all of them opens with all of them
 * and is not marked as modified. Each header reads in French and in English.
 * A custom field column without a label shows under its number, and the
 * picker lists it until it is removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactColumns } from '../../src/contacts/search/saved-views.ts';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

/** The columns of the view: every one the server accepts, with the one custom field that has a label. */
const viewColumns = contactColumns.filter((column) => !/^custom\d+$/.test(column) || column === 'custom1');

const headers = {
  fr: [
    'Code', 'Nom', 'Type de contact', 'Nature', 'Prénom', 'Nom de famille', 'Raison sociale', 'Mobile', 'Autre numéro', 'Fixe',
    'E-mail', 'N° de TVA', 'Adresse', 'Ville', 'Code postal', 'Région', 'Pays', 'Naissance', 'Groupe', 'Plafond de crédit',
    'Conditions de paiement', 'Solde d’ouverture', 'Solde', 'À recevoir', 'À payer', 'Avance', 'Carte de fidélité', 'Points',
    'Statut', 'Suivi par', 'Créé le', 'Dernière activité', 'Tournée',
  ],
  en: [
    'Code', 'Name', 'Type', 'Kind', 'First name', 'Last name', 'Business name', 'Mobile', 'Alternate number', 'Landline',
    'Email', 'VAT number', 'Address', 'Town', 'Postcode', 'State or region', 'Country', 'Birth date', 'Group', 'Credit limit',
    'Payment terms', 'Opening balance', 'Balance', 'Receivable', 'Payable', 'Advance', 'Loyalty card', 'Points',
    'Status', 'Followed by', 'Created on', 'Last activity', 'Tournée',
  ],
};

describe('contact list columns', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let viewId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser({ width: 1366, height: 768 });
    const { page } = browser;
    await signIn(page, comptoir.url);
    const call = <T>(method: 'POST' | 'PUT' | 'PATCH' | 'GET', path: string, data?: unknown) =>
      callApi<T>(page.request, comptoir.url, method, path, data);
    await call('PATCH', '/business', { customFieldLabels: { custom1: 'Tournée' } });
    await call('PUT', '/loyalty/settings', {
      enabled: true, amountPerPoint: '1.00', minOrderToEarn: '0.00', pointValue: '1.00', minOrderToRedeem: '0.00',
      maxPointsPerOrder: null, minPointsToRedeem: null, maxPointsPerOrderRedeem: null, expiry: null,
    });
    const { user } = await call<{ user: { id: string } }>('GET', '/session');
    const agathe = await call<{ id: string }>('POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 56 78',
      alternateNumber: '06 98 76 54 32', state: 'Auvergne-Rhône-Alpes', city: 'Lyon',
      payTerm: { number: 30, unit: 'days', endOfMonth: true }, assignedUserIds: [user.id], customFields: { custom1: 'Mardi' },
    });
    await call('POST', `/contacts/${agathe.id}/loyalty/adjustments`, { points: 1250, reason: 'Points de bienvenue' });
    await call('POST', '/contacts', { type: 'customer', kind: 'business', businessName: 'Primeurs du Rhône', mobile: '06 12 34 56 79' });
    viewId = (await call<{ id: string }>('POST', '/contact-views', { name: 'Tout voir', columns: viewColumns })).id;
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  /** Opens the list and picks the view in the Views menu, as a user does. */
  const openView = async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.locator('table.contact-table tbody tr[data-index="1"]').waitFor();
    await page.getByRole('button', { name: /^(Vues|Views)$/ }).click();
    await page.getByRole('menuitem', { name: 'Tout voir' }).click();
    await page.waitForURL((address) => address.searchParams.get('view') === viewId);
  };

  it('view shows all its columns', async () => {
    const { page } = browser;
    for (const locale of ['fr', 'en'] as const) {
      await setLanguage(page, comptoir.url, locale);
      await openView();
      const table = page.locator('table.contact-table');
      await table.locator('tbody tr[data-index="1"]').waitFor();
      await table.locator('thead th', { hasText: headers[locale][3] }).waitFor();
      // The last header is the pay button's, which has no text.
      const shown = await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => (cell.textContent ?? '').trim()));
      expect(shown.slice(0, -1), locale).toEqual(headers[locale]);
      // Every header shows whole in its column.
      const clipped = await table.locator('thead th').evaluateAll((cells) =>
        cells.filter((cell) => cell.scrollWidth > cell.clientWidth).map((cell) => cell.textContent));
      expect(clipped, locale).toEqual([]);
      expect(await page.getByText(locale === 'fr' ? 'modifiée' : 'modified', { exact: true }).count(), locale).toBe(0);
    }

    await setLanguage(page, comptoir.url, 'fr');
    await page.reload();
    const row = page.locator('table.contact-table tbody tr', { hasText: 'Agathe Bernard' });
    await row.waitFor();
    const cell = async (header: string) => {
      const index = headers.fr.indexOf(header);
      return ((await row.locator('td').nth(index).textContent()) ?? '').trim();
    };
    expect(await cell('Nature')).toBe('Particulier');
    expect(await cell('Prénom')).toBe('Agathe');
    expect(await cell('Nom de famille')).toBe('Bernard');
    expect(await cell('Autre numéro')).toBe('06 98 76 54 32');
    expect(await cell('Région')).toBe('Auvergne-Rhône-Alpes');
    expect(await cell('Conditions de paiement')).toBe('30 jours fin de mois');
    expect(await cell('Points')).toBe('1\u202f250');
    expect(await cell('Suivi par')).toBe(ADMIN.name);
    const business = page.locator('table.contact-table tbody tr', { hasText: 'Primeurs du Rhône' });
    expect(((await business.locator('td').nth(headers.fr.indexOf('Raison sociale')).textContent()) ?? '').trim()).toBe('Primeurs du Rhône');
    expect(browser.problems).toEqual([]);
  });

  it('picker offers every view column', async () => {
    const { page } = browser;
    await openView();
    await page.locator('table.contact-table thead th', { hasText: 'Nature' }).waitFor();
    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Code', exact: true }).waitFor();
    for (const label of headers.fr) {
      const box = page.getByRole('checkbox', { name: label, exact: true });
      expect(await box.count(), label).toBe(1);
      expect(await box.isChecked(), label).toBe(true);
    }
    await page.getByRole('checkbox', { name: 'Points', exact: true }).uncheck();
    await page.keyboard.press('Escape');
    await page.getByText('modifiée', { exact: true }).waitFor();
    expect(await page.locator('table.contact-table thead th', { hasText: 'Points' }).count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });

  it('picker removes an unlabeled field column', async () => {
    const { page } = browser;
    // custom2 has no label: it was never given one, or it was removed after the view was saved.
    const view = await callApi<{ id: string }>(page.request, comptoir.url, 'POST', '/contact-views', {
      name: 'Champ sans libellé', columns: ['code', 'name', 'custom1', 'custom2'],
    });
    const unlabeled = 'Champ personnalisé 2 (sans libellé)';
    const header = page.locator('table.contact-table thead th', { hasText: unlabeled });
    await page.goto(`${comptoir.url}/customers?view=${view.id}`);
    await header.waitFor();

    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    const box = page.getByRole('checkbox', { name: unlabeled, exact: true });
    await box.waitFor();
    expect(await box.isChecked()).toBe(true);
    expect(await page.getByText('Son libellé a été retiré dans les paramètres. Décochez-le pour retirer la colonne.').isVisible()).toBe(true);
    // Only the shown field without a label is listed: the other eight are not offered.
    expect(await page.getByRole('checkbox', { name: /^Champ personnalisé/ }).count()).toBe(1);

    // It stays listed until the picker closes, so a mistaken click can be undone.
    await box.uncheck();
    await header.waitFor({ state: 'detached' });
    await box.check();
    await header.waitFor();
    await box.uncheck();
    await page.keyboard.press('Escape');
    await page.getByText('modifiée', { exact: true }).waitFor();
    expect(await header.count()).toBe(0);
    expect(await page.locator('table.contact-table thead th', { hasText: 'Tournée' }).count()).toBe(1);
    await page.getByRole('button', { name: /^Champ sans libellé/ }).click();
    await page.getByRole('menuitem', { name: 'Enregistrer les modifications' }).click();
    await page.getByText('modifiée', { exact: true }).waitFor({ state: 'detached' });
    const saved = await callApi<{ columns: string[] }>(page.request, comptoir.url, 'GET', `/contact-views/${view.id}`);
    expect(saved.columns).toEqual(['code', 'name', 'custom1']);

    // Once removed, the field is no longer offered.
    await page.getByRole('button', { name: 'Colonnes', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Code', exact: true }).waitFor();
    expect(await page.getByRole('checkbox', { name: unlabeled, exact: true }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(browser.problems).toEqual([]);
  });
});
