import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';
import { nameColumns, otherColumns, quoteIdent } from './0004_contact_search.ts';

/**
 * PostgreSQL: a B-tree word index for contact search, in place of the GIN
 * index over `comptoir_contact_words(...)`. A GIN index answers a prefix
 * such as `mar` with a bitmap of every matching contact before LIMIT
 * applies: 132,541 rows and about 230 ms at 1,000,000 contacts, measured
 * with bench/search.bench.ts on a loaded machine. The table `contact_words`
 * holds each contact's distinct folded words, one row each. Its index on
 * (business_id, word, contact_id) reads a prefix as the range
 * `word >= 'mar' and word < 'mas'` in word order, so a search stops after
 * the rows it needs. Triggers on `contacts` keep the table, so every path
 * that writes a contact (create, update, import, merge, anonymise, delete)
 * keeps it too.
 *
 * The words come from the columns the GIN index read (names, code, email,
 * tax number, card, city and mobile digits), folded by `comptoir_fold` and
 * split on anything that is not a letter or a digit, as for that index.
 * SQLite keeps its FTS5 tables, whose prefix indexes already stop early.
 */
export function contactWords(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine !== 'postgres') return;
      const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
      await createWordFunctions(db, own);
      await sql.raw(`create table ${own}.contact_words (
          business_id text not null,
          word text collate "C" not null,
          contact_id text not null
        )`).execute(db);
      await fillContactWords(db);
      await createContactWordIndexes(db);
      await createWordTriggers(db, own);
      await sql.raw('drop index if exists contacts_search_words').execute(db);
      await sql.raw(`drop function if exists ${own}.comptoir_contact_words(${wordColumns.map(() => 'text').join(', ')})`).execute(db);
      await sql.raw('analyze contact_words').execute(db);
    },
  };
}

/** Contact columns the words come from, in the order `comptoir_contact_word_list` takes them. */
export const wordColumns = [...nameColumns, ...otherColumns, 'mobile_e164'];

/**
 * Longest word kept, in characters, which keeps index rows far below the
 * B-tree row limit of about 2,700 bytes. The fields the words come from hold
 * at most 254 characters (email), so only a word that folding lengthens
 * (each œ becomes oe) can pass it and be left out.
 */
export const MAX_WORD_LENGTH = 255;

/** `comptoir_contact_word_list(...)` over the word columns of the row `row` (`new` or a table alias). */
export function wordListSql(own: string, row: string): string {
  return `${own}.comptoir_contact_word_list(${wordColumns.map((column) => `${row}.${column}`).join(', ')})`;
}

async function createWordFunctions(db: Kysely<any>, own: string): Promise<void> {
  const joined = [
    ...wordColumns.slice(0, -1).map((column) => `coalesce(${column}, '')`),
    "replace(coalesce(mobile_e164, ''), '+', '')",
  ].join(` || ' ' || `);
  await sql.raw(`create or replace function ${own}.comptoir_contact_word_list(
      ${wordColumns.map((column) => `${column} text`).join(', ')}) returns text[]
      language sql immutable parallel safe
      as $$ select array(select distinct word
        from regexp_split_to_table(${own}.comptoir_fold(${joined}), '[^[:alnum:]]+') as word
        where word <> '' and length(word) <= ${MAX_WORD_LENGTH}) $$`).execute(db);
}

/** Fills `contact_words` from every contact; the table must be empty. */
export async function fillContactWords(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  await sql.raw(fillContactWordsSql(own)).execute(db);
}

/** The statement of `fillContactWords`, for the benchmark generator's own connection. */
export function fillContactWordsSql(own: string): string {
  return `insert into ${own}.contact_words (business_id, word, contact_id)
    select c.business_id, w.word, c.id
    from ${own}.contacts c cross join lateral unnest(${wordListSql(own, 'c')}) as w(word)`;
}

/** Names of the triggers that keep `contact_words`. */
export const contactWordTriggers = ['contacts_words_insert', 'contacts_words_update', 'contacts_words_delete'];

/**
 * The prefix index reads a search word's range in word order, with the
 * contact id in the index so that the read needs no table rows. The contact
 * index serves the triggers' deletes and the checks of a search's other
 * words. It stays small because PostgreSQL stores a repeated key once.
 */
export async function createContactWordIndexes(db: Kysely<any>): Promise<void> {
  await sql.raw('create index contact_words_prefix on contact_words (business_id, word, contact_id)').execute(db);
  await sql.raw('create index contact_words_contact on contact_words (contact_id)').execute(db);
}

async function createWordTriggers(db: Kysely<any>, own: string): Promise<void> {
  const changed = (row: string) => `(${wordColumns.map((column) => `${row}.${column}`).join(', ')})`;
  const statements = [
    `create or replace function ${own}.comptoir_contact_words_sync() returns trigger language plpgsql as $$
     begin
       if tg_op <> 'INSERT' then
         delete from ${own}.contact_words where contact_id = old.id;
       end if;
       if tg_op <> 'DELETE' then
         insert into ${own}.contact_words (business_id, word, contact_id)
           select new.business_id, word, new.id from unnest(${wordListSql(own, 'new')}) as word;
       end if;
       return null;
     end $$`,
    `create trigger contacts_words_insert after insert on contacts
       for each row execute function ${own}.comptoir_contact_words_sync()`,
    `create trigger contacts_words_update after update of ${wordColumns.join(', ')} on contacts
       for each row when (${changed('old')} is distinct from ${changed('new')})
       execute function ${own}.comptoir_contact_words_sync()`,
    `create trigger contacts_words_delete after delete on contacts
       for each row execute function ${own}.comptoir_contact_words_sync()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
