import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

/**
 * Tells PostgreSQL from SQLite for a Kysely handle, transactions included,
 * from the placeholder style its compiler writes (`$1` or `?`): the use cases
 * receive a transaction, not the `Db` that carries its engine.
 */
export function isPostgres(db: Executor): boolean {
  return sql`select ${1}`.compile(db).sql.includes('$1');
}
