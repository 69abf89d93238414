import { type Kysely, sql } from 'kysely';
import { sqliteIndexTextSql, sqliteSortFoldSql } from '../../contacts/search/fold-characters.ts';
import { apostrophes } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';
import { quoteIdent, searchedColumns, sqliteDigitsSql } from './0004_contact_search.ts';
import { MAX_WORD_LENGTH, wordColumns, wordListSql } from './0015_contact_words.ts';
import { joinedWordColumns, literal } from './0023_joined_elided_words.ts';
import { sqliteIndexColumns as namesIndexColumns } from './0028_search_every_script.ts';
import { othersIndexText } from './0043_joined_elided_other_words.ts';

/**
 * A loyalty card number is also indexed as one word, without the spaces,
 * dashes and dots that its card key leaves out. So `ABEC123` finds the card
 * `AbÉc 123` by that word, in any case and without its accents, as
 * `ABEC 123` finds it by its two words. The card key itself keeps the
 * accents, because `CARTE-1234` and `CARTÉ-1234` are two cards.
 *
 * The search text cannot do it alone: PostgreSQL's word index keeps no word
 * positions, so the parts of `abec123` could not be required to follow each
 * other in the card.
 *
 * Only the contacts whose card has a space, a dash or a dot are indexed
 * again, since a card without one is already a single word.
 */
export function joinedCardWords(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
      else await postgresUp(db);
    },
  };
}

/** The card number of the row `row` (`new.`, `c.`, or '' for a function's arguments) without spaces, dashes and dots. */
export function joinedCardSql(row: string): string {
  return `replace(replace(replace(coalesce(${row}loyalty_card_number, ''), ' ', ''), '-', ''), '.', '')`;
}

// ---------------------------------------------------------------- SQLite

/** SQLite: the text of the word index's two columns for the contact row `row` (NEW or a table alias). */
export function sqliteIndexColumns(row: string): { names: string; others: string } {
  return {
    names: namesIndexColumns(row).names,
    others: sqliteIndexTextSql(`(${othersIndexText(row)} || ' ' || ${joinedCardSql(`${row}.`)})`),
  };
}

function sqliteIndexRow(row: string): string[] {
  const doc = `(select doc_id from contact_fts_docs where contact_id = ${row}.id)`;
  const columns = sqliteIndexColumns(row);
  return [
    `insert into contact_fts (rowid, names, others) values (${doc}, ${columns.names}, ${columns.others})`,
    `insert into contact_phone_fts (rowid, digits) values (${doc}, ${sqliteDigitsSql(row)})`,
  ];
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const oldDoc = '(select doc_id from contact_fts_docs where contact_id = old.id)';
  const columns = sqliteIndexColumns('c');
  const separated = "(instr(c.loyalty_card_number, ' ') > 0 or instr(c.loyalty_card_number, '-') > 0"
    + " or instr(c.loyalty_card_number, '.') > 0)";
  const statements = [
    'drop trigger contacts_search_insert',
    'drop trigger contacts_search_update',
    `create trigger contacts_search_insert after insert on contacts begin
       insert into contact_fts_docs (contact_id) values (new.id);
       ${sqliteIndexRow('new').join(';\n')};
       update contacts set sort_name = ${sqliteSortFoldSql('new.name')} where rowid = new.rowid;
     end`,
    `create trigger contacts_search_update after update of ${searchedColumns.join(', ')} on contacts begin
       delete from contact_fts where rowid = ${oldDoc};
       delete from contact_phone_fts where rowid = ${oldDoc};
       ${sqliteIndexRow('new').join(';\n')};
     end`,
    `delete from contact_fts where rowid in
       (select d.doc_id from contacts c join contact_fts_docs d on d.contact_id = c.id where ${separated})`,
    `insert into contact_fts (rowid, names, others)
       select d.doc_id, ${columns.names}, ${columns.others}
       from contacts c join contact_fts_docs d on d.contact_id = c.id where ${separated}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// ------------------------------------------------------------ PostgreSQL

/**
 * PostgreSQL: the statement that defines `comptoir_contact_word_list`, as
 * migration 0028 left it, with the card number without separators added.
 */
function wordListFunctionSql(own: string): string {
  const fold = `${own}.comptoir_search_fold`;
  const joined = joinedWordColumns('');
  const marks = literal(apostrophes.join(''));
  return `create or replace function ${own}.comptoir_contact_word_list(
      ${wordColumns.map((column) => `${column} text`).join(', ')}) returns text[]
      language sql immutable parallel safe
      as $$ select array(select distinct word
        from regexp_split_to_table(
          ${fold}(${joined}) || ' ' || ${fold}(translate(${joined}, ${marks}, ''))
            || ' ' || ${fold}(${joinedCardSql('')}),
          '[^[:alnum:]]+') as word
        where word <> '' and length(word) <= ${MAX_WORD_LENGTH}) $$`;
}

async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  await sql.raw(wordListFunctionSql(own)).execute(db);
  const separated = "c.loyalty_card_number ~ '[ .-]'";
  await sql.raw(`delete from ${own}.contact_words where contact_id in (select c.id from ${own}.contacts c where ${separated})`)
    .execute(db);
  await sql.raw(`insert into ${own}.contact_words (business_id, word, contact_id)
    select c.business_id, w.word, c.id
    from ${own}.contacts c cross join lateral unnest(${wordListSql(own, 'c')}) as w(word)
    where ${separated}`).execute(db);
}
