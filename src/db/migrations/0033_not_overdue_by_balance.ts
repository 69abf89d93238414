import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * The indexes of the two parts of the filter "not overdue": the contacts
 * with nothing open, and those whose earliest open due date is today or
 * later. Each is the condition the part writes, without the table name.
 */
export const notOverdueIndexes = {
  nothingOpen: {
    name: 'contacts_nothing_open_by_balance',
    sql: 'create index contacts_nothing_open_by_balance on contacts (business_id, balance, id) where earliest_open_due_on is null',
  },
  dueFromToday: {
    name: 'contacts_open_due_by_balance',
    sql: `create index contacts_open_due_by_balance on contacts (business_id, earliest_open_due_on, balance, id)
      where earliest_open_due_on is not null`,
  },
} as const;

/**
 * Indexes for a page of the contacts that are not overdue, sorted by
 * balance. Overdue contacts have the largest balances, owed to the shop or
 * by it, so that page read the balance index past every one of them before
 * it found a contact to show: about a second at 1,000,000 contacts of which
 * 700,000 are overdue, on either engine.
 *
 * No index can hold "due today or later", because today changes. So the page
 * reads its two parts apart and merges them: the contacts with nothing open
 * from a partial index in balance order, and those due from today on from a
 * range of due dates that holds each balance, so that the engine sorts that
 * range from the index alone.
 */
export function notOverdueByBalance(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      for (const index of Object.values(notOverdueIndexes)) {
        await sql.raw(index.sql).execute(db);
        if (engine === 'sqlite') await sql.raw(`analyze ${index.name}`).execute(db);
      }
    },
  };
}
