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
