/**
 * Text folding for search and sorting: case and accents ignored, ligatures
 * spelled out (œ = oe, ß = ss), words split on anything that is not a letter
 * or a digit. The same rules run in JavaScript on the query and in SQL on the
 * stored contacts, so both sides of a comparison are folded alike.
 *
 * NOTE: the search indexes of migration 0004 are built from these rules;
 * changing them needs a migration that rebuilds those indexes.
 */

/**
 * Letters that neither Unicode decomposition nor SQLite's unicode61
 * tokenizer turn into plain Latin letters, with their spelling.
 * TODO: `foldText` strips every combining mark and decomposes compatibility
 * characters, but SQLite's unicode61 keeps Cyrillic and Greek accents and
 * `Ǆ`. So on SQLite a stored name with `ё`, `ά` or `Ǆ` matches no search.
 */
export const letterSpellings: readonly (readonly [string, string])[] = [
  ['œ', 'oe'], ['Œ', 'OE'], ['æ', 'ae'], ['Æ', 'AE'], ['ß', 'ss'], ['ẞ', 'SS'],
  ['ø', 'o'], ['Ø', 'O'], ['ł', 'l'], ['Ł', 'L'], ['đ', 'd'], ['Đ', 'D'],
  ['ð', 'd'], ['Ð', 'D'], ['þ', 'th'], ['Þ', 'TH'], ['ı', 'i'],
];

const spellingOf = new Map(letterSpellings);
const spelledLetters = new RegExp(`[${letterSpellings.map(([letter]) => letter).join('')}]`, 'gu');

const ascii = /^[\x00-\x7f]*$/;

/** Lower-cases `text`, drops its accents and spells out its ligatures. */
export function foldText(text: string): string {
  return fold(text, false);
}

/** `и` or `И` followed by a combining breve: `й` and `Й` once decomposed. */
const decomposedShortI = /([иИ])\u0306/gu;

/**
 * Folds `text` like `foldText`. With `keepShortI`, `й` stays a letter of its
 * own, as both engines' search indexes keep it, because it is not an
 * accented `и` in the languages that write it.
 */
function fold(text: string, keepShortI: boolean): string {
  // ASCII text has no accents or ligatures, so lower-casing is all it needs.
  if (ascii.test(text)) return text.toLowerCase();
  let decomposed = text.replace(spelledLetters, (letter) => spellingOf.get(letter) ?? letter).normalize('NFKD');
  if (keepShortI) decomposed = decomposed.replace(decomposedShortI, (_, base: string) => (base === 'и' ? 'й' : 'Й'));
  return decomposed.replace(/\p{M}+/gu, '').toLowerCase();
}

/** Splits `text` into its folded words, in order, as the search indexes fold them. */
export function foldedWords(text: string): string[] {
  return fold(text, true).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
}

/** Apostrophes that join an elided word to the next one, as in « L'Hôte » or « D’Angelo ». */
export const apostrophes = ["'", '’', 'ʼ'] as const;
const apostrophe = /['’ʼ]/u;
const allApostrophes = /['’ʼ]/gu;

/**
 * Splits `text` into the folded words the search index keeps for it: its
 * words, and for text with an apostrophe also the words of the text without
 * it, so that « L'Hôte » gives `l`, `hote` and `lhote`.
 */
export function indexedWords(text: string): string[] {
  const words = foldedWords(text);
  if (!apostrophe.test(text)) return words;
  return [...new Set([...words, ...foldedWords(text.replace(allApostrophes, ''))])];
}

/** `expression` wrapped in one SQL `replace()` per pair, innermost first. */
function nestedReplace(expression: string, pairs: readonly (readonly [string, string])[]): string {
  let sql = expression;
  for (const [from, to] of pairs) sql = `replace(${sql}, '${from}', '${to}')`;
  return sql;
}

/**
 * SQL spelling out the ligatures of `expression`, for text that SQLite's
 * unicode61 tokenizer then lower-cases and strips of accents.
 */
export function spellLettersSql(expression: string): string {
  return nestedReplace(expression, letterSpellings);
}

/**
 * Accented Latin letters (Latin-1, Latin Extended-A, and Romanian ș ț) with
 * their base letter, from Unicode decomposition.
 */
function accentedLetters(): [string, string][] {
  const pairs: [string, string][] = [];
  const ranges: [number, number][] = [[0xc0, 0x17f], [0x218, 0x21b]];
  for (const [start, end] of ranges) {
    for (let code = start; code <= end; code += 1) {
      const letter = String.fromCharCode(code);
      const base = letter.normalize('NFD').replace(/\p{M}+/gu, '');
      if (base !== letter && /^[A-Za-z]$/.test(base)) pairs.push([letter, base]);
    }
  }
  return pairs;
}

/**
 * SQLite SQL folding `expression` like `foldText` for European names, for
 * sort keys: SQLite has no accent removal and its lower() changes ASCII letters only.
 */
export function sqliteFoldSql(expression: string): string {
  return `lower(${nestedReplace(spellLettersSql(expression), accentedLetters())})`;
}
