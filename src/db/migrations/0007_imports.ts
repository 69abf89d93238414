import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * Contact imports: one row per uploaded file, from its preview to its
 * commit or undo, with the totals, row errors, progress, and the contacts
 * it created or changed (what an undo needs). Header mappings a business
 * chose are kept for its next files.
 */
export function imports(engine: Engine) {
  const binary = engine === 'postgres' ? sql`bytea` : sql`blob`;

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
        .addColumn('user_id', 'text', (c) => c.references('users.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('file_size', 'integer', (c) => c.notNull())
        .addColumn('file_format', 'text')
        .addColumn('encoding', 'text')
        .addColumn('delimiter', 'text')
        .addColumn('header_line', 'integer')
        .addColumn('options', 'text', (c) => c.notNull())
        .addColumn('columns', 'text', (c) => c.notNull())
        .addColumn('totals', 'text', (c) => c.notNull())
        .addColumn('errors', 'text', (c) => c.notNull())
        .addColumn('warnings', 'text', (c) => c.notNull())
        .addColumn('created_ids', 'text', (c) => c.notNull())
        .addColumn('updated_contacts', 'text', (c) => c.notNull())
        .addColumn('progress_done', 'integer', (c) => c.notNull())
        .addColumn('progress_total', 'integer')
        .addColumn('cancel_requested', 'integer', (c) => c.notNull())
        .addColumn('file_data', binary)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('committed_at', 'text')
        .addColumn('undone_at', 'text')
        .execute();
      await db.schema.createIndex('imports_business').on('imports').columns(['business_id', 'created_at', 'id']).execute();

      await db.schema
        .createTable('import_mappings')
        .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
        .addColumn('header', 'text', (c) => c.notNull())
        .addColumn('field', 'text')
        .addColumn('updated_by', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_mappings_pk', ['business_id', 'header'])
        .execute();
    },
  };
}
