/**
 * bin/comptoir.js, the command users run, which loads the TypeScript
 * sources through tsx. The other command-line tests run the build of the
 * same sources that test/helpers/cli.ts writes once per test run, so these
 * tests also check that both print the same output.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationList } from '../../src/db/migrate.ts';
import { comptoirBin, comptoirEntry } from '../helpers/cli.ts';
import { startServerProcess } from '../helpers/server-process.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'comptoir-cli-entry-'));

/** Runs `node script args`; a failing exit resolves instead of throwing. */
async function node(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], {
      env: { ...process.env, COMPTOIR_LOCALE: '', LANG: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('comptoir entry point', () => {
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('bin prints the help', async () => {
    const result = await node(comptoirBin, ['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: comptoir');
    expect(result.stdout).toContain('migrate');
    expect(result.stderr).toBe('');
    expect(await node(await comptoirEntry(), ['--help'])).toEqual(result);
  });

  it('bin reports an unknown command', async () => {
    const result = await node(comptoirBin, ['tokens']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('Commande inconnue « tokens » : comptoir --help liste les commandes.\n');
    expect(await node(await comptoirEntry(), ['tokens'])).toEqual(result);
  });

  it('bin migrates an empty database', async () => {
    const env = { DATABASE_URL: `sqlite:${join(folder, 'empty.sqlite')}` };
    const first = await node(comptoirBin, ['migrate'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe(`applied: ${Object.keys(migrationList('sqlite')).join(', ')}\n`);
    const second = await node(comptoirBin, ['migrate'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('database is up to date\n');
  });

  it('bin serves the API', async () => {
    const server = await startServerProcess({ DATABASE_URL: `sqlite:${join(folder, 'served.sqlite')}` }, 60_000, undefined, comptoirBin);
    try {
      const response = await fetch(`${server.url}/api/v1/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok', engine: 'sqlite' });
    } finally {
      await server.kill('SIGTERM');
    }
    expect(server.child.exitCode).toBe(0);
  });
});
