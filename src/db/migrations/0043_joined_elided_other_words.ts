import { type Kysely, sql } from 'kysely';
import { sqliteIndexTextSql, sqliteSortFoldSql } from '../../contacts/search/fold-characters.ts';
import { apostrophes } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';
import { otherColumns, searchedColumns, sqliteDigitsSql } from './0004_contact_search.ts';
import { hasApostropheSql, literal } from './0023_joined_elided_words.ts';
import { sqliteIndexColumns as namesIndexColumns } from './0028_search_every_script.ts';

/**
 * SQLite: the text with an apostrophe of every searched column, not only of
 * the names, is also indexed without it, so that `lisle adam` finds a
 * contact whose city is « L’Isle-Adam ». PostgreSQL's word list already
 * takes the apostrophes out of every column (migration 0023), so it needs
 * nothing. The FTS triggers are created again with the new others column,
 * and only the contacts with an apostrophe in one of those columns are
 * indexed again.
 */
export function joinedElidedOtherWords(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
    },
  };
}

/** SQLite: the text of the columns other than the names of the contact row `row`, joined by spaces. */
function othersText(row: string): string {
  return [
    ...otherColumns.map((column) => `coalesce(${row}.${column}, '')`),
    `replace(coalesce(${row}.mobile_e164, ''), '+', '')`,
  ].join(` || ' ' || `);
}

/**
 * SQLite: the text of the word index's others column for the contact row
 * `row`, before it is folded. Text with an apostrophe is there a second
 * time without it.
 */
export function othersIndexText(row: string): string {
  const others = othersText(row);
  const withoutApostrophes = apostrophes.reduce((expression, mark) => `replace(${expression}, ${literal(mark)}, '')`, others);
  return `(${others} || case when ${hasApostropheSql(others, 'instr')}
      then ' ' || ${withoutApostrophes} else '' end)`;
}

/**
 * SQLite: the text of the word index's two columns for the contact row
 * `row` (NEW or a table alias). Text with an apostrophe is indexed a second
 * time without it, in both columns.
 */
export function sqliteIndexColumns(row: string): { names: string; others: string } {
  return {
    names: namesIndexColumns(row).names,
    others: sqliteIndexTextSql(othersIndexText(row)),
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
  const elided = hasApostropheSql(othersText('c'), 'instr');
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
       (select d.doc_id from contacts c join contact_fts_docs d on d.contact_id = c.id where ${elided})`,
    `insert into contact_fts (rowid, names, others)
       select d.doc_id, ${columns.names}, ${columns.others}
       from contacts c join contact_fts_docs d on d.contact_id = c.id where ${elided}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
