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

/**
 * Rows in one INSERT at most, whatever the parameter limit allows. SQLite
 * connections cache their prepared statements (`cacheStatements`), and a
 * prepared INSERT of 250 contacts takes about 1.7 MiB (an estimate: one
 * INSERT of each size from 1 to 250 rows took 210 MiB with better-sqlite3
 * 12.11). So row counts come from a short ladder of powers of two rather
 * than being any number up to the limit.
 */
const MAX_ROWS_PER_INSERT = 256;

/** Values in one `in (…)` list at most. It is a power of two, like every padded list length. */
const MAX_IN_LIST = 4096;

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

function powerOfTwoAtMost(value: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, value)));
}

/** Returns the largest power of two of rows with `columns` values each that fits in one INSERT. */
export function rowsPerInsert(db: Executor, columns: number): number {
  return powerOfTwoAtMost(Math.min(MAX_ROWS_PER_INSERT, Math.floor(maxParameters(db) / Math.max(1, columns))));
}

/** Splits `count` rows into statement sizes: slices of `max`, then the rest as descending powers of two. */
export function insertSizes(count: number, max: number): number[] {
  const sizes: number[] = [];
  let left = count;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (let size = max / 2; size >= 1; size /= 2) {
    if (left < size) continue;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * Splits the values of an `in (…)` list into lists of at most 4096 values,
 * each padded to a power of two by repeating its last value, so that few
 * distinct statements reach the statement cache. A repeated value changes
 * no result of `in`.
 */
export function inLists<T>(values: readonly T[]): T[][] {
  return slices(values, MAX_IN_LIST).map((slice) => {
    const padded = [...slice];
    const last = slice[slice.length - 1] as T;
    while (padded.length & (padded.length - 1)) padded.push(last);
    return padded;
  });
}

/**
 * Inserts the rows with as few multi-row INSERTs as the parameter limit
 * allows, in the sizes of `insertSizes`. Kysely names every key that any
 * row has, and a row without one of them gets the column's default.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) columns.add(key);
  let start = 0;
  for (const size of insertSizes(rows.length, rowsPerInsert(db, columns.size))) {
    const slice = rows.slice(start, start + size);
    start += size;
    // Kysely cannot check `values` against a table chosen by a type
    // parameter; the signature above already ties the rows to the table.
    await db.insertInto(table).values(slice as never).execute();
  }
}
