/**
 * Keeps the prepared statements of a SQLite connection for reuse. Kysely
 * 0.28's SQLite driver prepares every query anew, and preparing an insert
 * or update of `contacts` compiles its triggers (search index, duplicate
 * keys) each time. A contact import spent about half its CPU time there,
 * as bench/import.bench.ts showed with and without this cache.
 */
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct query texts kept; queries with `in (…)` lists of varying length make many. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Wraps `connection` for Kysely so that each SQL text is prepared once and
 * its statement reused, the least recently used being dropped past
 * `capacity`. Reuse is safe because better-sqlite3 rejects any query on a
 * connection while one of its statements is being iterated.
 */
export function cacheStatements(connection: SQLite.Database, capacity = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(text: string) {
      const cached = statements.get(text);
      if (cached) {
        // Map keeps insertion order: moving the entry to the end marks it as the most recent.
        statements.delete(text);
        statements.set(text, cached);
        return cached;
      }

      const statement = connection.prepare(text);
      statements.set(text, statement);
      if (statements.size > capacity) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      return statement;
    },
  };
}
