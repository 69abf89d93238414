/**
 * The SQLite word index folds every character as search folds the query in
 * JavaScript, and keeps every word PostgreSQL's index keeps, so SQLite finds
 * whatever PostgreSQL finds. Each character is checked inside a word
 * (`x` + character + `x`), so that separators and marks show too.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteIndexTextSql, sqliteSortFoldSql, wordIndexTokenizer } from '../../src/contacts/search/fold-characters.ts';
import { foldedWords, sortApostrophes, sqliteFoldSql } from '../../src/contacts/search/fold.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

/** Every assigned code point above ASCII, except private use. */
const codePoints: number[] = [];
for (let code = 0x80; code <= 0x10ffff; code += 1) {
  if (!/[\p{Cn}\p{Co}\p{Cs}]/u.test(String.fromCodePoint(code))) codePoints.push(code);
}
const inWord = (code: number) => `x${String.fromCodePoint(code)}x`;

describe('SQLite word index of every character', () => {
  let database: TestDatabase;
  /** The index's words for each code point, in order, space-separated. */
  const indexed = new Map<number, string>();
  /** The index's words for the words search folds the same text to. */
  const searched = new Map<number, string>();

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const db = database.db.kysely;
    await sql.raw(`create virtual table folded using fts5(text, tokenize = "${wordIndexTokenizer}")`).execute(db);
    await sql.raw("create virtual table folded_words using fts5vocab(folded, 'instance')").execute(db);
    await sql.raw('create table texts (id integer primary key, text text not null)').execute(db);
    const texts = codePoints.map((code) => [code, inWord(code)]);
    await sql`insert into texts (id, text) select value ->> 0, value ->> 1 from json_each(${JSON.stringify(texts)})`.execute(db);
    await sql.raw(`insert into folded (rowid, text) select id * 2, ${sqliteIndexTextSql('texts.text')} from texts`).execute(db);
    const words = codePoints.map((code) => [code * 2 + 1, foldedWords(inWord(code)).join(' ')]);
    await sql`insert into folded (rowid, text) select value ->> 0, value ->> 1 from json_each(${JSON.stringify(words)})`
      .execute(db);
    const rows = await sql<{ doc: number; words: string }>`select doc, group_concat(term, ' ') as words
      from (select doc, term from folded_words order by doc, "offset") group by doc`.execute(db);
    for (const row of rows.rows) (row.doc % 2 === 0 ? indexed : searched).set(Math.floor(row.doc / 2), row.words);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('stores the words search looks for', () => {
    const differing = codePoints
      .filter((code) => (indexed.get(code) ?? '') !== (searched.get(code) ?? ''))
      .map((code) => `U+${code.toString(16)} ${inWord(code)}: ${indexed.get(code)} / ${searched.get(code)}`);
    expect(differing).toEqual([]);
  });

  it.runIf(engines.includes('postgres'))('keeps every word PostgreSQL keeps', async () => {
    const postgres = await createTestDatabase('postgres');
    try {
      // The words as comptoir_contact_word_list splits them, without its
      // second pass over the text without apostrophes, which takes about 15 times longer.
      const rows = await sql<{ id: number; words: string[] }>`select t.id,
          array(select word from regexp_split_to_table(comptoir_search_fold(t.text), '[^[:alnum:]]+') as word
            where word <> '') as words
        from jsonb_to_recordset(${JSON.stringify(codePoints.map((code) => ({ id: code, text: inWord(code) })))}::jsonb)
          as t(id integer, text text)`.execute(postgres.db.kysely);
      const missing: string[] = [];
      for (const row of rows.rows) {
        const sqliteWords = (indexed.get(row.id) ?? '').split(' ');
        // A word search can look for is one that folds to itself.
        const searchable = row.words.filter((word) => foldedWords(word).join(' ') === word);
        const lost = searchable.filter((word) => !sqliteWords.some((sqliteWord) => sqliteWord.startsWith(word)));
        if (lost.length > 0) missing.push(String.fromCodePoint(row.id));
      }
      // unaccent spells out symbols such as © or ₹ and a few odd letters
      // (ŉ, ℌ, 〇); no name is written with them.
      expect(missing.filter((character) => !/\p{S}/u.test(character))).toEqual(['ŉ', 'ℌ', '〇']);
    } finally {
      await postgres.drop();
    }
  });
});

describe('SQLite sort fold', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('folds as the replace() chain did, apostrophes aside', async () => {
    const db = database.db.kysely;
    await sql.raw('create table texts (text text)').execute(db);
    const texts: (string | null)[] = ['Hélène Œnothèque', 'ÆRØ Straße', 'Пётр', 'ǅ', '', null];
    for (let code = 0x20; code <= 0xffff; code += 1) {
      if (code < 0xd800 || code > 0xdfff) texts.push(`Ab${String.fromCodePoint(code)}Ç`);
    }
    await sql`insert into texts (text) select value from json_each(${JSON.stringify(texts)})`.execute(db);
    // Migration 0033 made the sort read ’, ʼ and ‘ as ', which the older replace() chain keeps.
    const plainApostrophes = sortApostrophes.reduce(
      (expression, [mark, plain]) => `replace(${expression}, '${mark}', '${plain.replace(/'/g, "''")}')`,
      'text',
    );
    const differing = await sql<{ text: string }>`select text from texts
      where ${sql.raw(sqliteFoldSql(plainApostrophes))} is not ${sql.raw(sqliteSortFoldSql('text'))}`.execute(db);
    expect(differing.rows).toEqual([]);
  });
});
