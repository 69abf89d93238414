import type { Kysely } from 'kysely';

/**
 * What a contact import holds in the database rather than in memory while
 * it runs, so that its memory does not grow with the file's rows.
 *
 * `import_contacts` has one row per contact the import created or matched
 * in upsert mode, with the file line of that row. `change` is `created`,
 * `updated` (with the writable fields before the import and the
 * `updated_at` it left, for the undo), or `matched` for a contact a row
 * matched but left unchanged (no change, or the row was rejected). The rows are written in the import's own
 * transaction, so a preview, a cancelled run or an aborted one leaves none.
 * Imports stored before this table keep their lists in `imports.created_ids`
 * and `imports.updated_contacts`.
 *
 * `import_file_keys` maps each code and loyalty card number of the rows
 * accepted so far to its file line, for the "same code as line N" error.
 * A run deletes its rows before it commits.
 */
export function importContacts() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('import_contacts')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('contact_id', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('before_values', 'text')
        .addColumn('updated_at', 'text')
        .addPrimaryKeyConstraint('import_contacts_pk', ['import_id', 'contact_id'])
        .execute();

      await db.schema
        .createTable('import_file_keys')
        .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_file_keys_pk', ['import_id', 'key'])
        .execute();
    },
  };
}
