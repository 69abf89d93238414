import { type Kysely, sql } from 'kysely';
import { foldCharacterRows, sqliteIndexTextSql, sqliteSortFoldSql, wordIndexTokenizer } from '../../contacts/search/fold-characters.ts';
import { apostrophes } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';
import { nameColumns, otherColumns, quoteIdent, searchedColumns, sqliteDigitsSql } from './0004_contact_search.ts';
import { wordListSql } from './0015_contact_words.ts';
import { hasApostropheSql, joinedWordColumns, literal, wordListFunctionSql } from './0023_joined_elided_words.ts';

/**
 * Search ignores case and accents in every script, alike on both engines.
 *
 * SQLite's unicode61 tokenizer kept `ё`, Greek accents, `ǆ` and full-width
 * letters while the search words were folded, and split Indic, Thai, Arabic
 * and Hebrew words at their vowel signs, so such names matched no search.
 * The table `fold_characters` now lists what each fold makes of every
 * character it changes, the word index is filled with its stored text
 * folded through that table, and the tokenizer keeps marks in words. The
 * word index is built again for every contact, because its tokenizer
 * changes.
 *
 * PostgreSQL's words were already folded by unaccent. They now also fold a
 * final sigma (ς) as σ, as lower() folds a capital Σ, so the contacts with
 * a ς get their words again.
 *
 * The search text fold (`foldSearchText`) changed with them: it now keeps
 * vowel signs, Hangul syllables, kana with a voicing mark and the Cyrillic
 * letters other than ё whole, as PostgreSQL's words keep them.
 */
export function searchEveryScript(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
      else await postgresUp(db);
    },
  };
}

// ---------------------------------------------------------------- SQLite

/** Fills `fold_characters`, which must exist and be empty. */
export async function fillFoldCharacters(db: Kysely<any>): Promise<void> {
  const rows = foldCharacterRows();
  // 4 values a row keeps each statement under SQLite's 32,766 bound parameters.
  for (let start = 0; start < rows.length; start += 2000) {
    await db.insertInto('fold_characters').values(rows.slice(start, start + 2000)).execute();
  }
}

function joined(row: string, columns: string[]): string {
  return columns.map((column) => `coalesce(${row}.${column}, '')`).join(` || ' ' || `);
}

/**
 * SQLite: the text of the word index's two columns for the contact row `row`
 * (NEW or a table alias). Names with an apostrophe are indexed a second
 * time without it, so that `lhote` finds « L'Hôte ».
 */
export function sqliteIndexColumns(row: string): { names: string; others: string } {
  const names = joined(row, nameColumns);
  const withoutApostrophes = apostrophes.reduce((expression, mark) => `replace(${expression}, ${literal(mark)}, '')`, names);
  return {
    names: sqliteIndexTextSql(`(${names} || case when ${hasApostropheSql(names, 'instr')}
      then ' ' || ${withoutApostrophes} else '' end)`),
    others: sqliteIndexTextSql(`(${joined(row, otherColumns)} || ' ' || replace(coalesce(${row}.mobile_e164, ''), '+', ''))`),
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
  await sql.raw(`create table fold_characters (
      character text primary key,
      search_text text not null,
      index_text text not null,
      sort_text text not null
    ) without rowid`).execute(db);
  await fillFoldCharacters(db);

  const oldDoc = '(select doc_id from contact_fts_docs where contact_id = old.id)';
  const columns = sqliteIndexColumns('c');
  const statements = [
    'drop trigger contacts_search_insert',
    'drop trigger contacts_search_update',
    'drop table contact_fts',
    `create virtual table contact_fts using fts5(
       names, others,
       content = '', contentless_delete = 1,
       tokenize = "${wordIndexTokenizer}", prefix = '1 2 3 4 5 6 7 8'
     )`,
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
    `insert into contact_fts (rowid, names, others)
       select d.doc_id, ${columns.names}, ${columns.others}
       from contacts c join contact_fts_docs d on d.contact_id = c.id`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// ------------------------------------------------------------ PostgreSQL

/**
 * PostgreSQL: `comptoir_search_fold` folds the words and the custom field
 * values as `comptoir_fold` does, with a final sigma as σ.
 * NOTE: unaccent does not decompose most compatibility characters (㈱,
 * Arabic presentation forms), as the search text folding does, so
 * PostgreSQL finds a word written with one only by its other words.
 */
async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  await sql.raw(`create or replace function ${own}.comptoir_search_fold(value text) returns text
      language sql immutable strict parallel safe
      as $$ select replace(${own}.comptoir_fold(value), 'ς', 'σ') $$`).execute(db);
  await sql.raw(wordListFunctionSql(own, `${own}.comptoir_search_fold`)).execute(db);
  const finalSigma = `strpos(${joinedWordColumns('c.')}, 'ς') > 0`;
  await sql.raw(`delete from ${own}.contact_words where contact_id in (select c.id from ${own}.contacts c where ${finalSigma})`)
    .execute(db);
  await sql.raw(`insert into ${own}.contact_words (business_id, word, contact_id)
    select c.business_id, w.word, c.id
    from ${own}.contacts c cross join lateral unnest(${wordListSql(own, 'c')}) as w(word)
    where ${finalSigma}`).execute(db);
}
