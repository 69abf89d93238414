import type { Kysely } from 'kysely';

/**
 * Adds the digits of each contact's mobile, so a number typed another way
 * ("06 12 34 56 78", "0612345678") is still matched when it has no E.164 form.
 */
export function contactPhoneDigits() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('contacts').addColumn('mobile_digits', 'text').execute();
      await db.schema
        .createIndex('contacts_mobile_digits')
        .on('contacts')
        .columns(['business_id', 'mobile_digits'])
        .execute();

      const rows = await db.selectFrom('contacts').select(['id', 'mobile']).execute();
      for (const row of rows as { id: string; mobile: string }[]) {
        const digits = row.mobile.replace(/\D/g, '') || null;
        await db.updateTable('contacts').set({ mobile_digits: digits }).where('id', '=', row.id).execute();
      }
    },
  };
}
