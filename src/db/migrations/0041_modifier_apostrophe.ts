import { type Kysely, sql } from 'kysely';
import { foldCharacterRows } from '../../contacts/search/fold-characters.ts';
import type { Engine } from '../database.ts';
import { searchedColumns } from './0004_contact_search.ts';

/** The modifier letter apostrophe, U+02BC. */
const modifierLetterApostrophe = 'ʼ';

/**
 * SQLite: search reads ʼ (U+02BC) as an apostrophe that separates words, as
 * PostgreSQL's unaccent already makes it. Before, the SQLite word index kept
 * it inside its word, so « Oʼbrienne » was not found by `brienne`. The row of
 * `fold_characters` for it gets ' as its search text and a space as its
 * index text. Then every contact with one in a searched column is indexed
 * again. PostgreSQL needs nothing.
 */
export function modifierApostrophe(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
    },
  };
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const row = foldCharacterRows().find((candidate) => candidate.character === modifierLetterApostrophe);
  if (!row) throw new Error('fold_characters has no row for the modifier letter apostrophe');
  await db
    .insertInto('fold_characters')
    .values(row)
    .onConflict((conflict) => conflict.column('character').doUpdateSet({ search_text: row.search_text, index_text: row.index_text }))
    .execute();
  // Setting a searched column to itself runs the trigger that writes the contact's search entries again.
  const withMark = searchedColumns.map((column) => `instr(${column}, '${modifierLetterApostrophe}') > 0`).join(' or ');
  await sql.raw(`update contacts set first_name = first_name where ${withMark}`).execute(db);
}
