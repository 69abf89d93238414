/**
 * Row and advisory locks for the changes whose checks read other rows (the
 * last administrator, the first setup). SQLite needs none inside one process
 * because its transactions run one at a time on the one writer connection.
 */
import { sql } from 'kysely';
import type { Engine, Executor } from '../db/database.ts';

const SETUP_LOCK_KEY = 4_242_002;

/** Serialises changes to one business's users until the transaction ends (PostgreSQL). */
export async function lockBusiness(trx: Executor, engine: Engine, businessId: string): Promise<void> {
  if (engine !== 'postgres') return;
  await trx.selectFrom('businesses').where('id', '=', businessId).select('id').forUpdate().execute();
}

/**
 * Serialises first-run setups until the transaction ends. On SQLite an empty
 * write takes the database write lock at once, so another process waits
 * here instead of failing later when both try to write.
 */
export async function lockSetup(trx: Executor, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    // PostgreSQL scopes advisory locks to the current database, so the name in the key is redundant but harmless.
    await sql`select pg_advisory_xact_lock(${SETUP_LOCK_KEY}, hashtext(current_database()))`.execute(trx);
    return;
  }
  await sql`update businesses set name = name where 1 = 0`.execute(trx);
}
