import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * Conditions of the list filters that few contacts meet, with the name of
 * the partial index that keeps only those contacts. The filters write the
 * same SQL text, with literal numbers, so that both engines can prove that
 * a query's condition implies the index's.
 */
export const rareFlagConditions = {
  hasAdvance: { index: 'contacts_with_advance', sql: 'contacts.advance > 0' },
  hasOpeningBalance: { index: 'contacts_with_opening_balance', sql: 'contacts.opening_balance <> 0' },
  overCreditLimit: {
    index: 'contacts_over_credit_limit',
    // SQLite proves no implication for a comparison with a column on its right
    // (`receivable - advance > credit_limit`), so the limit moves to the left.
    sql: 'contacts.credit_limit is not null and contacts.receivable - contacts.advance - contacts.credit_limit > 0',
  },
} as const;

/**
 * Partial indexes for the list filters "has an advance", "has an opening
 * balance" and "over its credit limit". Without them a page sorted by name
 * or balance read the sort's index until 50 contacts met the filter: every
 * contact when fewer did, 2 seconds at 1,000,000 contacts on either engine.
 * With them the engine reads the few contacts that meet it and sorts those.
 *
 * The planners must also know how few contacts that is. SQLite gets
 * statistics for the new indexes. PostgreSQL has the columns' statistics,
 * and gets statistics on the exposure over the limit, without which it
 * guessed a third of the contacts with a limit and read the name index.
 */
export function rareFlagIndexes(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const { index, sql: condition } of Object.values(rareFlagConditions)) {
        // The index's condition names columns without the table, as CREATE INDEX requires.
        const where = condition.replaceAll('contacts.', '');
        await sql.raw(`create index ${index} on contacts (business_id, id) where ${where}`).execute(db);
        if (engine === 'sqlite') await sql.raw(`analyze ${index}`).execute(db);
      }
      if (engine === 'postgres') {
        await sql.raw('create statistics contacts_credit_exposure on (receivable - advance - credit_limit) from contacts')
          .execute(db);
        await sql.raw('analyze contacts').execute(db);
      }
    },
  };
}
