/**
 * SQLite: stored text folded in SQL as search folds the query in JavaScript.
 * The table `fold_characters` (migration 0028) lists every character that a
 * fold changes, with what each fold makes of it, and a recursive CTE replaces
 * the characters of a text one by one. Triggers hold this plain SQL, so any
 * SQLite client that writes a contact keeps the search index up to date
 * without an application-defined function.
 *
 * NOTE: the replacement is per character, so it folds text as
 * `foldSearchText` does only when the text is in NFC, as the API and the
 * imports write it. Decomposed text, and half-width katakana followed by a
 * voicing mark (ｶﾞ), which composition joins into one letter, can fold
 * otherwise.
 */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  accentedLetters,
  foldSearchText,
  letterSpellings,
  sortApostrophes,
  whiteSpaceCodePoints,
  wordSeparators,
} from './fold.ts';

/** A row of `fold_characters`. */
export interface FoldCharacterRow {
  character: string;
  /** `foldSearchText` of the character. */
  search_text: string;
  /** `search_text` with anything that separates words as a space, for the FTS5 tokenizer. */
  index_text: string;
  /** The character as `sqliteFoldSql` replaces it, before lower(). */
  sort_text: string;
}

export type FoldColumn = 'search_text' | 'index_text' | 'sort_text';

/**
 * The tokenizer of the SQLite word index. Marks count as word characters
 * (`M*`), so that vowel signs stay in their word. The marks that separate
 * words for search, such as a virama, become spaces through `index_text`.
 */
export const wordIndexTokenizer = "unicode61 remove_diacritics 2 categories 'L* N* M*'";

/** Unassigned, private-use and surrogate code points, which no fold changes and no name holds. */
const unlisted = /[\p{Cn}\p{Co}\p{Cs}]/u;

/**
 * Lists the rows of `fold_characters`: every assigned character above ASCII
 * that one of the folds changes. Every character that separates words gets
 * a row too, with a space as its `index_text`, because unicode61 takes the
 * characters its Unicode tables do not know (such as symbols added since)
 * for parts of words.
 * NOTE: the rows follow the Unicode data of the Node.js that runs the
 * migration. A character that a later Unicode version assigns has no row
 * until a migration writes the rows again.
 */
export function foldCharacterRows(): FoldCharacterRow[] {
  const sortSpellings = new Map<string, string>([...letterSpellings, ...accentedLetters(), ...sortApostrophes]);
  const rows: FoldCharacterRow[] = [];
  for (let code = 0x80; code <= 0x10ffff; code += 1) {
    const character = String.fromCodePoint(code);
    if (unlisted.test(character)) continue;
    const search = foldSearchText(character);
    const index = search.split(wordSeparators).join(' ');
    const sort = sortSpellings.get(character) ?? character;
    if (search !== character || index !== character || sort !== character) {
      rows.push({ character, search_text: search, index_text: index, sort_text: sort });
    }
  }
  return rows;
}

/**
 * SQL of the recursive CTE `step(position, folded, source)` that replaces
 * the characters of `expression` one by one: each by its `column` in
 * `fold_characters`, or else by its lower case (which SQLite's lower() gives
 * for ASCII letters only). The row with `position > length(source)`
 * contains the whole folded text. `proceed`, when given, is a further
 * condition on each step, which can end the replacement early.
 */
function replacementSteps(expression: string, column: FoldColumn, proceed = ''): string {
  return `with recursive step(position, folded, source) as (
      select 1, '', ${expression}
      union all
      select position + 1,
        folded || coalesce((select ${column} from fold_characters where character = substr(source, position, 1)),
          lower(substr(source, position, 1))),
        source
      from step where position <= length(source)${proceed ? ` and ${proceed}` : ''}
    )`;
}

/** SQL of `expression` with its characters replaced by their `column`, or NULL for a NULL expression. */
function replaceCharactersSql(expression: string, column: FoldColumn): string {
  return `(${replacementSteps(expression, column)} select folded from step where position > length(source))`;
}

/** Writes `characters` as the ranges of a GLOB bracket expression (`À-ÖØ-ö`). */
function globRanges(characters: string[]): string {
  const codes = [...new Set(characters.map((character) => character.codePointAt(0) as number))].sort((a, b) => a - b);
  let body = '';
  for (let i = 0; i < codes.length; i += 1) {
    const start = codes[i] as number;
    while (i + 1 < codes.length && codes[i + 1] === (codes[i] as number) + 1) i += 1;
    const end = codes[i] as number;
    body += end === start ? String.fromCodePoint(start) : `${String.fromCodePoint(start)}-${String.fromCodePoint(end)}`;
  }
  return body;
}

/**
 * GLOB pattern of text with a character that the FTS5 tokenizer does not
 * fold as search does. Printable ASCII and the accented Latin letters of
 * `accentedLetters`, whose accents unicode61 removes, need no replacement,
 * so most European names skip it.
 */
const needsIndexFold = `*[^ -~${globRanges(accentedLetters().map(([letter]) => letter))}]*`;

/** SQLite SQL of the text the word index tokenizes for the text `expression`. */
export function sqliteIndexTextSql(expression: string): string {
  return `case when ${expression} glob '${needsIndexFold}' then ${replaceCharactersSql(expression, 'index_text')}
    else ${expression} end`;
}

/**
 * SQLite SQL folding `expression` as `sqliteFoldSql` does, for sort names and
 * duplicate keys, without its 182 nested replace() calls. Older SQLite
 * versions cannot parse so deep an expression, and so cannot open a
 * database whose triggers hold one: the sqlite3 shell of Debian 12 (SQLite
 * 3.40.1) stops between 30 and 40 nested calls.
 */
export function sqliteSortFoldSql(expression: string): string {
  return `lower(case when ${expression} glob '*[^ -~]*' then ${replaceCharactersSql(expression, 'sort_text')}
    else ${expression} end)`;
}

/** Stands for the bound value in `sqliteSpacedSearchTextIsSql` until the SQL is split around it. */
const foldedValue = ':folded_value';

/** SQLite SQL of the characters of `whiteSpaceCodePoints`, as one text. */
const whiteSpaceText = `char(${whiteSpaceCodePoints.join(', ')})`;

/**
 * SQLite condition that `expression`, folded by `foldSearchText` and then by
 * `collapseSpaces`, equals `folded`. Each step appends the fold of one
 * character, a white space character as a space, and turns the two spaces
 * this can leave at the end into one. The steps stop at the first
 * character where the text folded so far, without spaces at its ends, stops
 * matching, so a different text costs a step or two.
 */
export function sqliteSpacedSearchTextIsSql(expression: string, folded: string): RawBuilder<SqlBool> {
  const character = 'substr(source, position, 1)';
  const trimmed = "trim(folded, ' ')";
  const steps = `with recursive step(position, folded, source) as (
      select 1, '', ${expression}
      union all
      select position + 1,
        replace(folded || case when instr(${whiteSpaceText}, ${character}) > 0 then ' '
          else coalesce((select search_text from fold_characters where character = ${character}), lower(${character})) end,
          '  ', ' '),
        source
      from step where position <= length(source) and ${trimmed} = substr(${foldedValue}, 1, length(${trimmed}))
    )`;
  const [before, after] = steps.split(foldedValue) as [string, string];
  return sql<SqlBool>`exists (${sql.raw(before)}${folded}${sql.raw(after)}
    select 1 from step where position > length(source) and ${sql.raw(trimmed)} = ${folded})`;
}
