import { type Kysely, sql } from 'kysely';

/**
 * Who runs an import, and what its undo left.
 *
 * `runner` is JSON naming the process that runs the import (host, pid and
 * what tells a reused pid apart), and `heartbeat_at` the last time that
 * process reported in. Together they let any instance tell an import whose
 * process has stopped from one still running, and mark it `interrupted`.
 * Rows written before this migration have neither: their `updated_at`,
 * which older versions refresh while rows are read, stands in for the
 * heartbeat.
 *
 * `undo_result` is JSON with the counts of an undo and the contacts a
 * partial undo kept.
 */
export function importRuns() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('imports').addColumn('runner', 'text').execute();
      await db.schema.alterTable('imports').addColumn('heartbeat_at', 'text').execute();
      await db.schema.alterTable('imports').addColumn('undo_result', 'text').execute();
      // Running imports are few among many finished ones, and every start,
      // list and read looks for them.
      await sql`create index imports_running on imports (business_id) where status = 'running'`.execute(db);
    },
  };
}
