/**
 * Two users edit the same contact in two browsers. The second save, made
 * over the version its form opened with, is refused with nothing written.
 * The form keeps what its user typed, then loads the current contact with
 * those edits on top and lists the fields the other user changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type BrowserSession,
  callApi,
  field,
  openBrowser,
  type RunningComptoir,
  signIn,
  startComptoir,
} from './harness.ts';

const SELLER = { email: 'julien@epicerie-martin.fr', password: 'Vendeur-essai-2024', name: 'Julien Petit' };

interface ContactFields {
  city: string | null;
  email: string | null;
  zipCode: string | null;
  version: number;
}

describe('contact edit conflict', () => {
  let comptoir: RunningComptoir;
  let claire: BrowserSession;
  let julien: BrowserSession;
  let contactId = '';

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    claire = await openBrowser();
    await signIn(claire.page, comptoir.url, ADMIN);
    const api = <T>(method: 'GET' | 'POST', path: string, data?: unknown) =>
      callApi<T>(claire.page.request, comptoir.url, method, path, data);
    const role = await api<{ id: string }>('POST', '/roles', { name: 'Vente', permissions: ['customer.view', 'customer.update'] });
    await api('POST', '/users', { ...SELLER, roleId: role.id, locale: 'fr', locationIds: [] });
    contactId = (await api<{ id: string }>('POST', '/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Agathe', lastName: 'Bernard', mobile: '06 12 34 56 01', city: 'Nantes',
    })).id;

    julien = await openBrowser();
    await signIn(julien.page, comptoir.url, SELLER);
  });

  afterAll(async () => {
    await julien?.close();
    await claire?.close();
    await comptoir?.close();
  });

  it('keeps both changes after a conflict', async () => {
    const editUrl = `${comptoir.url}/customers/${contactId}/edit`;
    await claire.page.goto(editUrl);
    await julien.page.goto(editUrl);
    await field(claire.page, 'Ville').waitFor();
    await field(julien.page, 'Ville').waitFor();

    await field(julien.page, 'Ville').fill('Brest');
    await field(julien.page, 'E-mail').fill('agathe@example.fr');
    await julien.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await julien.page.waitForURL((address) => address.pathname === `/customers/${contactId}`);

    // The stale save gets 412, which the browser logs as a failed resource.
    claire.expectFailedRequests(new RegExp(`/api/v1/contacts/${contactId}$`));
    await field(claire.page, 'Ville').fill('Quimper');
    await field(claire.page, 'Code postal').fill('29000');
    await claire.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();

    const conflict = claire.page.getByRole('alert').filter({ hasText: 'Quelqu’un d’autre a modifié ce contact' });
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Julien Petit a enregistré ce contact le');
    expect(await conflict.textContent()).toMatch(/le \d{1,2} \S+ \d{4} à \d\d:\d\d, après/);
    expect(await conflict.textContent()).toContain('ils sont toujours dans le formulaire');
    expect(await field(claire.page, 'Ville').inputValue()).toBe('Quimper');
    expect(await field(claire.page, 'Code postal').inputValue()).toBe('29000');
    expect(claire.page.url()).toBe(editUrl);
    const unchanged = await callApi<ContactFields>(claire.page.request, comptoir.url, 'GET', `/contacts/${contactId}`);
    expect(unchanged.city).toBe('Brest');
    expect(unchanged.zipCode).toBeNull();
    expect(unchanged.version).toBe(2);

    await claire.page.getByRole('button', { name: 'Charger le contact actuel avec mes changements' }).click();
    const rebased = claire.page.getByRole('status').filter({ hasText: 'Contact actuel chargé' });
    await rebased.waitFor();
    const listed = await rebased.textContent();
    expect(listed).toContain('Julien Petit a modifié ces champs');
    expect(listed).toContain('Ville\u00a0: «\u00a0Nantes\u00a0» → «\u00a0Brest\u00a0»');
    expect(listed).toContain('E-mail\u00a0: (vide) → «\u00a0agathe@example.fr\u00a0»');
    expect(listed).toContain('Le formulaire garde votre valeur, «\u00a0Quimper\u00a0»');
    expect(listed).not.toContain('Code postal');
    expect(await conflict.count()).toBe(0);
    expect(await field(claire.page, 'Ville').inputValue()).toBe('Quimper');
    expect(await field(claire.page, 'E-mail').inputValue()).toBe('agathe@example.fr');
    expect(await field(claire.page, 'Code postal').inputValue()).toBe('29000');

    await rebased.getByRole('button', { name: 'Prendre la valeur enregistrée' }).click();
    expect(await field(claire.page, 'Ville').inputValue()).toBe('Brest');
    expect(await rebased.getByRole('button', { name: 'Prendre la valeur enregistrée' }).count()).toBe(0);

    await claire.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await claire.page.waitForURL((address) => address.pathname === `/customers/${contactId}`);
    const saved = await callApi<ContactFields>(claire.page.request, comptoir.url, 'GET', `/contacts/${contactId}`);
    expect(saved.city).toBe('Brest');
    expect(saved.email).toBe('agathe@example.fr');
    expect(saved.zipCode).toBe('29000');
    expect(saved.version).toBe(3);
    expect(claire.problems).toEqual([]);
    expect(julien.problems).toEqual([]);
  });
});
