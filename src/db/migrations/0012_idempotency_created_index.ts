import type { Kysely } from 'kysely';

/**
 * An index on `idempotency_keys.created_at` for the hourly purge, which
 * deletes the keys older than the retention period. Without it the purge
 * reads every key of every business.
 */
export function idempotencyCreatedIndex() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.createIndex('idempotency_keys_created_at').on('idempotency_keys').column('created_at').execute();
    },
  };
}
