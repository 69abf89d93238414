import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * The indexes that the two parts of the filter "not overdue" read on a page
 * sorted by balance: the contacts with nothing open, and those whose
 * earliest open due date is today or later.
 */
export const notOverdueIndexes = {
  nothingOpen: 'contacts_nothing_open_by_balance',
  dueFromToday: 'contacts_earliest_open_due',
} as const;

/**
 * Partial indexes by balance of the contacts on the unusual side of zero for
 * a filter on a receivable or a payable. The filters' page parts write the
 * same SQL text, with literal numbers, so that both engines can prove that
 * a part's condition implies the index's. `balance = receivable - payable -
 * advance`, so the first holds no contact while the cached figures agree,
 * the second holds the `both` contacts that owe less than they are owed, and
 * the third the contacts with an advance and no payable.
 */
export const balanceSideIndexes = {
  positiveWithoutReceivable: {
    index: 'contacts_positive_without_receivable',
    sql: 'contacts.balance > 0 and not (contacts.receivable > 0)',
  },
  notPositiveWithReceivable: {
    index: 'contacts_not_positive_with_receivable',
    sql: 'contacts.balance <= 0 and contacts.receivable > 0',
  },
  negativeWithoutPayable: {
    index: 'contacts_negative_without_payable',
    sql: 'contacts.balance < 0 and not (contacts.payable > 0)',
  },
} as const;

/**
 * Indexes for pages sorted by balance whose filter leaves out the contacts
 * at one end of the balance index. Such a page read that index past every
 * one of them before it found a contact to show. Overdue contacts have the
 * largest balances, owed to the shop or by it, so the page of the contacts
 * that are not overdue took about a second at 1,000,000 contacts of which
 * 700,000 are overdue, on either engine.
 *
 * No index can hold "due today or later", because today changes. So that
 * page reads its two parts apart and merges them:
 * - the contacts with nothing open, from a new partial index by balance;
 * - those due from today on, from a range of the due date index, which now
 *   also holds the balance and the id, so that the engine sorts that range
 *   from the index alone. The index keeps its name and its first columns,
 *   so the overdue totals still read it alone. A separate index of the due
 *   date and balance was tried first: SQLite took it for the overdue totals,
 *   which then looked up every overdue contact (9 to 111 ms at 100,000).
 *
 * The pages with no receivable from the highest balance, and with a
 * receivable or with no payable from the lowest, read the balance index
 * from zero on, and the few contacts on the other side of zero from the
 * partial indexes of `balanceSideIndexes`.
 */
export function balancePagePartIndexes(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql.raw(`create index ${notOverdueIndexes.nothingOpen} on contacts (business_id, balance, id)
        where earliest_open_due_on is null`).execute(db);
      await sql.raw(`drop index ${notOverdueIndexes.dueFromToday}`).execute(db);
      await sql.raw(`create index ${notOverdueIndexes.dueFromToday} on contacts
        (business_id, earliest_open_due_on, type, status, receivable, payable, advance, balance, id)`).execute(db);
      const analyzed: string[] = Object.values(notOverdueIndexes);
      for (const { index, sql: condition } of Object.values(balanceSideIndexes)) {
        // The index's condition names columns without the table, as CREATE INDEX requires.
        const where = condition.replaceAll('contacts.', '');
        await sql.raw(`create index ${index} on contacts (business_id, balance, id) where ${where}`).execute(db);
        analyzed.push(index);
      }
      if (engine === 'sqlite') {
        for (const index of analyzed) await sql.raw(`analyze ${index}`).execute(db);
      }
    },
  };
}
