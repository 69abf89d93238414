import { type Kysely, sql } from 'kysely';

/**
 * Sales created by an import keep the import's id and their reference in
 * the shop's file. That reference is unique per business among sales that
 * are not void, so a file imported twice creates nothing new, while a sale
 * whose import was undone (voided) frees its reference for a corrected file.
 */
export function importedSales() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('documents').addColumn('import_id', 'text').execute();
      await db.schema.alterTable('documents').addColumn('source_reference', 'text').execute();
      await sql`
        create unique index documents_source_reference
        on documents (business_id, type, source_reference)
        where source_reference is not null and status <> 'void'
      `.execute(db);
      await db.schema.createIndex('documents_import').on('documents').columns(['business_id', 'import_id']).execute();
    },
  };
}
