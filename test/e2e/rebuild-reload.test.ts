/**
 * An open page after a rebuild under the running server: the files the
 * page was built with are gone, so opening a screen whose code it has not
 * loaded yet reloads the page once onto the new build. A second failure
 * soon after a reload shows a notice with a reload button instead of a
 * blank page. The tests rewrite the server's copy of the build as `npm run
 * build` would: every file gets a new name, and the old names are deleted.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

/** Renames every file of `assets/` with `suffix` before its extension and rewrites the references to them. */
function rebuild(webRoot: string, suffix: string) {
  const assets = join(webRoot, 'assets');
  const files = readdirSync(assets).filter((name) => !name.endsWith('.map'));
  const renamed = new Map(files.map((name) => [name, name.replace(/(\.[a-z]+)$/, `${suffix}$1`)]));
  const escaped = files.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const reference = new RegExp(escaped.join('|'), 'g');
  const rewrite = (text: string) => text.replace(reference, (name) => renamed.get(name) ?? name);

  for (const name of readdirSync(assets)) {
    const path = join(assets, name);
    const target = renamed.get(name);
    if (target) writeFileSync(join(assets, target), rewrite(readFileSync(path, 'utf8')));
    rmSync(path);
  }
  const index = join(webRoot, 'index.html');
  writeFileSync(index, rewrite(readFileSync(index, 'utf8')));
}

describe('open page after a rebuild', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    // The old build's files return 404 on purpose.
    browser.expectFailedRequests(/\/assets\//);
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

  it('screen not loaded yet reloads the page', async () => {
    const { page } = browser;
    await page.getByRole('heading', { name: 'Clients' }).waitFor();
    await page.evaluate(() => {
      (window as unknown as { beforeRebuild: boolean }).beforeRebuild = true;
    });
    rebuild(comptoir.webRoot, 'v2');

    await page.getByRole('link', { name: 'Nouveau client' }).first().click();
    await page.getByRole('heading', { name: 'Nouveau client' }).waitFor();
    // The window of the first build is gone, so the page was reloaded.
    expect(await page.evaluate(() => 'beforeRebuild' in window)).toBe(false);
    const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.src).join(' '));
    expect(scripts).toContain('v2.js');
    expect(await page.getByText('Impossible d’afficher cet écran').count()).toBe(0);
  });

  it('second failure shows a reload button', async () => {
    const { page } = browser;
    rebuild(comptoir.webRoot, 'v3');
    // As if the page had just reloaded for a missing file, so it must not reload again.
    await page.evaluate(() => sessionStorage.setItem('comptoir.reloadedForUpgrade', String(Date.now())));
    await page.evaluate(() => {
      (window as unknown as { beforeRebuild: boolean }).beforeRebuild = true;
    });

    await page.getByRole('link', { name: 'Doublons' }).first().click();
    await page.getByText('Impossible d’afficher cet écran').waitFor();
    expect(await page.evaluate(() => 'beforeRebuild' in window)).toBe(true);
    // The frame stays, with its navigation.
    expect(await page.getByRole('link', { name: 'Clients' }).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Recharger la page' }).click();
    await page.getByRole('heading', { name: 'Doublons' }).waitFor();
    expect(await page.evaluate(() => 'beforeRebuild' in window)).toBe(false);
  });
});
