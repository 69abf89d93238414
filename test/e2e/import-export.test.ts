/**
 * The import wizard and the export dialog in Chromium. A French CSV with
 * `;` goes through the mapping, where one column is matched by hand and one
 * left out. The preview shows its row error, the valid rows are imported
 * and the import is undone. The undo of a second import is rejected once
 * one of its contacts has a payment. The customer list then exports a CSV
 * whose contents are read back. A third import is undone but for the
 * contact with a payment, and an import a stopped server left running is
 * shown as interrupted and run again. A column of a custom field that has no
 * label is left out, with a message that points to where the field is named.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/shared/ids.ts';
import { thisRunner } from '../../src/transfer/import/runner.ts';
import { ADMIN, type BrowserSession, field, openBrowser, type RunningComptoir, startComptoir } from './harness.ts';

// "Portable perso" matches no known header; "Remarque" is left out.
const frenchCsv = [
  "Nom;Prénom;Portable perso;E-mail;Ville;Solde d'ouverture;Remarque",
  'Martin;Élodie;06 11 22 33 44;elodie.martin@exemple.fr;Lyon;120,50;cliente du samedi',
  'Petit;Jérôme;07 98 76 54 32;pas-une-adresse;Villeurbanne;0;',
  'Girard;Anaïs;06 45 67 89 01;anais.girard@exemple.fr;Caluire-et-Cuire;-15,00;',
  '',
].join('\r\n');

interface ContactRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  mobileE164: string | null;
  email: string | null;
  city: string | null;
  openingBalance: string;
}

describe('import and export', () => {
  let comptoir: RunningComptoir;
  let browser: BrowserSession;
  let csrf: Record<string, string> = {};

  async function contacts(page: Page): Promise<ContactRow[]> {
    const response = await page.request.get(`${comptoir.url}/api/v1/contacts?type=customer&limit=100`);
    return ((await response.json()) as { items: ContactRow[] }).items;
  }

  const fieldInput = (page: Page, column: string) => page.getByTestId(`mapping-${column}`).locator('input').first();

  async function chooseField(page: Page, column: string, label: string) {
    await fieldInput(page, column).click();
    await page.getByRole('option', { name: label, exact: true }).click();
  }

  async function upload(page: Page, name: string, text: string) {
    await page.goto(`${comptoir.url}/import`);
    await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
    await page.getByText('Associez chaque colonne à un champ de Comptoir').waitFor();
  }

  beforeAll(async () => {
    comptoir = await startComptoir({ business: { name: 'Épicerie Martin', locale: 'fr' } });
    browser = await openBrowser();
    const { page } = browser;
    await page.goto(`${comptoir.url}/sign-in`);
    await field(page, 'Adresse e-mail').fill(ADMIN.email);
    await field(page, 'Mot de passe').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${comptoir.url}/customers`);
    const session = await page.request.get(`${comptoir.url}/api/v1/session`);
    csrf = { 'X-CSRF-Token': ((await session.json()) as { csrfToken: string }).csrfToken };
  });

  afterAll(async () => {
    await browser?.close();
    await comptoir?.close();
  });

  it('imports a French CSV and undoes it', async () => {
    const { page, problems } = browser;
    await page.getByRole('navigation').getByRole('link', { name: 'Importer des contacts' }).click();
    await page.waitForURL(`${comptoir.url}/import`);
    await page.getByText(/jusqu’à 25/).waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(frenchCsv, 'utf8'),
    });

    // Mapping: the separator is detected, two columns are not recognised.
    await page.getByText('Associez chaque colonne à un champ de Comptoir').waitFor();
    await page.getByText('séparateur « ; »').waitFor();
    const unknown = page.getByText('2 colonnes n’ont pas été reconnues');
    await unknown.waitFor();
    expect(await unknown.textContent()).toContain('Portable perso, Remarque');
    expect(await fieldInput(page, 'Nom').inputValue()).toBe('Nom');
    expect(await fieldInput(page, 'E-mail').inputValue()).toBe('E-mail');
    expect(await fieldInput(page, 'Remarque').inputValue()).toBe('Ne pas importer cette colonne');
    await chooseField(page, 'Portable perso', 'Mobile');
    expect(await page.getByText('1 colonne n’a pas été reconnue').textContent()).toContain('Remarque');
    await page.getByRole('button', { name: 'Suivant' }).click();

    // Options: the defaults (create, abort) are kept, then the preview runs.
    await page.getByText('Comment traiter les lignes').waitFor();
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByText('Vérifiez avant d’importer').waitFor();
    expect(await page.getByTestId('total-rows').textContent()).toContain('3');
    expect(await page.getByTestId('total-valid').textContent()).toContain('2');
    expect(await page.getByTestId('total-invalid').textContent()).toContain('1');

    // The row error names the line as a spreadsheet numbers it, the column and the value.
    const issues = page.getByTestId('import-issues');
    const errorRow = issues.locator('tbody tr').filter({ hasText: 'pas-une-adresse' });
    await errorRow.waitFor();
    const cells = (await errorRow.locator('td').allTextContents()).map((text) => text.trim());
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('E-mail');
    expect(cells[2]).toBe('pas-une-adresse');
    expect(cells[3]).toContain('Ligne 3');
    await page.getByText('Erreurs seulement').click();
    expect(await issues.locator('tbody tr').count()).toBe(1);

    // Nothing imports while a row is in error, unless those rows are left out.
    const importButton = page.getByRole('button', { name: 'Importer 2 contacts' });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByText('1 ligne est en erreur').waitFor();
    await page.getByLabel('Laisser de côté les lignes en erreur').check();
    await importButton.click();

    await page.getByText('Import terminé', { exact: true }).waitFor();
    expect(await page.getByTestId('total-created').textContent()).toContain('2');
    expect(await page.getByTestId('total-invalid').textContent()).toContain('1');
    const imported = await contacts(page);
    expect(imported.map((contact) => contact.lastName).sort()).toEqual(['Girard', 'Martin']);
    const elodie = imported.find((contact) => contact.firstName === 'Élodie');
    expect(elodie?.lastName).toBe('Martin');
    expect(elodie?.mobileE164).toBe('+33611223344');
    expect(elodie?.openingBalance).toBe('120.50');
    expect(elodie?.city).toBe('Lyon');

    await page.getByRole('button', { name: 'Défaire cet import' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Défaire l’import' }).click();
    await page.getByTestId('import-message').filter({ hasText: 'Import défait : 2 contacts supprimés' }).waitFor();
    expect(await contacts(page)).toHaveLength(0);
    expect(problems).toEqual([]);
  });

  it('keeps the mapping and explains a refused undo', async () => {
    const { page, problems } = browser;
    await upload(page, 'clients-2.csv', frenchCsv.replace('pas-une-adresse', 'jerome.petit@exemple.fr'));
    // The column matched by hand last time comes back with that choice.
    expect(await fieldInput(page, 'Portable perso').inputValue()).toBe('Mobile');
    await page.getByText('Votre choix précédent').first().waitFor();
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByText('Toutes les lignes sont valides.').waitFor();
    await page.getByRole('button', { name: 'Importer 3 contacts' }).click();
    await page.getByText('Import terminé', { exact: true }).waitFor();

    // A payment recorded since the import blocks its undo.
    const jerome = (await contacts(page)).find((contact) => contact.firstName === 'Jérôme');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const payment = await page.request.post(`${comptoir.url}/api/v1/payments`, {
      data: { contactId: jerome?.id, amount: '20.00', method: 'cash', date: today }, headers: csrf,
    });
    expect(payment.status()).toBe(201);
    browser.expectFailedRequests(/\/api\/v1\/imports\/[^/]+$/);
    await page.getByRole('button', { name: 'Défaire cet import' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Défaire l’import' }).click();
    await dialog.getByText('Cet import ne peut pas être défait').waitFor();
    expect(await dialog.textContent()).toContain('1 de ses contacts a depuis des opérations ou des modifications');
    expect(await dialog.textContent()).toContain('Vous pouvez défaire les autres contacts de cet import');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    expect(await contacts(page)).toHaveLength(3);

    // The history lists both imports, the first one undone; the discarded previews are left out.
    await page.goto(`${comptoir.url}/import`);
    const history = page.getByTestId('import-history');
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(2);
    expect(await history.locator('tbody tr').nth(0).textContent()).toContain('Importé');
    expect(await history.locator('tbody tr').nth(1).textContent()).toContain('Défait');
    expect(problems).toEqual([]);
  });

  it('exports the searched customers as a French CSV', async () => {
    const { page, problems } = browser;
    await page.goto(`${comptoir.url}/customers`);
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('Martin');
    await page.waitForURL(/q=Martin/);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1);
    await page.getByRole('button', { name: 'Exporter' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Tous les contacts qui répondent à la recherche').waitFor();
    expect(await dialog.getByLabel('Séparateur', { exact: true }).inputValue()).toBe('Point-virgule ;');
    expect(await dialog.getByLabel('Séparateur décimal', { exact: true }).inputValue()).toBe('Virgule décimale (12,50)');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Télécharger' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    const header = lines[0]?.split(';') ?? [];
    expect(header).toContain('Prénom');
    expect(header).toContain("Solde d'ouverture");
    // The search kept Élodie Martin alone.
    expect(lines).toHaveLength(2);
    const row = lines[1]?.split(';') ?? [];
    expect(row[header.indexOf('Prénom')]).toBe('Élodie');
    expect(row[header.indexOf('Ville')]).toBe('Lyon');
    expect(row[header.indexOf("Solde d'ouverture")]).toBe('120,50');
    expect(problems).toEqual([]);
  });

  it('undoes all but the contact with a payment', async () => {
    const { page, problems } = browser;
    const csv = ['Nom;Prénom;Mobile', 'Fabre;Lucie;06 12 12 12 12', 'Noël;Hugo;06 34 34 34 34', ''].join('\r\n');
    await upload(page, 'clients-3.csv', csv);
    await page.getByRole('button', { name: 'Suivant' }).click();
    await page.getByRole('button', { name: 'Vérifier les lignes' }).click();
    await page.getByText('Toutes les lignes sont valides.').waitFor();
    await page.getByRole('button', { name: 'Importer 2 contacts' }).click();
    await page.getByText('Import terminé', { exact: true }).waitFor();

    const lucie = (await contacts(page)).find((contact) => contact.firstName === 'Lucie');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    const payment = await page.request.post(`${comptoir.url}/api/v1/payments`, {
      data: { contactId: lucie?.id, amount: '12.00', method: 'cash', date: today }, headers: csrf,
    });
    expect(payment.status()).toBe(201);

    // The whole undo is refused and names Lucie with the reason.
    browser.expectFailedRequests(/\/api\/v1\/imports\/[^/]+$/);
    await page.getByRole('button', { name: 'Défaire cet import' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Défaire l’import' }).click();
    await dialog.getByText('Cet import ne peut pas être défait').waitFor();
    const kept = dialog.getByTestId('kept-contacts').locator('tbody tr');
    expect(await kept.count()).toBe(1);
    expect(await kept.first().textContent()).toContain('Lucie');
    expect(await kept.first().textContent()).toContain('Ventes, règlements ou écritures depuis l’import');
    expect(await dialog.textContent()).toContain('Vous pouvez défaire les autres contacts de cet import');

    // Undoing the others deletes Hugo and keeps Lucie.
    await dialog.getByRole('button', { name: 'Défaire les autres' }).click();
    await page.getByTestId('import-message').filter({ hasText: 'Import défait en partie : 1 contact supprimé' }).waitFor();
    expect(await page.getByTestId('import-message').textContent()).toContain('1 contact gardé');
    expect(await page.getByTestId('kept-contacts').textContent()).toContain('Lucie');
    const names = (await contacts(page)).map((contact) => contact.firstName);
    expect(names).toContain('Lucie');
    expect(names).not.toContain('Hugo');

    await page.goto(`${comptoir.url}/import`);
    const history = page.getByTestId('import-history');
    await history.waitFor();
    expect(await history.locator('tbody tr').nth(0).textContent()).toContain('Défait en partie');
    expect(problems).toEqual([]);
  });

  it('runs an interrupted import again', async () => {
    const { page, problems } = browser;
    const preview = await page.request.post(`${comptoir.url}/api/v1/imports`, {
      multipart: {
        options: JSON.stringify({ dryRun: true }),
        file: { name: 'coupure.csv', mimeType: 'text/csv', buffer: Buffer.from('Nom;Prénom;Mobile\nBrun;Inès;06 56 56 56 56\n', 'utf8') },
      },
      headers: csrf,
    });
    expect(preview.status()).toBe(201);
    const { id, options } = (await preview.json()) as { id: string; options: Record<string, unknown> };

    // Leaves the import as a server killed in the middle of it would.
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.once('exit', resolve));
    const runner = { ...thisRunner, id: newId(), pid: child.pid as number, startTicks: '1' };
    await comptoir.database.db.kysely
      .updateTable('imports')
      .set({ status: 'running', runner: JSON.stringify(runner), options: JSON.stringify({ ...options, dryRun: false }) })
      .where('id', '=', id)
      .execute();

    await page.goto(`${comptoir.url}/import`);
    const row = page.getByTestId('import-history').locator('tbody tr').filter({ hasText: 'coupure.csv' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Interrompu');
    expect(await row.textContent()).toContain('Rien n’a été enregistré');
    await row.getByRole('button', { name: 'Relancer' }).click();
    await page.getByText('Import terminé', { exact: true }).waitFor();
    expect(await page.getByTestId('total-created').textContent()).toContain('1');
    expect((await contacts(page)).map((contact) => contact.firstName)).toContain('Inès');
    expect(problems).toEqual([]);
  });

  it('leaves out an unlabelled custom field', async () => {
    const { page, problems } = browser;
    await upload(page, 'segments.csv', 'Nom;Mobile;Champ personnalisé 2\r\nMorel;06 12 00 00 03;VIP\r\n');
    const column = page.getByTestId('mapping-Champ personnalisé 2');
    await column.getByText('Champ personnalisé sans nom').waitFor();
    expect(await fieldInput(page, 'Champ personnalisé 2').inputValue()).toBe('Ne pas importer cette colonne');
    expect(await page.getByTestId('mapping-unlabelled').textContent()).toBe(
      'La colonne « Champ personnalisé 2 » remplirait un champ personnalisé qui n’a pas encore de nom : ' +
        'elle est laissée de côté. Pour l’importer, nommez ce champ dans Paramètres › Champs personnalisés, ' +
        'puis reprenez l’import.',
    );
    expect(problems).toEqual([]);
  });
});
