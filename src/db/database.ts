/**
 * Opens the database named by DATABASE_URL: `sqlite:PATH` (the embedded
 * default) or `postgres://…`. Both engines go through one Kysely query layer.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import pg from 'pg';
import { usePreparedStatements } from './prepared-statements.ts';
import { openWriter, SqliteConnectionsDialect } from './sqlite-driver.ts';
import type { Database } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  url: string;
  close(): Promise<void>;
}

/** Kysely handle inside or outside a transaction. */
export type Executor = Kysely<Database>;

// BIGINT (money) and COUNT(*) arrive as strings from pg; amounts stay below
// 2^53, so a number is exact. NUMERIC is left as text.
pg.types.setTypeParser(20, (text) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`BIGINT out of range: ${text}`);
  return value;
});

export function engineOf(url: string): Engine {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('sqlite:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}

/** Returns the engine of a Kysely handle, transactions included, from its dialect's adapter. */
export function executorEngine(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export function sqlitePath(url: string): string {
  return url.slice('sqlite:'.length).replace(/^\/\//, '') || ':memory:';
}

/** Prepared statements kept per SQLite connection, least recently used dropped first. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 500;

export { cacheStatements } from './sqlite-driver.ts';

export interface OpenOptions {
  poolSize?: number;
  statementCacheSize?: number;
  /**
   * PostgreSQL: run the statements of query templates and `executeNamed` as
   * named prepared statements. On unless COMPTOIR_PG_NAMED_STATEMENTS=0, for a pooler that
   * cannot keep them (PgBouncer before 1.21, or without
   * `max_prepared_statements`, in transaction mode).
   */
  namedStatements?: boolean;
}

export function openDatabase(url: string, options: OpenOptions = {}): Db {
  const engine = engineOf(url);
  if (engine === 'sqlite') {
    const path = sqlitePath(url);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // Opened here rather than on first use, so that a file that cannot be
    // opened fails at start.
    const writer = openWriter(path);
    const statementCacheSize = options.statementCacheSize ?? DEFAULT_STATEMENT_CACHE_SIZE;
    const dialect = new SqliteConnectionsDialect({ path, statementCacheSize }, writer);
    const kysely = new Kysely<Database>({ dialect });
    return { kysely, engine, url, close: () => kysely.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // A client losing its server must not crash the process. The pool reports
  // idle clients here; a checked-out client emits on itself, so each one gets
  // a listener too. The pool then drops the broken client, and the query that
  // was using it fails, which the error handler turns into a 503.
  pool.on('error', () => undefined);
  const namedStatements = options.namedStatements ?? process.env.COMPTOIR_PG_NAMED_STATEMENTS !== '0';
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    if (namedStatements) usePreparedStatements(client);
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kysely, engine, url, close: () => kysely.destroy() };
}
