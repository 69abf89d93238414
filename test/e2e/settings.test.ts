/**
 * The settings pages in French: business details, custom field labels that
 * then appear on the contact form, a new location, a new user and a new role.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

describe('settings pages', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('saves the business name and code prefix', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Entreprise' }).click();
    await field(page, 'Nom de l’entreprise').fill('Épicerie Martin & Fils');
    await field(page, 'Préfixe des codes contact').fill('EM');
    await page.getByText('Les codes générés suivent ce modèle : EM0001.').waitFor();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();
    await page.locator('header', { hasText: 'Épicerie Martin & Fils' }).waitFor();

    await page.reload();
    expect(await field(page, 'Préfixe des codes contact').inputValue()).toBe('EM');
    const business = await comptoir.database.db.kysely
      .selectFrom('businesses')
      .select(['name', 'contact_code_prefix'])
      .executeTakeFirstOrThrow();
    expect(business).toEqual({ name: 'Épicerie Martin & Fils', contact_code_prefix: 'EM' });
    expect(browser.problems).toEqual([]);
  });

  it('shows labelled custom fields on the contact form', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Champs personnalisés' }).click();
    await field(page, 'Champ 1').fill('Allergies');
    await field(page, 'Champ 3').fill('Jour de livraison');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();

    await page.getByRole('navigation').getByRole('link', { name: 'Clients', exact: true }).click();
    await page.getByRole('link', { name: 'Nouveau client' }).first().click();
    await field(page, 'Allergies').waitFor();
    await field(page, 'Jour de livraison').waitFor();
    expect(await page.getByRole('textbox', { name: 'Champ 2' }).count()).toBe(0);
    expect(await field(page, 'Code contact').getAttribute('placeholder')).toBe('Par exemple EM0001');
    expect(browser.problems).toEqual([]);
  });

  it('adds a location, a user and a role', async () => {
    const { page } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Points de vente' }).click();
    await page.getByRole('button', { name: 'Nouveau point de vente' }).click();
    await field(page, 'Nom').fill('Boutique de la Croix-Rousse');
    await field(page, 'Ville').fill('Lyon');
    await page.getByRole('button', { name: 'Créer le point de vente' }).click();
    const location = page.locator('tbody tr', { hasText: 'Boutique de la Croix-Rousse' });
    await location.waitFor();
    expect(await location.textContent()).toContain('Lyon');

    await page.getByRole('navigation').getByRole('link', { name: 'Utilisateurs et rôles' }).click();
    await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
    const dialog = page.getByRole('dialog');
    const errors = dialog.locator('.mantine-InputWrapper-error');

    // An empty dialog shows every missing field at once.
    await page.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await errors.first().waitFor();
    expect(await errors.allTextContents()).toEqual(['Ce champ est obligatoire.', 'Ce champ est obligatoire.', 'Ce champ est obligatoire.']);

    // The server's problems come back together too: an address in use and a common password.
    browser.expectFailedRequests(/\/api\/v1\/users$/);
    await field(page, 'Nom').fill('Lucas Moreau');
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill('motdepasse1');
    await page.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    await dialog.getByText('Mot de passe trop faible').waitFor();
    expect(await errors.allTextContents()).toEqual([
      `L’adresse e-mail « ${ADMIN.email} » est déjà utilisée par un autre compte.`,
      'Mot de passe trop faible : au moins 10 caractères, sans être une suite courante.',
    ]);

    await field(page, 'Nom').fill('Lucas Moreau');
    await field(page, 'Adresse e-mail').fill('lucas@epicerie-martin.fr');
    await field(page, 'Mot de passe').fill('Caisse-numero-2-2024');
    await page.getByRole('button', { name: 'Créer l’utilisateur' }).click();
    const user = page.locator('tbody tr', { hasText: 'Lucas Moreau' });
    await user.waitFor();
    expect(await user.textContent()).toContain('Caissier');
    expect(await user.textContent()).toContain('Tous les points de vente');

    await page.getByRole('tab', { name: 'Rôles' }).click();
    await page.getByRole('button', { name: 'Nouveau rôle' }).click();
    await field(page, 'Nom du rôle').fill('Livreur');
    await page.getByRole('checkbox', { name: 'Voir tous les clients' }).check();
    await page.getByRole('checkbox', { name: 'Enregistrer des paiements' }).check();
    await page.getByRole('button', { name: 'Créer le rôle' }).click();
    await page.getByText('2 permissions · 0 utilisateur').waitFor();
    const role = await comptoir.database.db.kysely
      .selectFrom('roles')
      .where('name', '=', 'Livreur')
      .select('permissions')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(role.permissions).sort()).toEqual(['customer.view', 'payment.create']);
    expect(browser.problems).toEqual([]);
  });
});
