/**
 * Statements over many rows: multi-row INSERTs and `in (…)` lookups split so
 * that no statement binds more parameters than its engine accepts.
 */
import { CompiledQuery, type Insertable } from 'kysely';
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

/**
 * Ids per statement of set-based work over many contacts, such as the undo
 * of an import, which reads and deletes in one transaction: a quarter of
 * MAX_IN_LIST, so that each statement stays short.
 */
export const IDS_PER_STATEMENT = 1024;

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
 * Splits the values of an `in (…)` list into lists of at most `max` values
 * (4096 by default, a power of two). Each list is padded to a power of two
 * by repeating its last value, so few distinct statements reach the
 * statement cache. A repeated value changes no result of `in`.
 */
export function inLists<T>(values: readonly T[], max = MAX_IN_LIST): T[][] {
  if (max > MAX_IN_LIST || max !== powerOfTwoAtMost(max)) throw new RangeError(`in-list size must be a power of two up to ${MAX_IN_LIST}, got ${max}`);
  return slices(values, max).map((slice) => {
    const padded = [...slice];
    const last = slice[slice.length - 1] as T;
    while (padded.length & (padded.length - 1)) padded.push(last);
    return padded;
  });
}

/** SQL text of each INSERT shape: engine, table, columns and row count. */
const insertTexts = new Map<string, string>();

function insertText(postgres: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${postgres ? 'pg' : 'sqlite'}:${table}:${columns.join(',')}:${rows}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    let parameter = 0;
    const row = () => `(${columns.map(() => (postgres ? `$${(parameter += 1)}` : '?')).join(', ')})`;
    const values = Array.from({ length: rows }, row).join(', ');
    text = `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values ${values}`;
    insertTexts.set(key, text);
  }
  return text;
}

/**
 * Inserts the rows with as few multi-row INSERTs as the parameter limit
 * allows, in the sizes of `insertSizes`. Every row must have a value, null
 * included, for each key of the first row, which names the columns. The SQL
 * text of each size is built once, because Kysely builds a node per value
 * and compiles the whole statement again for every batch, which made about
 * a tenth of an import's allocations (V8 sampling heap profile, 10,000
 * rows).
 */
export async function insertRows<T extends keyof Database & string>(
  db: Executor,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  const [first] = rows;
  if (!first) return;
  const columns = Object.keys(first);
  const postgres = isPostgres(db);
  let start = 0;
  for (const size of insertSizes(rows.length, rowsPerInsert(db, columns.length))) {
    const parameters: unknown[] = [];
    for (let i = start; i < start + size; i += 1) {
      const row = rows[i] as Record<string, unknown>;
      for (const column of columns) {
        const value = row[column];
        if (value === undefined) throw new Error(`row ${i} of the ${table} insert has no value for ${column}`);
        parameters.push(value);
      }
    }
    start += size;
    await db.executeQuery(CompiledQuery.raw(insertText(postgres, table, columns, size), parameters));
  }
}
