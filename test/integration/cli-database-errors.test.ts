/**
 * Command-line failures about the database and the backup file: a database
 * without Comptoir's tables, and a restore given a folder instead of a
 * file. Each prints one line in the configured language and exits with
 * code 1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comptoirEntry } from '../helpers/cli.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'comptoir-cli-database-'));

/** Runs a command that must fail, checks the exit code and that nothing went to stdout, and returns stderr. */
async function failure(databaseUrl: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const entry = await comptoirEntry();
  try {
    await run('node', [entry, ...args], { env: { ...process.env, COMPTOIR_LOCALE: '', LANG: '', DATABASE_URL: databaseUrl, ...env } });
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

  beforeAll(async () => {
    empty = await createTestDatabase(engine, { migrate: false });
  });
  afterAll(async () => {
    await empty?.drop();
  });

  it('commands on a database without tables', async () => {
    const french = 'La base de données n’a pas les tables de Comptoir : vérifiez DATABASE_URL, ou créez-les avec comptoir migrate.\n';
    expect(await failure(empty.url, ['export'])).toBe(french);
    expect(await failure(empty.url, ['verify'])).toBe(french);
    expect(await failure(empty.url, ['token', 'create', '--email', 'gerante@example.fr'], { COMPTOIR_LOCALE: 'en' })).toBe(
      'The database has no Comptoir tables: check DATABASE_URL, or create them with comptoir migrate.\n',
    );
  });

  it('restore from a folder', async () => {
    const fresh = await createTestDatabase(engine);
    try {
      expect(await failure(fresh.url, ['restore', folder])).toBe(
        `${folder} n’est pas une sauvegarde de Comptoir : donnez un fichier écrit par « comptoir backup ».\n`,
      );
    } finally {
      await fresh.drop();
    }
  });
});
