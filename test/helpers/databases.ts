/**
 * Fresh, migrated databases for tests: a temporary SQLite file, or a
 * PostgreSQL database with a unique name on 127.0.0.1 that is dropped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type Engine, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export const PG_ADMIN_URL = process.env.COMPTOIR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The engines the integration suite runs on; COMPTOIR_TEST_ENGINES=sqlite narrows it. */
export const engines: Engine[] = (process.env.COMPTOIR_TEST_ENGINES ?? 'sqlite,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter((e): e is Engine => e === 'sqlite' || e === 'postgres');

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const { url, cleanup } = engine === 'sqlite' ? sqliteUrl() : await postgresUrl();
  const db = openDatabase(url);
  if (options.migrate !== false) await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await cleanup();
    },
  };
}

function sqliteUrl() {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-test-'));
  return {
    url: `sqlite:${join(dir, 'test.sqlite')}`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresUrl() {
  const name = `comptoir_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    cleanup: async () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
