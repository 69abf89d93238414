import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';
import { sqliteIndexedWords } from './0004_contact_search.ts';

/**
 * Search and totals at a million contacts:
 * - SQLite: the word index gets prefix indexes for 1 to 8 characters (was
 *   1 to 3). Emails, codes and card numbers make a distinct term per contact,
 *   so a longer prefix such as `dupont*` otherwise merges thousands of terms
 *   before the first match (about 2 to 10 ms at 1M contacts, against 0.1 ms
 *   with the prefix index, measured with bench/search.bench.ts data).
 * - Both engines: a covering index of the cached figures, so totals over the
 *   type and status filters read the index alone instead of every row.
 */
export function contactSearchTuning(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await rebuildSqliteWordIndex(db);
      await sql.raw(`create index contacts_figures on contacts
        (business_id, type, status, receivable, payable, advance)`).execute(db);
    },
  };
}

async function rebuildSqliteWordIndex(db: Kysely<any>): Promise<void> {
  const words = sqliteIndexedWords('c');
  const statements = [
    'drop table contact_fts',
    `create virtual table contact_fts using fts5(
       names, others,
       content = '', contentless_delete = 1,
       tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3 4 5 6 7 8'
     )`,
    `insert into contact_fts (rowid, names, others)
       select d.doc_id, ${words.names}, ${words.others}
       from contacts c join contact_fts_docs d on d.contact_id = c.id`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
