/**
 * Every `comptoir` failure is one line in the configured language with
 * exit code 1, never a Node stack trace.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const run = promisify(execFile);
const bin = resolve(import.meta.dirname, '../../bin/comptoir.js');

async function comptoir(databaseUrl: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], {
      env: { ...process.env, COMPTOIR_LOCALE: '', LANG: '', DATABASE_URL: databaseUrl, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(engines)('cli errors on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('demo rejects a bad contact count', async () => {
    for (const count of ['abc', '-5']) {
      const result = await comptoir(database.url, ['demo', `--contacts=${count}`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`L’option --contacts doit être un nombre entier de 0 à 100000 ; « ${count} » ne convient pas.\n`);
    }
    const english = await comptoir(database.url, ['demo', '--contacts', 'abc'], { LANG: 'en_GB.UTF-8' });
    expect(english.stderr).toBe('The --contacts option must be a whole number from 0 to 100000; “abc” is not.\n');
  });

  it('demo twice on one database', async () => {
    const first = await comptoir(database.url, ['demo', '--contacts', '3']);
    expect(first.code, first.stderr).toBe(0);
    const second = await comptoir(database.url, ['demo', '--contacts', '3']);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(
      'La démonstration est déjà chargée dans cette base (demo@comptoir.test existe) : utilisez une autre base (DATABASE_URL) ou une autre adresse (--email).\n',
    );
  });

  it('date options name the value', async () => {
    for (const command of [['loyalty', 'expire'], ['reminders', 'run']]) {
      const result = await comptoir(database.url, [...command, '--today', '2026-13-01'], { COMPTOIR_LOCALE: 'en' });
      expect(result.code, command.join(' ')).toBe(1);
      expect(result.stderr, command.join(' ')).toBe('The --today option must be a date written YYYY-MM-DD; “2026-13-01” is not.\n');
    }
  });

  it('unexpected failure is one line', async () => {
    // Nothing listens on port 1 of the loopback address, so the connection is refused.
    const result = await comptoir('postgres://postgres@127.0.0.1:1/comptoir', ['demo', '--contacts', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Échec de la commande : /);
  });
});
