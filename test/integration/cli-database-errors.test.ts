/**
 * Command-line failures about the database and the backup file. The cases
 * are a database without Comptoir's tables, and a restore from a missing
 * file, from a file that is not a backup, or into a database that already
 * contains data. Each prints one line in the configured language and exits
 * with code 1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from '../../src/auth/businesses.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/comptoir.js');
const folder = mkdtempSync(join(tmpdir(), 'comptoir-cli-database-'));

/** Runs a command that must fail, checks the exit code and that nothing went to stdout, and returns stderr. */
async function failure(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    await run('node', [bin, ...args], { env: { ...process.env, COMPTOIR_LOCALE: '', LANG: '', DATABASE_URL: databaseUrl, ...env } });
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    expect(failed.code, args.join(' ')).toBe(1);
    expect(failed.stdout, args.join(' ')).toBe('');
    return failed.stderr;
  }
  throw new Error(`comptoir ${args.join(' ')} succeeded`);
}

describe.each(engines)('cli database errors on %s', (engine) => {
  let empty: TestDatabase;
  let filled: TestDatabase;

  beforeAll(async () => {
    empty = await createTestDatabase(engine, { migrate: false });
    filled = await createTestDatabase(engine);
    await createBusiness(filled.db.kysely, {
      name: 'Épicerie Test', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
      admin: { email: 'gerante@example.fr', password: 'a long test passphrase', name: 'Gérante' },
    });
  });
  afterAll(async () => {
    await empty?.drop();
    await filled?.drop();
  });

  it('commands on a database without tables', async () => {
    const french = 'La base de données n’a pas les tables de Comptoir : vérifiez DATABASE_URL, ou créez-les avec comptoir migrate.\n';
    expect(await failure(empty.url, ['export'])).toBe(french);
    expect(await failure(empty.url, ['verify'])).toBe(french);
    expect(await failure(empty.url, ['token', 'create', '--email', 'gerante@example.fr'], { COMPTOIR_LOCALE: 'en' })).toBe(
      'The database has no Comptoir tables: check DATABASE_URL, or create them with comptoir migrate.\n',
    );
  });

  it('restore of a missing file', async () => {
    const missing = join(folder, `absent-${engine}.backup.gz`);
    expect(await failure(empty.url, ['restore', missing])).toBe(`Fichier introuvable : « ${missing} ». Vérifiez le chemin.\n`);
  });

  it('restore of a file that is not a backup', async () => {
    const text = join(folder, `notes-${engine}.txt`);
    writeFileSync(text, 'Ceci n’est pas une sauvegarde.\n');
    expect(await failure(filled.url, ['restore', text])).not.toContain('incorrect header check');
    const fresh = await createTestDatabase(engine, { migrate: false });
    try {
      expect(await failure(fresh.url, ['restore', text])).toBe(
        `« ${text} » n’est pas une sauvegarde de Comptoir : choisissez un fichier écrit par comptoir backup.\n`,
      );
    } finally {
      await fresh.drop();
    }
  });

  it('restore into a database that holds data', async () => {
    const backup = join(folder, `copy-${engine}.backup.gz`);
    const written = await run('node', [bin, 'backup', backup], { env: { ...process.env, DATABASE_URL: filled.url } });
    expect(written.stderr).toBe('');
    expect(await failure(filled.url, ['restore', backup])).toBe(
      'La base de destination contient déjà des données : restaurez dans une base vide (DATABASE_URL).\n',
    );
  });
});
