/**
 * Fresh, migrated databases for tests: a temporary SQLite file, or a
 * PostgreSQL database with a unique name on 127.0.0.1 that is dropped after.
 *
 * Migrating a database takes about 1 s on SQLite and 1.5 s on PostgreSQL,
 * so within a test run each migrated database is a copy of a template. The
 * first test file that needs one migrates the template of its engine from an
 * empty database. SQLite copies the file and PostgreSQL runs `CREATE
 * DATABASE … TEMPLATE`. The templates last as long as the run
 * (test/global-setup.ts). Without the run folder, under a Vitest config
 * without that global setup, each database is migrated on its own.
 */
import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type Db, type Engine, openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { adminQuery, PG_ADMIN_URL, POSTGRES_TEMPLATE_FILE, postgresDatabaseUrl } from './postgres-admin.ts';

export { PG_ADMIN_URL };

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

/** `migrate: false` gives an empty database, for the tests of the migrations themselves. */
export async function createTestDatabase(engine: Engine, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrated = options.migrate !== false;
  const template = migrated ? await migratedTemplate(engine) : null;
  const { url, cleanup } = engine === 'sqlite' ? sqliteUrl(template) : await postgresUrl(template);
  const db = openDatabase(url);
  if (migrated && template === null) await migrate(db);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await cleanup();
    },
  };
}

function sqliteUrl(template: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-test-'));
  const path = join(dir, 'test.sqlite');
  if (template !== null) copyFileSync(template, path);
  return {
    url: `sqlite:${path}`,
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresUrl(template: string | null) {
  const name = `comptoir_test_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  await adminQuery(template === null ? `create database ${name}` : `create database ${name} template ${template}`);
  return {
    url: postgresDatabaseUrl(name),
    cleanup: async () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/** Template of each engine, looked up or built once in each test file's process. */
const templates = new Map<Engine, Promise<string | null>>();

/**
 * Returns the run folder that the global setup provides, or undefined
 * outside Vitest, where the screenshot scripts also create databases.
 */
async function runFolder(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('runFolder');
}

/** Returns the SQLite file or PostgreSQL database to copy, or null without a run folder. */
async function migratedTemplate(engine: Engine): Promise<string | null> {
  const folder = await runFolder();
  if (!folder) return null;
  let template = templates.get(engine);
  if (!template) {
    template = engine === 'sqlite' ? sqliteTemplate(folder) : postgresTemplate(folder);
    templates.set(engine, template);
  }
  return template;
}

/**
 * Migrates the SQLite template of the run, unless another test file did.
 * Test files run in parallel, so two may build it at once: each builds its
 * own file and renames it into place, which is atomic, and the last rename wins.
 */
async function sqliteTemplate(folder: string): Promise<string> {
  const path = join(folder, 'template.sqlite');
  if (existsSync(path)) return path;
  const building = join(folder, `template-${process.pid}.sqlite`);
  const db = openDatabase(`sqlite:${building}`);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  // Moves every page from the write-ahead log into the file. The last
  // connection to close deletes the log, so the file alone contains the schema.
  const connection = new SQLite(building);
  connection.pragma('wal_checkpoint(TRUNCATE)');
  connection.close();
  if (existsSync(`${building}-wal`)) {
    throw new Error(`${building}-wal still exists after a checkpoint, so a copy of ${building} would miss pages.`);
  }
  renameSync(building, path);
  return path;
}

/**
 * Migrates the PostgreSQL template of the run, unless another test file did.
 * An advisory lock makes the test files that start together wait for the one
 * that builds it.
 */
async function postgresTemplate(folder: string): Promise<string> {
  const name = `comptoir_template_${basename(folder).replace(/\W/g, '_').toLowerCase()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(hashtext($1))', [name]);
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      writeFileSync(join(folder, POSTGRES_TEMPLATE_FILE), name);
      await admin.query(`create database ${name}`);
      const db = openDatabase(postgresDatabaseUrl(name), { poolSize: 1 });
      try {
        await migrate(db);
      } catch (error) {
        await db.close();
        await admin.query(`drop database ${name} with (force)`);
        throw error;
      }
      // `CREATE DATABASE … TEMPLATE` fails while a session uses the template.
      await db.close();
    }
  } finally {
    // Ending the session releases the lock.
    await admin.end();
  }
  return name;
}
