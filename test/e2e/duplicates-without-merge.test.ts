/**
 * The duplicates page for users who may not merge: a manager and a cashier
 * read the groups and open the contacts, but get no merge button or
 * checkboxes, and a note tells them to contact an administrator, in French
 * and in English. The administrator still gets the merge button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, setLanguage, signIn, startComptoir } from './harness.ts';

const MANAGER = { email: 'hugo@epicerie-martin.fr', password: 'Responsable-essai-2024', name: 'Hugo Petit' };
const CASHIER = { email: 'ines@epicerie-martin.fr', password: 'Caissiere-essai-2024', name: 'Inès Garnier' };

describe('duplicates page without merge permission', () => {
  let comptoir: RunningComptoir;
  const sessions: BrowserSession[] = [];

  const openAs = async (user: { email: string; password: string }) => {
    const session = await openBrowser();
    sessions.push(session);
    await signIn(session.page, comptoir.url, user);
    return session;
  };

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    const { request } = admin.context;
    await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
    for (const lastName of ['Dupré', 'DUPRE']) {
      await callApi(request, comptoir.url, 'POST', '/contacts', {
        type: 'customer', kind: 'individual', firstName: 'Éloïse', lastName, mobile: '06 12 34 56 78',
      });
    }
    const roles = await callApi<{ items: { id: string; name: string }[] }>(request, comptoir.url, 'GET', '/roles');
    for (const [user, roleName] of [[MANAGER, 'Responsable'], [CASHIER, 'Caissier']] as const) {
      const role = roles.items.find((item) => item.name === roleName);
      expect(role, roleName).toBeDefined();
      await callApi(request, comptoir.url, 'POST', '/users', { ...user, roleId: role?.id, locale: 'fr', locationIds: [] });
    }
    await admin.close();
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
    await comptoir?.close();
  });

  it('manager gets no merge button', async () => {
    const { page, problems } = await openAs(MANAGER);
    await page.goto(`${comptoir.url}/contacts/duplicates`);
    const group = page.getByTestId('duplicate-group');
    await group.waitFor();
    expect(await group.getByRole('link', { name: 'Éloïse Dupré' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Comparer et fusionner' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByTestId('merge-not-allowed').textContent()).toBe(
      'Votre rôle ne permet pas de fusionner des contacts. Ouvrez une fiche pour la vérifier ou la corriger, et demandez à un administrateur de fusionner les doublons.',
    );
    expect(problems).toEqual([]);
  });

  it('cashier reads it in English', async () => {
    const { page, problems } = await openAs(CASHIER);
    await setLanguage(page, comptoir.url, 'en');
    await page.goto(`${comptoir.url}/contacts/duplicates`);
    const group = page.getByTestId('duplicate-group');
    await group.waitFor();
    expect(await page.getByRole('button', { name: 'Compare and merge' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);
    expect(await page.getByTestId('merge-not-allowed').textContent()).toBe(
      'Your role cannot merge contacts. Open a contact to check or correct it, and ask an administrator to merge the duplicates.',
    );
    await group.getByRole('link', { name: 'Éloïse DUPRE' }).click();
    await page.waitForURL(/\/customers\//);
    expect(problems).toEqual([]);
  });

  it('administrator keeps the merge button', async () => {
    const { page, problems } = await openAs(ADMIN);
    await page.goto(`${comptoir.url}/contacts/duplicates`);
    await page.getByTestId('duplicate-group').waitFor();
    expect(await page.getByRole('button', { name: 'Comparer et fusionner' }).count()).toBe(1);
    expect(await page.getByRole('checkbox').count()).toBe(2);
    expect(await page.getByTestId('merge-not-allowed').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
