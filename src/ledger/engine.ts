import { type Executor, executorEngine } from '../db/database.ts';

/**
 * Tells PostgreSQL from SQLite for a Kysely handle, transactions included,
 * because the use cases receive a transaction, not the `Db` that carries its
 * engine.
 */
export function isPostgres(db: Executor): boolean {
  return executorEngine(db) === 'postgres';
}
