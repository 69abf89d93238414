import { type Kysely, sql } from 'kysely';
import { normalizeCardSpaces } from '../../contacts/search/search-terms.ts';
import type { Engine } from '../database.ts';

/**
 * Writes the other spaces of stored loyalty card numbers (no-break spaces,
 * tabs and the like) as plain spaces, as contacts are now written. The card
 * key of the duplicates index drops plain spaces only, so such a card could
 * be found by no card lookup, and another contact could take the same card.
 * Only the numbers with a character outside printable ASCII are read.
 */
export function cardSpaces(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const outsideAscii = engine === 'sqlite'
        ? sql`loyalty_card_number glob '*[^ -~]*'`
        : sql`loyalty_card_number ~ '[^ -~]'`;
      const rows = await sql<{ id: string; loyalty_card_number: string }>`
        select id, loyalty_card_number from contacts where loyalty_card_number is not null and ${outsideAscii}`.execute(db);
      for (const row of rows.rows) {
        const card = normalizeCardSpaces(row.loyalty_card_number);
        if (card === row.loyalty_card_number) continue;
        await db.updateTable('contacts').set({ loyalty_card_number: card }).where('id', '=', row.id).execute();
      }
    },
  };
}
