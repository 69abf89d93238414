/**
 * A shop owner's first contact, in the French and in the English interface.
 * The owner signs in and creates a customer, after an invalid email is
 * rejected under its field. Then the owner finds it by search, edits it,
 * reads the change in its activity and deactivates it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

interface Wording {
  locale: 'fr' | 'en';
  signInTitle: string;
  email: string;
  password: string;
  signIn: string;
  customersTitle: string;
  newCustomer: string;
  firstName: string;
  lastName: string;
  mobile: string;
  emailField: string;
  city: string;
  payTermNumber: string;
  endOfMonth: string;
  openingBalance: string;
  create: string;
  invalidEmail: string;
  notSaved: string;
  payTermLabel: string;
  openingTyped: string;
  created: string;
  balanceShown: string;
  search: string;
  edit: string;
  save: string;
  saved: string;
  activityTab: string;
  updatedBy: string;
  createdBy: string;
  before: string;
  after: string;
  emptyValue: string;
  deactivate: string;
  deactivateTitle: string;
  deactivated: string;
  inactiveBadge: string;
  reactivate: string;
  inactiveFilter: string;
  addFilter: string;
  statusFilter: string;
  applyFilter: string;
  noMatch: string;
}

const french: Wording = {
  locale: 'fr',
  signInTitle: 'Connexion',
  email: 'Adresse e-mail',
  password: 'Mot de passe',
  signIn: 'Se connecter',
  customersTitle: 'Clients',
  newCustomer: 'Nouveau client',
  firstName: 'Prénom',
  lastName: 'Nom de famille',
  mobile: 'Mobile',
  emailField: 'E-mail',
  city: 'Ville',
  payTermNumber: 'Délai de paiement',
  endOfMonth: 'Fin de mois',
  openingBalance: 'Solde d’ouverture',
  create: 'Créer le client',
  invalidEmail:
    '« marie.dupont@exemple » n’est pas une adresse e-mail valide : écrivez-la sous la forme nom@exemple.fr, ' +
    'sans espace ni lettre accentuée avant le @.',
  notSaved: 'Le contact n’a pas été enregistré',
  payTermLabel: '30 jours fin de mois',
  openingTyped: '120,50',
  created: 'Contact créé.',
  balanceShown: '+120,50 €',
  search: 'Rechercher',
  edit: 'Modifier',
  save: 'Enregistrer',
  saved: 'Modifications enregistrées.',
  activityTab: 'Historique',
  updatedBy: 'Claire Martin a modifié le contact',
  createdBy: 'Claire Martin a créé le contact',
  before: 'Avant',
  after: 'Après',
  emptyValue: '(vide)',
  deactivate: 'Désactiver',
  deactivateTitle: 'Désactiver Marie Dupont ?',
  deactivated: 'Claire Martin a désactivé le contact',
  inactiveBadge: 'Inactif',
  reactivate: 'Réactiver',
  inactiveFilter: 'Inactifs',
  addFilter: 'Ajouter un filtre',
  statusFilter: 'Statut',
  applyFilter: 'Appliquer',
  noMatch: 'Aucun contact trouvé',
};

const english: Wording = {
  locale: 'en',
  signInTitle: 'Sign in',
  email: 'Email address',
  password: 'Password',
  signIn: 'Sign in',
  customersTitle: 'Customers',
  newCustomer: 'New customer',
  firstName: 'First name',
  lastName: 'Last name',
  mobile: 'Mobile',
  emailField: 'Email',
  city: 'City',
  payTermNumber: 'Payment term',
  endOfMonth: 'End of month',
  openingBalance: 'Opening balance',
  create: 'Create the customer',
  invalidEmail:
    '“marie.dupont@exemple” is not a valid email address: write it like name@example.com, ' +
    'with no spaces or accented letters before the @.',
  notSaved: 'The contact was not saved',
  payTermLabel: '30 days end of month',
  openingTyped: '120.50',
  created: 'Contact created.',
  balanceShown: '+€120.50',
  search: 'Search',
  edit: 'Edit',
  save: 'Save',
  saved: 'Changes saved.',
  activityTab: 'Activity',
  updatedBy: 'Claire Martin changed the contact',
  createdBy: 'Claire Martin created the contact',
  before: 'Before',
  after: 'After',
  emptyValue: '(empty)',
  deactivate: 'Deactivate',
  deactivateTitle: 'Deactivate Marie Dupont?',
  deactivated: 'Claire Martin deactivated the contact',
  inactiveBadge: 'Inactive',
  reactivate: 'Reactivate',
  inactiveFilter: 'Inactive',
  addFilter: 'Add a filter',
  statusFilter: 'Status',
  applyFilter: 'Apply',
  noMatch: 'No contact found',
};

/** Text as a reader sees it: Intl's no-break and narrow no-break spaces read as spaces. */
function plain(text: string | null): string {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

async function textOf(page: Page, selector: string): Promise<string> {
  return plain(await page.locator(selector).first().textContent());
}

/** Other customers, created through the API with the browser's session, so the search has something to leave out. */
async function addOtherCustomers(page: Page, baseUrl: string) {
  const session = await page.request.get(`${baseUrl}/api/v1/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  for (const body of [
    { type: 'customer', kind: 'individual', firstName: 'Jean', lastName: 'Lefèvre', mobile: '06 98 76 54 32' },
    { type: 'customer', kind: 'business', businessName: 'Boulangerie Petit', mobile: '04 72 00 11 22' },
  ]) {
    const response = await page.request.post(`${baseUrl}/api/v1/contacts`, {
      data: body,
      headers: { 'X-CSRF-Token': csrfToken },
    });
    expect(response.status()).toBe(201);
  }
}

describe.each([french, english])('contact life cycle in $locale', (w) => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('signs in, creates, finds, edits and deactivates a customer', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/contacts$/);

    await page.goto(`${comptoir.url}/sign-in`);
    if (w.locale === 'en') await page.locator('label', { hasText: /^EN$/ }).click();
    await page.getByRole('heading', { name: w.signInTitle }).waitFor();
    await page.getByLabel(w.email).fill(ADMIN.email);
    await field(page, w.password).fill(ADMIN.password);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    await page.getByRole('heading', { name: w.customersTitle, exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe(w.locale);
    await addOtherCustomers(page, comptoir.url);

    // An invalid email is refused and its message shows under the field.
    await page.getByRole('link', { name: w.newCustomer }).first().click();
    await field(page, w.firstName).fill('Marie');
    await field(page, w.lastName).fill('Dupont');
    await field(page, w.mobile).fill('06 12 34 56 78');
    await field(page, w.emailField).fill('marie.dupont@exemple');
    await page.getByRole('button', { name: w.create }).click();
    await page.getByText(w.notSaved).waitFor();
    const emailInput = field(page, w.emailField);
    expect(await emailInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await emailInput.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
    expect(errorId).toBeTruthy();
    expect(await textOf(page, `[id="${errorId}"]`)).toBe(plain(w.invalidEmail));

    // Corrected, with a pay term and an opening balance, it is created.
    await emailInput.fill('marie.dupont@exemple.fr');
    await field(page, w.payTermNumber).fill('30');
    await page.getByRole('checkbox', { name: w.endOfMonth }).check();
    expect(await textOf(page, '[data-testid="pay-term-label"]')).toBe(w.payTermLabel);
    await field(page, w.openingBalance).fill(w.openingTyped);
    await page.getByRole('button', { name: w.create }).click();
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Marie Dupont' }).waitFor();
    await page.getByText(w.created).waitFor();
    const header = plain(await page.locator('main').textContent());
    expect(header).toContain('CO0003');
    expect(header).toContain(w.balanceShown);
    expect(header).toContain(w.payTermLabel);

    // The list search finds her and leaves the others out.
    await page.getByRole('navigation').getByRole('link', { name: w.customersTitle, exact: true }).click();
    await page.locator('tbody tr').nth(2).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(3);
    await page.getByRole('searchbox', { name: w.search }).fill('dupont');
    await page.waitForURL(/q=dupont/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    const row = plain(await page.locator('tbody tr').first().textContent());
    expect(row).toContain('Marie Dupont');
    expect(row).toContain('06 12 34 56 78');
    expect(row).toContain('marie.dupont@exemple.fr');
    expect(row).toContain(w.balanceShown);
    expect(row).not.toContain('Lefèvre');

    // Editing the mobile and the city saves only those fields.
    await page.locator('tbody tr').first().click();
    await page.getByRole('heading', { name: 'Marie Dupont' }).waitFor();
    await page.getByRole('link', { name: w.edit }).click();
    expect(await field(page, w.mobile).inputValue()).toBe('06 12 34 56 78');
    await field(page, w.mobile).fill('06 22 33 44 55');
    await field(page, w.city).fill('Lyon');
    await page.getByRole('button', { name: w.save }).click();
    await page.getByText(w.saved).waitFor();
    expect(plain(await page.locator('main').textContent())).toContain('06 22 33 44 55');

    // The activity names who changed which field from what to what.
    await page.getByRole('tab', { name: w.activityTab }).click();
    await page.getByText(w.updatedBy).waitFor();
    await page.getByText(w.createdBy).waitFor();
    const changes = page.locator('[data-testid="activity-entry"]').first().locator('tbody tr');
    const lines = (await changes.allTextContents()).map(plain);
    expect(lines).toContain(`${w.mobile}06 12 34 56 7806 22 33 44 55`);
    expect(lines).toContain(`${w.city}${w.emptyValue}Lyon`);
    expect(lines).toHaveLength(2);

    // Deactivation needs a confirmation, then the contact shows as inactive.
    await page.getByRole('button', { name: w.deactivate }).click();
    const dialog = page.getByRole('dialog', { name: w.deactivateTitle });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: w.deactivate }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: w.reactivate }).waitFor();
    await page.getByText(w.deactivated).waitFor();
    expect(plain(await page.locator('main h2').first().locator('..').textContent())).toContain(w.inactiveBadge);

    // It has left the active list but is found among the inactive ones.
    await page.getByRole('navigation').getByRole('link', { name: w.customersTitle, exact: true }).click();
    await page.getByRole('searchbox', { name: w.search }).fill('dupont');
    await page.getByText(w.noMatch).waitFor();
    await page.getByRole('button', { name: w.addFilter }).click();
    await page.getByRole('menuitem', { name: w.statusFilter }).click();
    const statusDialog = page.getByRole('dialog', { name: w.statusFilter });
    await statusDialog.locator('label', { hasText: new RegExp(`^${w.inactiveFilter}$`) }).click();
    await statusDialog.getByRole('button', { name: w.applyFilter }).click();
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    const inactiveRow = plain(await page.locator('tbody tr').first().textContent());
    expect(inactiveRow).toContain('Marie Dupont');
    expect(inactiveRow).toContain(w.inactiveBadge);

    // The language stays after a reload, and it is saved as the user's preference.
    await page.reload();
    await page.getByRole('heading', { name: w.customersTitle, exact: true }).waitFor();
    const user = await comptoir.database.db.kysely
      .selectFrom('users')
      .where('email', '=', ADMIN.email)
      .select('locale')
      .executeTakeFirstOrThrow();
    expect(user.locale).toBe(w.locale);

    expect(browser.problems).toEqual([]);
  });
});
