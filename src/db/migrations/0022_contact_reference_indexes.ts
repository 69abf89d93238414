import type { Kysely } from 'kysely';

/**
 * Tables whose `contact_id` is a foreign key to `contacts`. Deleting a
 * contact makes the engine look up its rows in each of them, by
 * `contact_id` alone: SQLite and PostgreSQL both run that lookup for every
 * deleted row, to refuse or cascade. Their other indexes start with
 * `business_id`, which that lookup cannot use, so each one read the whole
 * table, and deleting N contacts read each table N times.
 */
const contactReferenceTables = [
  'contact_assignments',
  'contact_notes',
  'contact_attachments',
  'contact_channel_consents',
  'ledger_entries',
  'open_items',
  'documents',
  'payments',
  'loyalty_lots',
  'loyalty_movements',
  'messages',
  'reminder_holds',
] as const;

/** An index on `contact_id` of each table of `contactReferenceTables`. */
export function contactReferenceIndexes() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const table of contactReferenceTables) {
        await db.schema.createIndex(`${table}_contact_id`).on(table).column('contact_id').execute();
      }
    },
  };
}
