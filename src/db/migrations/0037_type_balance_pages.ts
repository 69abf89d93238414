import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/** The index of the contacts by type and balance, which a page of one type sorted by balance reads. */
export const typeBalanceIndex = 'contacts_type_balance';

/**
 * An index of the contacts by type, then balance. The customers have the
 * highest balances and the suppliers, who are owed money, the lowest, so a
 * page of customers sorted from the lowest balance read the balance index
 * past every supplier: about 300 ms at 1,000,000 contacts on either engine,
 * and the same for suppliers from the highest. Such a page now reads each
 * type it keeps (`customer` or `supplier`, and `both`) as a range of this
 * index in balance order, and merges them (see balance-parts.ts).
 */
export function typeBalancePages(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql.raw(`create index ${typeBalanceIndex} on contacts (business_id, type, balance, id)`).execute(db);
      if (engine === 'sqlite') await sql.raw(`analyze ${typeBalanceIndex}`).execute(db);
    },
  };
}
