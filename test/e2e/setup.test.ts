/**
 * First run on an empty database: the web app opens on the setup form, which
 * creates the business and its administrator and signs in at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

describe('first-run setup form', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir();
    browser = await openBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('creates the business, signs in and out', async () => {
    const { page } = browser;
    browser.expectFailedRequests(/\/api\/v1\/setup$/);

    await page.goto(`${comptoir.url}/`);
    await page.waitForURL(`${comptoir.url}/setup`);
    await page.getByRole('heading', { name: 'Bienvenue dans Comptoir' }).waitFor();

    // An empty form shows every missing field at once, and sends nothing.
    await page.getByRole('button', { name: 'Créer l’entreprise et se connecter' }).click();
    const errors = page.locator('.mantine-InputWrapper-error');
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual([
      'Ce champ est obligatoire.',
      'Ce champ est obligatoire.',
      'Ce champ est obligatoire.',
      'Ce champ est obligatoire.',
    ]);
    for (const label of ['Nom de l’entreprise', 'Votre nom', 'Adresse e-mail', 'Mot de passe']) {
      expect(await field(page, label).getAttribute('aria-invalid'), label).toBe('true');
    }

    // A short password is refused at once, and one long enough but common by the server, under its field.
    await field(page, 'Mot de passe').fill('court');
    await page.getByRole('button', { name: 'Créer l’entreprise et se connecter' }).click();
    await page.getByText('Mot de passe trop faible').waitFor();
    expect(await errors.allTextContents()).toEqual([
      'Ce champ est obligatoire.',
      'Ce champ est obligatoire.',
      'Ce champ est obligatoire.',
      'Mot de passe trop faible : au moins 10 caractères, sans être une suite courante.',
    ]);
    await field(page, 'Nom de l’entreprise').fill('Quincaillerie Bernard');
    await field(page, 'Votre nom').fill('Paul Bernard');
    await field(page, 'Adresse e-mail').fill('paul@quincaillerie-bernard.fr');
    await field(page, 'Mot de passe').fill('motdepasse1');
    await page.getByRole('button', { name: 'Créer l’entreprise et se connecter' }).click();
    await page.getByText('Mot de passe trop faible').waitFor();
    expect(await field(page, 'Mot de passe').getAttribute('aria-invalid')).toBe('true');
    expect(await errors.count()).toBe(1);

    // Choosing English for the business switches the form to English too.
    await page.getByRole('combobox', { name: 'Langue', exact: true }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Welcome to Comptoir' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Currency', exact: true }).inputValue()).toBe('EUR – Euro');
    expect(await page.getByRole('combobox', { name: 'Country', exact: true }).inputValue()).toBe('France');

    await field(page, 'Password').fill('Une quincaillerie depuis 1987');
    await page.getByRole('button', { name: 'Create the business and sign in' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
    const header = await page.locator('header').textContent();
    expect(header).toContain('Quincaillerie Bernard');
    expect(header).toContain('Paul Bernard');

    // The business exists with the choices made, and setup is closed.
    const business = await comptoir.database.db.kysely
      .selectFrom('businesses')
      .select(['name', 'currency', 'locale', 'country'])
      .executeTakeFirstOrThrow();
    expect(business).toEqual({ name: 'Quincaillerie Bernard', currency: 'EUR', locale: 'en', country: 'FR' });
    const status = await page.request.get(`${comptoir.url}/api/v1/setup`);
    expect(await status.json()).toEqual({ needed: false });

    // The session survives a reload, still in English; /setup now leads away.
    await page.reload();
    await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
    await page.goto(`${comptoir.url}/setup`);
    await page.waitForURL(`${comptoir.url}/customers`);

    // Signing out leads to the sign-in page, and the new account signs in again.
    await page.getByRole('button', { name: 'My account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${comptoir.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await field(page, 'Email address').fill('paul@quincaillerie-bernard.fr');
    await field(page, 'Password').fill('Une quincaillerie depuis 1987');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    await page.getByText('No customers yet').waitFor();

    // A session ended on the server opens the sign-in dialog over the next
    // screen, whose list and totals both meet the ended session. Signing in
    // again there loads them.
    browser.expectFailedRequests(/\/api\/v1\/contacts(\/totals)?\?/);
    await comptoir.database.db.kysely.deleteFrom('sessions').execute();
    await page.getByRole('navigation').getByRole('link', { name: 'Suppliers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Session ended' });
    await dialog.waitFor();
    expect(page.url()).toBe(`${comptoir.url}/suppliers`);
    await field(dialog, 'Password').fill('Une quincaillerie depuis 1987');
    await dialog.getByRole('button', { name: 'Sign in again' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('No suppliers yet').waitFor();

    // Choosing another account in the dialog leads to the sign-in page.
    await comptoir.database.db.kysely.deleteFrom('sessions').execute();
    browser.expectFailedRequests(/\/api\/v1\/sales\?/);
    await page.getByRole('navigation').getByRole('link', { name: 'Sales', exact: true }).click();
    await dialog.getByRole('button', { name: 'Use another account' }).click();
    await page.waitForURL(`${comptoir.url}/sign-in`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    expect(browser.problems).toEqual([]);
  });
});

describe('setup time zone in a UTC browser', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir();
    browser = await openBrowser({ timezoneId: 'UTC' });
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('shows the zone it saves', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/setup`);
    await page.getByRole('heading', { name: 'Bienvenue dans Comptoir' }).waitFor();

    // A browser in UTC gets the zone of the country, France, not an empty field.
    const zone = page.getByRole('combobox', { name: 'Fuseau horaire', exact: true });
    expect(await zone.inputValue()).toBe('Europe/Paris');

    // UTC can still be chosen, by search, and then shows.
    await zone.click();
    await zone.fill('UTC');
    await page.getByRole('option', { name: 'UTC', exact: true }).click();
    expect(await zone.inputValue()).toBe('UTC');

    await field(page, 'Nom de l’entreprise').fill('Marché Couvert');
    await field(page, 'Votre nom').fill('Inès Caron');
    await field(page, 'Adresse e-mail').fill('ines@marche-couvert.fr');
    await field(page, 'Mot de passe').fill('Des légumes depuis 1962');
    await page.getByRole('button', { name: 'Créer l’entreprise et se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);

    const business = await comptoir.database.db.kysely.selectFrom('businesses').select(['timezone']).executeTakeFirstOrThrow();
    expect(business.timezone).toBe('UTC');

    // The settings page shows the saved zone too.
    await page.goto(`${comptoir.url}/settings/business`);
    const saved = page.getByRole('combobox', { name: 'Fuseau horaire', exact: true });
    await saved.waitFor();
    expect(await saved.inputValue()).toBe('UTC');

    expect(browser.problems).toEqual([]);
  });
});
