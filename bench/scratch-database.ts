/**
 * An empty database for one benchmark run: a SQLite file in a new temporary
 * folder, or a new PostgreSQL database on the server of
 * COMPTOIR_TEST_PG_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Engine } from '../src/db/database.ts';

export const PG_ADMIN_URL = process.env.COMPTOIR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ScratchDatabase {
  url: string;
  /** Removes the SQLite file's folder, or drops the PostgreSQL database. */
  drop(): Promise<void>;
}

/** Runs one statement on the PostgreSQL server as its administrator. */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates an empty database whose name starts with `prefix`, unique to this process and moment. */
export async function scratchDatabase(engine: Engine, prefix: string): Promise<ScratchDatabase> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `${prefix.replaceAll('_', '-')}-`));
    return { url: `sqlite:${join(dir, 'bench.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await adminQuery(`create database ${name}`);
  const target = new URL(PG_ADMIN_URL);
  target.pathname = `/${name}`;
  return { url: target.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}
