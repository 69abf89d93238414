import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/** Name of the PostgreSQL index on `contact_words (contact_id, word)`. */
export const contactWordCheckIndex = 'contact_words_contact_word';

/**
 * PostgreSQL: replaces the index on `contact_words (contact_id)` with one on
 * `(contact_id, word)`. A list sorted by name, code, balance or a date with
 * a search text that many contacts match walks the sort's index and checks
 * each row for every search word (see contacts/search/sorted-search.ts).
 * The new index answers each check from the index alone, where the old one
 * fetched every word row of the contact from the table. It still serves the
 * triggers' deletes by contact, which use its first column.
 * SQLite keeps its FTS5 tables, which this change does not touch.
 */
export function contactWordChecks(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine !== 'postgres') return;
      await sql.raw(`create index ${contactWordCheckIndex} on contact_words (contact_id, word)`).execute(db);
      await sql.raw('drop index contact_words_contact').execute(db);
    },
  };
}
