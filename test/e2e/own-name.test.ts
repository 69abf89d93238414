/**
 * The administrator created at the first start from the environment shows
 * a name in the header, not the email address, and changes it from the
 * account menu, in French and in English, at 1366 px and on a phone.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { bootstrapFromEnvironment } from '../../src/server/start.ts';
import { field, openBrowser, type RunningComptoir, setLanguage, startComptoir } from './harness.ts';

const OWNER = { email: 'patronne@epicerie-martin.fr', password: 'Comptoir-essai-2024' };

const wordings = {
  fr: { menu: 'Mon compte', change: 'Changer mon nom', field: 'Votre nom', save: 'Enregistrer', saved: 'Nom enregistré.' },
  en: { menu: 'My account', change: 'Change my name', field: 'Your name', save: 'Save', saved: 'Name saved.' },
} as const;

async function signInOwner(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await field(page, 'Adresse e-mail').fill(OWNER.email);
  await field(page, 'Mot de passe').fill(OWNER.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/sign-in'));
}

describe('own name', () => {
  let comptoir: RunningComptoir;

  beforeAll(async () => {
    comptoir = await startComptoir();
    const config = loadConfig({ COMPTOIR_ADMIN_EMAIL: OWNER.email, COMPTOIR_ADMIN_PASSWORD: OWNER.password });
    await bootstrapFromEnvironment(config, comptoir.database.db.kysely, { info: () => undefined });
  });

  afterAll(async () => {
    await comptoir?.close();
  });

  it('first start admin has a name', async () => {
    const browser = await openBrowser({ width: 1366, height: 768 });
    try {
      const { page } = browser;
      await signInOwner(page, comptoir.url);
      const menu = page.getByRole('button', { name: 'Mon compte' });
      await menu.getByText('Administrateur', { exact: true }).waitFor();
      expect(await page.getByText(OWNER.email).count()).toBe(0);
      expect(browser.problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  for (const [locale, width, name] of [['fr', 1366, 'Claire Martin'], ['en', 390, 'Léa Caissière']] as const) {
    it(`name changes from the menu in ${locale} at ${width} px`, async () => {
      const browser = await openBrowser({ width, height: 800 });
      try {
        const { page } = browser;
        const words = wordings[locale];
        await signInOwner(page, comptoir.url);
        await setLanguage(page, comptoir.url, locale);
        await page.reload();
        await page.getByRole('button', { name: words.menu }).click();
        await page.getByRole('menuitem', { name: words.change }).click();
        const input = page.getByRole('textbox', { name: words.field });
        await input.fill('   ');
        await page.getByRole('dialog').getByRole('button', { name: words.save }).click();
        await page.getByRole('dialog').getByText(locale === 'fr' ? 'Ce champ est obligatoire.' : 'This field is required.').waitFor();

        await input.fill(name);
        await page.getByRole('dialog').getByRole('button', { name: words.save }).click();
        await page.getByText(words.saved).waitFor();
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
        const initials = name.split(/\s+/).map((part) => part.charAt(0)).join('');
        const header = page.getByRole('button', { name: words.menu });
        await header.getByText(initials, { exact: true }).waitFor();
        // The header shows the name beside the initials from 576 px up.
        if (width >= 576) await header.getByText(name, { exact: true }).waitFor();
        expect(browser.problems).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
