/**
 * The PostgreSQL server of the tests, reached through its `test` database
 * (COMPTOIR_TEST_PG_URL changes it), where the helpers create and drop
 * databases. This module imports neither Vitest nor the sources, so that
 * test/global-setup.ts can use it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.COMPTOIR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** File of a test run's folder that names the run's PostgreSQL template, once a test file has created it. */
export const POSTGRES_TEMPLATE_FILE = 'postgres-template';

/** Returns the URL of database `name` on the same server as PG_ADMIN_URL. */
export function postgresDatabaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the admin database in a connection of its own. */
export async function adminQuery(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** Drops the PostgreSQL template of a test run, if one of its test files created it. */
export async function dropPostgresTemplate(folder: string): Promise<void> {
  const file = join(folder, POSTGRES_TEMPLATE_FILE);
  if (!existsSync(file)) return;
  await adminQuery(`drop database if exists ${readFileSync(file, 'utf8')} with (force)`);
}

/** Names of the databases that test runs create, with the id of the process that created each. */
const testDatabaseName = /^comptoir_(?:test|template_comptoir_run)_(\d+)_/;

/** Returns whether process `pid` of this machine is still running. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops the test databases whose creating process has ended: those of a run
 * that was killed before its teardown. The databases of runs still going on
 * in other processes are kept. Returns the names dropped.
 */
export async function dropLeftTestDatabases(): Promise<string[]> {
  const found = await adminQuery('select datname from pg_database where datname like $1', ['comptoir\\_%']);
  const left = found.rows
    .map((row: { datname: string }) => row.datname)
    .filter((name) => {
      const match = testDatabaseName.exec(name);
      return match !== null && !isRunning(Number(match[1]));
    });
  for (const name of left) await adminQuery(`drop database if exists ${name} with (force)`);
  return left;
}
