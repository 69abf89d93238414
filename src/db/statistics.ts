/**
 * Fresh planner statistics after a bulk change. PostgreSQL's autovacuum
 * analyses a table only once a share of its rows has changed and its next
 * round comes, and it may be switched off. A table filled by a large import
 * may then have no statistics, and the planner may take it for a few rows,
 * for instance when it plans the totals of a contact search.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Rows written by one committed change from which the tables it wrote are analysed. */
export const ANALYZE_AFTER_ROWS = 2000;

export interface StatisticsLog {
  warn(object: object, message: string): void;
}

/**
 * Runs ANALYZE on `tables` when `rows` reaches ANALYZE_AFTER_ROWS, outside
 * any transaction, on PostgreSQL. A failure is logged, not thrown, because
 * the change it follows is committed already.
 * NOTE: SQLite is left as it is: its queries are planned without
 * sqlite_stat1, and no SQLite plan was measured to go wrong after an import.
 */
export async function analyzeAfterBulkChange(db: Db, rows: number, tables: readonly string[], log?: StatisticsLog): Promise<void> {
  if (rows < ANALYZE_AFTER_ROWS) return;
  await analyzeTables(db, tables, log, { rows });
}

/**
 * Runs ANALYZE on `tables` on PostgreSQL, outside any transaction, and logs
 * a failure with `context` instead of throwing it.
 */
export async function analyzeTables(db: Db, tables: readonly string[], log?: StatisticsLog, context: object = {}): Promise<void> {
  if (db.engine !== 'postgres' || tables.length === 0) return;
  try {
    await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db.kysely);
  } catch (error) {
    log?.warn({ err: error, tables, ...context }, 'ANALYZE after a bulk change failed; the planner keeps its older statistics');
  }
}
