import { type Kysely, sql } from 'kysely';
import { apostrophes, spellLettersSql, sqliteFoldSql } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';
import {
  nameColumns,
  quoteIdent,
  searchedColumns,
  sqliteDigitsSql,
  sqliteIndexedWords,
  sqliteJoined,
} from './0004_contact_search.ts';
import { MAX_WORD_LENGTH, wordColumns, wordListSql } from './0015_contact_words.ts';

/**
 * Finds a name written with an apostrophe when it is typed without one:
 * `lhote` finds « L'Hôte » and `dangelo` finds « D’Angelo ». Text with an
 * apostrophe (', ’ or ʼ) is indexed a second time without it, so the joined
 * word sits in the word index beside its parts. Text without one is indexed
 * as before. On SQLite the FTS triggers are created again with the new
 * names column; on PostgreSQL the word list function changes. Only the
 * contacts with an apostrophe are indexed again.
 */
export function joinedElidedWords(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
      else await postgresUp(db);
    },
  };
}

/** SQL string literal of one character. */
export function literal(character: string): string {
  return `'${character.replaceAll("'", "''")}'`;
}

/** SQL that is true when `expression` holds an apostrophe. */
export function hasApostropheSql(expression: string, find: 'instr' | 'strpos'): string {
  return `(${apostrophes.map((mark) => `${find}(${expression}, ${literal(mark)}) > 0`).join(' or ')})`;
}

// ---------------------------------------------------------------- SQLite

/** SQLite: the word index's names column for the row `row`, with the joined words of elided names. */
function sqliteNamesSql(row: string): string {
  const joined = nameColumns.map((column) => `coalesce(${row}.${column}, '')`).join(` || ' ' || `);
  const withoutApostrophes = apostrophes.reduce((expression, mark) => `replace(${expression}, ${literal(mark)}, '')`, joined);
  return `${sqliteJoined(row, nameColumns)} || case when ${hasApostropheSql(joined, 'instr')}
    then ' ' || ${spellLettersSql(withoutApostrophes)} else '' end`;
}

function sqliteIndexRow(row: string): string[] {
  const doc = `(select doc_id from contact_fts_docs where contact_id = ${row}.id)`;
  return [
    `insert into contact_fts (rowid, names, others) values (${doc}, ${sqliteNamesSql(row)}, ${sqliteIndexedWords(row).others})`,
    `insert into contact_phone_fts (rowid, digits) values (${doc}, ${sqliteDigitsSql(row)})`,
  ];
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const oldDoc = '(select doc_id from contact_fts_docs where contact_id = old.id)';
  const elided = hasApostropheSql(nameColumns.map((column) => `coalesce(c.${column}, '')`).join(` || ' ' || `), 'instr');
  const statements = [
    'drop trigger contacts_search_insert',
    'drop trigger contacts_search_update',
    `create trigger contacts_search_insert after insert on contacts begin
       insert into contact_fts_docs (contact_id) values (new.id);
       ${sqliteIndexRow('new').join(';\n')};
       update contacts set sort_name = ${sqliteFoldSql('new.name')} where rowid = new.rowid;
     end`,
    `create trigger contacts_search_update after update of ${searchedColumns.join(', ')} on contacts begin
       delete from contact_fts where rowid = ${oldDoc};
       delete from contact_phone_fts where rowid = ${oldDoc};
       ${sqliteIndexRow('new').join(';\n')};
     end`,
    `delete from contact_fts where rowid in
       (select d.doc_id from contacts c join contact_fts_docs d on d.contact_id = c.id where ${elided})`,
    `insert into contact_fts (rowid, names, others)
       select d.doc_id, ${sqliteNamesSql('c')}, ${sqliteIndexedWords('c').others}
       from contacts c join contact_fts_docs d on d.contact_id = c.id where ${elided}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// ------------------------------------------------------------ PostgreSQL

/**
 * PostgreSQL: the statement that defines `comptoir_contact_word_list`, whose
 * words are folded by the function `fold` (schema-qualified), for text with
 * and without its apostrophes.
 */
export function wordListFunctionSql(own: string, fold: string): string {
  const joined = joinedWordColumns('');
  const marks = literal(apostrophes.join(''));
  return `create or replace function ${own}.comptoir_contact_word_list(
      ${wordColumns.map((column) => `${column} text`).join(', ')}) returns text[]
      language sql immutable parallel safe
      as $$ select array(select distinct word
        from regexp_split_to_table(
          ${fold}(${joined}) || ' ' || ${fold}(translate(${joined}, ${marks}, '')),
          '[^[:alnum:]]+') as word
        where word <> '' and length(word) <= ${MAX_WORD_LENGTH}) $$`;
}

/** The word columns of the row `row` (`c.`, or '' for the function's arguments) joined by spaces. */
export function joinedWordColumns(row: string): string {
  return [
    ...wordColumns.slice(0, -1).map((column) => `coalesce(${row}${column}, '')`),
    `replace(coalesce(${row}mobile_e164, ''), '+', '')`,
  ].join(` || ' ' || `);
}

async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  await sql.raw(wordListFunctionSql(own, `${own}.comptoir_fold`)).execute(db);
  const elided = hasApostropheSql(joinedWordColumns('c.'), 'strpos');
  await sql.raw(`delete from ${own}.contact_words where contact_id in (select c.id from ${own}.contacts c where ${elided})`).execute(db);
  await sql.raw(`insert into ${own}.contact_words (business_id, word, contact_id)
    select c.business_id, w.word, c.id
    from ${own}.contacts c cross join lateral unnest(${wordListSql(own, 'c')}) as w(word)
    where ${elided}`).execute(db);
}
