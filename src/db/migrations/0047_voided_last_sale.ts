import { type Kysely, sql } from 'kysely';

/**
 * Sets `last_sale_on` again for every contact with a voided sale, from its
 * sales that are not void. Until now a void left the date of the voided sale
 * there, so the "no sale since" filter left out a customer whose only recent
 * sale was entered by mistake and voided.
 */
export function voidedLastSale() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql.raw(`update contacts set last_sale_on = coalesce((
          select max(entry.date) from ledger_entries entry
          where entry.contact_id = contacts.id and entry.type = 'sale'
            and not exists (
              select 1 from documents voided
              where entry.source_type = 'document' and voided.id = entry.source_id and voided.status = 'void'
            )
        ), '')
        where exists (
          select 1 from documents voided
          where voided.contact_id = contacts.id and voided.type = 'sale' and voided.status = 'void'
        )`).execute(db);
    },
  };
}
