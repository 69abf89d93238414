/**
 * A salesperson, who sees only their own customers, saves a customer whose
 * mobile another user's customer already has: the web app warns that
 * another contact has the number, without naming it or linking to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

const SALESPERSON = { email: 'lina@epicerie-martin.fr', password: 'Vendeuse-essai-2024', name: 'Lina Roux' };

describe('duplicate warning for a salesperson', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    const { request } = admin.context;
    await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
    await callApi(request, comptoir.url, 'POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Gaspard', lastName: 'Secret', mobile: '06 12 34 56 78',
    });
    const roles = await callApi<{ items: { id: string; name: string }[] }>(request, comptoir.url, 'GET', '/roles');
    const salesperson = roles.items.find((role) => role.name === 'Vendeur');
    expect(salesperson).toBeDefined();
    await callApi(request, comptoir.url, 'POST', '/users', { ...SALESPERSON, roleId: salesperson?.id, locale: 'fr', locationIds: [] });
    await admin.close();

    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(SALESPERSON.email);
    await field(page, 'Mot de passe').fill(SALESPERSON.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('warns without naming or linking', async () => {
    const { page } = browser;
    await page.goto(`${comptoir.url}/customers/new`);
    await field(page, 'Prénom').fill('Léna');
    await field(page, 'Nom de famille').fill('Morel');
    await field(page, 'Mobile').fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Créer le client' }).click();

    const warnings = page.locator('[data-testid="save-warnings"]');
    await warnings.waitFor();
    await page.getByRole('heading', { name: 'Léna Morel' }).waitFor();
    const text = await warnings.textContent();
    expect(text).toContain('Contact créé.');
    expect(text).toContain('Ce numéro est déjà celui d’un autre contact.');
    expect(text).not.toContain('Gaspard');
    expect(text).not.toContain('Secret');
    expect(await warnings.getByRole('link').count()).toBe(0);
    expect(browser.problems).toEqual([]);
  });
});
