/**
 * A note that Comptoir wrote itself, without an author, on the notes tab. A
 * user who may update the contact edits it, without the private checkbox,
 * and deletes it, but still cannot change a colleague's note. A user who
 * may only view the contact gets neither button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { ADMIN, type BrowserSession, callApi, openBrowser, type RunningComptoir, signIn, startComptoir } from './harness.ts';

const SELLER = { email: 'vente@epicerie-martin.fr', password: 'Comptoir-vente-2024', name: 'Lucas Vente' };
const READER = { email: 'lecture@epicerie-martin.fr', password: 'Comptoir-lecture-2024', name: 'Inès Lecture' };
const SYSTEM_BODY = 'La fusion de Paul Garnier (CO0002) n’a pas repris : - Ville : Rezé';

describe('note written by Comptoir', () => {
  let comptoir: RunningComptoir;
  let contactId: string;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    const admin = await openBrowser();
    try {
      const { request } = admin.context;
      await request.post(`${comptoir.url}/api/v1/session`, { data: { email: ADMIN.email, password: ADMIN.password } });
      for (const [user, permissions] of [[SELLER, ['customer.view', 'customer.update']], [READER, ['customer.view']]] as const) {
        const role = await callApi<{ id: string }>(request, comptoir.url, 'POST', '/roles', { name: `Rôle ${user.name}`, permissions });
        await callApi(request, comptoir.url, 'POST', '/users', { ...user, roleId: role.id });
      }
      const contact = { type: 'customer', kind: 'individual', firstName: 'Paul', lastName: 'Garnier', mobile: '06 24 34 44 54' };
      contactId = (await callApi<{ id: string }>(request, comptoir.url, 'POST', '/contacts', contact)).id;
      await callApi(request, comptoir.url, 'POST', `/contacts/${contactId}/notes`, { body: 'Note de Claire' });
    } finally {
      await admin.close();
    }
    // As a merge run without a signed-in user writes it.
    const now = nowIso();
    await comptoir.database.db.kysely.insertInto('contact_notes').values({
      id: newId(), business_id: comptoir.business?.businessId as string, contact_id: contactId, author_id: null,
      heading: 'Valeurs non reprises de Paul Garnier (CO0002)', body: SYSTEM_BODY, is_private: 0, created_at: now, updated_at: now,
    }).execute();
  });

  afterAll(async () => {
    await comptoir?.close();
  });

  it('updater edits and deletes it', async () => {
    const browser: BrowserSession = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, comptoir.url, SELLER);
      await page.goto(`${comptoir.url}/customers/${contactId}/notes`);
      const systemNote = page.getByTestId('note').filter({ hasText: 'Valeurs non reprises' });
      await systemNote.waitFor();
      expect(await systemNote.textContent()).toContain('Comptoir, le');
      const colleagueNote = page.getByTestId('note').filter({ hasText: 'Note de Claire' });
      expect(await colleagueNote.getByRole('button').count()).toBe(0);

      await systemNote.getByRole('button', { name: 'Modifier' }).click();
      const dialog = page.getByRole('dialog', { name: 'Modifier la note' });
      await dialog.waitFor();
      expect(await dialog.getByRole('checkbox', { name: 'Note privée' }).count()).toBe(0);
      await dialog.getByRole('textbox', { name: 'Note' }).fill('Ville de l’autre fiche : Rezé');
      await dialog.getByRole('button', { name: 'Enregistrer' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const edited = page.getByTestId('note').filter({ hasText: 'Ville de l’autre fiche : Rezé' });
      await edited.waitFor();
      expect(await edited.textContent()).toContain('Comptoir, le');
      expect(await edited.textContent()).toContain('modifiée');

      await edited.getByRole('button', { name: 'Supprimer' }).click();
      await page.getByRole('dialog', { name: 'Supprimer cette note ?' }).getByRole('button', { name: 'Supprimer' }).click();
      await edited.waitFor({ state: 'detached' });
      expect(await page.getByTestId('note').count()).toBe(1);
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('viewer gets no buttons', async () => {
    const now = nowIso();
    await comptoir.database.db.kysely.insertInto('contact_notes').values({
      id: newId(), business_id: comptoir.business?.businessId as string, contact_id: contactId, author_id: null,
      heading: null, body: 'Valeurs non reprises : - E-mail : paul@exemple.fr', is_private: 0, created_at: now, updated_at: now,
    }).execute();
    const browser: BrowserSession = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, comptoir.url, READER);
      await page.goto(`${comptoir.url}/customers/${contactId}/notes`);
      const systemNote = page.getByTestId('note').filter({ hasText: 'paul@exemple.fr' });
      await systemNote.waitFor();
      expect(await systemNote.getByRole('button').count()).toBe(0);
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
