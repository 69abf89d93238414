/**
 * Statements over many rows: multi-row INSERTs and `in (…)` lookups split so
 * that no statement binds more parameters than its engine accepts.
 */
import type { Insertable } from 'kysely';
import { isPostgres } from '../ledger/engine.ts';
import type { Executor } from './database.ts';
import type { Database } from './schema.ts';

/**
 * Bound parameters one statement may carry: SQLite's default
 * SQLITE_MAX_VARIABLE_NUMBER since 3.32 (better-sqlite3 12 bundles 3.53),
 * and the 16-bit parameter count of PostgreSQL's Bind message.
 */
export const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 } as const;

/** Rows in one INSERT at most, whatever the parameter limit allows, so one statement stays a few hundred kilobytes of SQL. */
const MAX_ROWS_PER_INSERT = 500;

export function maxParameters(db: Executor): number {
  return isPostgres(db) ? MAX_PARAMETERS.postgres : MAX_PARAMETERS.sqlite;
}

/** Splits `items` into consecutive slices of at most `size` items. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`slice size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Returns how many rows of `columns` values fit in one INSERT. */
export function rowsPerInsert(db: Executor, columns: number): number {
  return Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(maxParameters(db) / Math.max(1, columns))));
}

/**
 * Inserts the rows with as few multi-row INSERTs as the parameter limit
 * allows. Kysely names every key that any row has, and a row without one of
 * them gets the column's default.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  for (const slice of slices(rows, rowsPerInsert(db, columns.size))) {
    // Kysely cannot check `values` against a table chosen by a type
    // parameter; the signature above already ties the rows to the table.
    await db.insertInto(table).values(slice as never).execute();
  }
}
