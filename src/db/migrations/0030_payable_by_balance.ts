import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/** The condition of the filter "has a payable due" as the partial index below writes it. */
export const payableDueCondition = { index: 'contacts_payable_by_balance', sql: 'contacts.payable > 0' } as const;

/**
 * A partial index of the contacts with a payable due, by balance. The
 * balance of a contact owed money is below zero, so a page of them sorted
 * by balance from the highest read the balance index past every other
 * contact: about a second at 1,000,000 contacts. This index holds them alone,
 * in the sort's order.
 *
 * A page with this filter sorted by anything else keeps the sort's own
 * index: with statistics at 1,000,000 contacts SQLite took this index for
 * the name sort and sorted 100,000 contacts to show 50, so the filter writes
 * its condition for other sorts in a form SQLite cannot match to this index.
 */
export function payableByBalance(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const where = payableDueCondition.sql.replaceAll('contacts.', '');
      await sql.raw(`create index ${payableDueCondition.index} on contacts (business_id, balance, id) where ${where}`).execute(db);
      if (engine === 'sqlite') await sql.raw(`analyze ${payableDueCondition.index}`).execute(db);
    },
  };
}
