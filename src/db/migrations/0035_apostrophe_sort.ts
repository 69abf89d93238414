import { type Kysely, sql } from 'kysely';
import { foldCharacterRows } from '../../contacts/search/fold-characters.ts';
import { sortApostrophes } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';

/**
 * SQLite: the name sort reads the typographic apostrophes ’, ʼ and ‘ as ',
 * as PostgreSQL's unaccent already makes them. Before, SQLite kept them, and
 * since they come after every letter, « Hélène D’Angelo » sorted after
 * « Hélène Dupont » and far from « Hélène D'Arc ». The rows of
 * `fold_characters` for them get ' as their sort text, and the sort name and
 * duplicate name key of every contact whose name or city has one are written
 * again. PostgreSQL needs nothing.
 */
export function apostropheSort(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
    },
  };
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const marks = new Set(sortApostrophes.map(([mark]) => mark));
  for (const row of foldCharacterRows().filter((candidate) => marks.has(candidate.character))) {
    await db
      .insertInto('fold_characters')
      .values(row)
      .onConflict((conflict) => conflict.column('character').doUpdateSet({ sort_text: row.sort_text }))
      .execute();
  }
  // Setting the name and kind to themselves runs the triggers that fold the
  // sort name, drop its title and write the duplicate name key, which reads ‘ as ' now too.
  const withMark = [...marks].flatMap((mark) => [`instr(name, '${mark}') > 0`, `instr(city, '${mark}') > 0`]).join(' or ');
  await sql.raw(`update contacts set name = name, kind = kind where ${withMark}`).execute(db);
}
