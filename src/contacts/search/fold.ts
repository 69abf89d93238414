/**
 * Text folding for search and sorting: case and accents ignored, ligatures
 * spelled out (œ = oe, ß = ss).
 *
 * Search folds the query in JavaScript (`foldSearchText`, `foldedWords`).
 * Each engine folds the stored contacts in SQL to the same words:
 * PostgreSQL with unaccent and lower() in `comptoir_search_fold`, and SQLite
 * through the table `fold_characters` (filled from `foldCharacterRows`) and
 * then its FTS5 tokenizer.
 * `foldText` and `sqliteFoldSql` are the older fold of sort names, duplicate
 * keys and stored price group keys. They are kept as they are, so that those
 * stored values do not change.
 *
 * NOTE: the search indexes of migrations 0004, 0015 and 0028 are built from
 * these rules. Changing them needs a migration that rebuilds those indexes
 * and the rows of `fold_characters`.
 */

/**
 * Letters that neither Unicode decomposition nor SQLite's unicode61
 * tokenizer turn into plain Latin letters, with their spelling. PostgreSQL's
 * `comptoir_fold` and `sqliteFoldSql` spell them too.
 */
export const letterSpellings: readonly (readonly [string, string])[] = [
  ['œ', 'oe'], ['Œ', 'OE'], ['æ', 'ae'], ['Æ', 'AE'], ['ß', 'ss'], ['ẞ', 'SS'],
  ['ø', 'o'], ['Ø', 'O'], ['ł', 'l'], ['Ł', 'L'], ['đ', 'd'], ['Đ', 'D'],
  ['ð', 'd'], ['Ð', 'D'], ['þ', 'th'], ['Þ', 'TH'], ['ı', 'i'],
];

/**
 * Typographic apostrophes that the name sort reads as ', as PostgreSQL's
 * unaccent rules do, so « D’Angelo » sorts beside « D'Arc » on both engines.
 */
export const sortApostrophes: readonly (readonly [string, string])[] = [['’', "'"], ['ʼ', "'"], ['‘', "'"]];

const spellingOf = new Map(letterSpellings);
const spelledLetters = new RegExp(`[${letterSpellings.map(([letter]) => letter).join('')}]`, 'gu');

const ascii = /^[\x00-\x7f]*$/;

/**
 * Lower-cases `text`, drops its combining marks and spells out its
 * ligatures, for sort keys compared in JavaScript and the stored keys of
 * price and customer group names. Search folds with `foldSearchText`.
 */
export function foldText(text: string): string {
  // ASCII text has no accents or ligatures, so lower-casing is all it needs.
  if (ascii.test(text)) return text.toLowerCase();
  const decomposed = text.replace(spelledLetters, (letter) => spellingOf.get(letter) ?? letter).normalize('NFKD');
  return decomposed.replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Latin letters that Unicode does not decompose but that the unaccent rules
 * of PostgreSQL 15 reduce to plain letters, grouped by those letters: letters
 * with a stroke, hook or bar, small capitals and medieval ligatures. Search
 * folds them alike on both engines, so `hal` and `ħal` both find « Ħal Far ».
 */
const plainLatinLetters: Readonly<Record<string, string>> = {
  a: 'Ⱥᴀᶏẚⱥ', aa: 'Ꜳꜳ', ae: 'ᴁ', ao: 'Ꜵꜵ', au: 'Ꜷꜷ', av: 'ꜸꜹꜺꜻ', ay: 'Ꜽꜽ',
  b: 'ƀƁƂƃɃɓʙᴃᵬᶀ', c: 'ƇƈȻȼɕᴄꞒꞓ', d: 'ƉƊƋƌȡɖɗᴅᴆᵭᶁᶑꝱꝹꝺ', db: 'ȸ', dz: 'ʣʥ',
  e: 'ƐɆɇɛᴇᶒᶓⱸ', f: 'ƑƒᵮᶂꜰꝻꝼ', g: 'ƓǤǥɠɡɢʛᶃꞠꞡ', h: 'ĦħɦɧʜⱧⱨꞪ', hv: 'ƕ',
  i: 'ƖƗɨɪᵻᶖ', j: 'ȷɈɉɟʝᴊ', k: 'ƘƙᴋᶄⱩⱪꝀꝁꝂꝃꝄꝅꞢꞣ', l: 'ĿŀƚȴȽɫɬɭʟᴌᶅⱠⱡⱢꝆꝇꝈꝉꝲ',
  ll: 'Ỻỻ', ls: 'ʪ', lz: 'ʫ', m: 'ɱᴍᵯᶆⱮꝳ', n: 'ŊŋƝƞȵɲɳɴᵰᶇꝴꞐꞑꞤꞥ', o: 'ᴏⱺꝊꝋꝌꝍ',
  oe: 'ɶ', oi: 'Ƣƣ', oo: 'Ꝏꝏ', p: 'ƤƥᴘᵱᵽᶈⱣꝐꝑꝒꝓꝔꝕ', q: 'ĸʠꝖꝗꝘꝙ', qp: 'ȹ',
  r: 'ɌɍɼɽɾʀᵲᵳᶉⱤꝵꝶꞦꞧ', s: 'ȿʂᵴᶊẜẝⱾꜱꞨꞩ', t: 'ŦŧƫƬƭƮȶȾʈᴛᵵⱦꝷꞆꞇ', th: 'ᵺꝤꝥꝦꝧ',
  ts: 'ʦ', u: 'Ʉʉᴜᵾᶙ', ue: 'ᵫ', v: 'ƲʋᴠᶌỼỽⱱⱴꝞꝟ', vy: 'Ꝡꝡ', w: 'ᴡⱲⱳ', x: 'ᶍ',
  y: 'ƳƴɎɏʏỾỿ', z: 'ƵƶȤȥɀʐʑᴢᵶᶎⱫⱬⱿ',
};

/** The letters search spells out: `letterSpellings` and `plainLatinLetters`. */
const searchSpellingOf = new Map<string, string>([
  ...letterSpellings,
  ...Object.entries(plainLatinLetters).flatMap(([plain, letters]) => [...letters].map((letter) => [letter, plain] as const)),
]);
const searchSpelledLetters = new RegExp(`[${[...searchSpellingOf.keys()].join('')}]`, 'gu');

/**
 * Combining marks that search drops: the blocks of combining diacritical
 * marks, which accented Latin, Greek and Cyrillic letters decompose into.
 * Other marks, such as Indic vowel signs or the Japanese voicing marks, are
 * part of their letter and stay.
 */
const diacriticMarks = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/gu;

/** A Cyrillic letter followed by combining diacritical marks, as decomposition writes `й` or `ї`. */
const decomposedCyrillic = /\p{Script=Cyrillic}[\u0300-\u036f]+/gu;

/**
 * Composes a decomposed Cyrillic letter again, so that it stays whole. `й`,
 * `ї`, `ў` or `ќ` is a letter of its own in the languages that write it, not
 * an accented `и`, `і`, `у` or `к`, and PostgreSQL's unaccent keeps it too.
 * `ё` is left decomposed so that it folds to `е`, because Russian often
 * writes it so. A mark that composes with no letter, such as a stress mark,
 * is left decomposed too.
 */
function composeCyrillicLetter(sequence: string): string {
  const composed = sequence.normalize('NFC');
  return composed === 'ё' || composed === 'Ё' ? sequence : composed;
}

/** Thai and Lao SARA AM (ำ, ຳ), which compatibility decomposition splits into a sign and a vowel. */
const decomposedSaraAm = /\u0e4d\u0e32|\u0ecd\u0eb2/gu;

/**
 * Runs of characters between words. A word is made of letters, digits and
 * the marks Unicode counts as alphabetic (vowel signs, Arabic and Hebrew
 * vowel points), which is how `[:alnum:]` splits words on PostgreSQL in a
 * glibc UTF-8 locale. So an Indic virama separates words on every engine.
 */
export const wordSeparators = /[^\p{Alphabetic}\p{N}]+/u;

/**
 * Folds `text` for search: ligatures and plain Latin letters spelled out
 * (`letterSpellings`, `plainLatinLetters`), compatibility characters
 * decomposed (full-width letters, ǆ = dž), diacritic marks dropped, lower
 * case, then composed again so that Hangul syllables and kana with a voicing
 * mark stay whole, and final sigma as σ.
 * Cyrillic letters with a diacritic other than `ё` stay whole (see
 * `composeCyrillicLetter`), and so do Thai and Lao SARA AM.
 */
export function foldSearchText(text: string): string {
  if (ascii.test(text)) return text.toLowerCase();
  // ʼ (U+02BC) is a letter to Unicode, but names use it as an apostrophe, and
  // PostgreSQL's unaccent turns it into ', so it separates words on every engine.
  const decomposed = spellSearchLetters(text.replace(/ʼ/gu, "'"))
    .normalize('NFKD')
    .replace(decomposedCyrillic, composeCyrillicLetter)
    .replace(decomposedSaraAm, (signs) => (signs === '\u0e4d\u0e32' ? '\u0e33' : '\u0eb3'));
  // Spelled again once the marks are gone, for letters such as ǣ (æ with a macron).
  const plain = spellSearchLetters(decomposed.replace(diacriticMarks, ''));
  return plain.toLowerCase().normalize('NFC').replace(/ς/gu, 'σ');
}

function spellSearchLetters(text: string): string {
  return text.replace(searchSpelledLetters, (letter) => searchSpellingOf.get(letter) ?? letter);
}

/**
 * Code points of the Unicode White_Space property: the ASCII spaces and
 * controls (tab to carriage return), U+0085, the no-break spaces, the
 * spaces of U+2000 to U+200A, the line and paragraph separators, and the
 * ideographic space. The SQL of each engine lists them, so that it reads
 * them as JavaScript's `\p{White_Space}` does.
 */
export const whiteSpaceCodePoints: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

/** Returns `text` with each run of white space as one space, and none at either end. */
export function collapseSpaces(text: string): string {
  return text.replace(/\p{White_Space}+/gu, ' ').replace(/^ | $/g, '');
}

/** Splits `text` into its folded words, in order, as the search indexes fold them. */
export function foldedWords(text: string): string[] {
  return foldSearchText(text).split(wordSeparators).filter((word) => word.length > 0);
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
export function accentedLetters(): [string, string][] {
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
