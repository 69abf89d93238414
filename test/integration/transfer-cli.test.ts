import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { comptoirEntry } from '../helpers/cli.ts';
import { engines } from '../helpers/databases.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'comptoir-transfer-cli-'));

/** Runs `comptoir` on the test database; a failing exit resolves instead of throwing. */
async function comptoir(databaseUrl: string, args: string[]) {
  const entry = await comptoirEntry();
  try {
    const { stdout, stderr } = await run('node', [entry, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(engines)('import and export commands on %s', (engine) => {
  let t: TestApp;
  let file: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    file = join(folder, `contacts-${engine}.csv`);
    writeFileSync(file, "Nom;Prénom;Téléphone;Solde d'ouverture\nMartin;Élodie;06 11 22 33 44;120,50\nPetit;;07 98 76 54 32;0\n");
  });
  afterAll(async () => {
    await t?.close();
  });

  const business = () => ['--business', t.business.businessId];
  const count = async () =>
    (await t.database.db.kysely.selectFrom('contacts').select('id').where('business_id', '=', t.business.businessId).execute()).length;

  it('dry run reports the row error and writes nothing', async () => {
    const result = await comptoir(t.database.url, ['import', file, '--dry-run', ...business()]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('csv, utf-8, séparateur ";"');
    expect(result.stdout).toContain('  erreur : Ligne 3 : le prénom est obligatoire.');
    expect(await count()).toBe(0);
  });

  it('abort by default, skip invalid on request', async () => {
    const aborted = await comptoir(t.database.url, ['import', file, ...business()]);
    expect(aborted.code).toBe(1);
    expect(aborted.stdout).toContain('Import refusé');
    expect(await count()).toBe(0);
    const skipped = await comptoir(t.database.url, ['import', file, '--skip-invalid', '--json', ...business()]);
    expect(skipped.code).toBe(2);
    const json = JSON.parse(skipped.stdout);
    expect(json.totals).toMatchObject({ rows: 2, valid: 1, invalid: 1, created: 1 });
    expect(await count()).toBe(1);
  });

  it('upsert with chosen keys updates instead of creating', async () => {
    const update = join(folder, `update-${engine}.csv`);
    writeFileSync(update, 'Mobile;Ville\n06 11 22 33 44;Sète\n');
    const result = await comptoir(t.database.url, ['import', update, '--mode', 'upsert', '--match', 'mobile', '--json', ...business()]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).totals).toMatchObject({ updated: 1, created: 0 });
    const row = await t.database.db.kysely.selectFrom('contacts').select(['city', 'first_name'])
      .where('business_id', '=', t.business.businessId).executeTakeFirst();
    expect(row).toEqual({ city: 'Sète', first_name: 'Élodie' });
  });

  it('export writes the chosen columns in the French dialect', async () => {
    const result = await comptoir(t.database.url, ['export', '--columns', 'firstName,city,openingBalance', ...business()]);
    expect(result.code).toBe(0);
    expect(result.stdout.replace(/^\ufeff/, '').split('\r\n').slice(0, 2)).toEqual([
      "Prénom;Ville;Solde d'ouverture",
      'Élodie;Sète;120,50',
    ]);
    const out = join(folder, `contacts-${engine}.xlsx`);
    const xlsx = await comptoir(t.database.url, ['export', '--format', 'xlsx', '--out', out, '--lang', 'en', ...business()]);
    expect(xlsx.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('sales kind imports a sales file', async () => {
    const customer = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'individual', firstName: 'Lucie', mobile: '06 55 44 33 22', code: 'LUCIE' });
    expect(customer.statusCode, customer.body).toBe(201);
    const sales = join(folder, `sales-${engine}.csv`);
    writeFileSync(sales, 'Référence de la vente;Date;Client;Désignation;Quantité;Prix unitaire HT\nT-1;02/03/2026;LUCIE;Panier garni;1;30,00\n');
    const result = await comptoir(t.database.url, ['import', sales, '--kind', 'sales', '--json', ...business()]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.kind).toBe('sales');
    expect(json.totals).toMatchObject({ rows: 1, valid: 1, created: 1 });
    const stored = await t.database.db.kysely.selectFrom('documents').select(['source_reference', 'total', 'contact_id'])
      .where('business_id', '=', t.business.businessId).execute();
    expect(stored).toEqual([{ source_reference: 'T-1', total: expect.anything(), contact_id: customer.json().id }]);
    expect(Number(stored[0]?.total)).toBe(3000);
  });

  it('reports a missing file and a second business clearly', async () => {
    const missing = await comptoir(t.database.url, ['import', join(folder, 'none.csv'), ...business()]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Fichier introuvable');
    await t.addBusiness('Deuxième boutique');
    const ambiguous = await comptoir(t.database.url, ['export']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('--business');
  });
});
