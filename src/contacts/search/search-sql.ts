/**
 * The search indexes of each engine, as SQL: conditions for "matches the
 * search" on `contacts`, and candidate queries that let the index drive and
 * stop after a bounded number of rows.
 *
 * SQLite: FTS5 tables `contact_fts` (words) and `contact_phone_fts` (phone
 * trigrams), keyed by `contact_fts_docs.doc_id` (migration 0004). The word
 * table contains the stored text folded through `fold_characters` (migration 0028).
 * PostgreSQL: the table `contact_words` with a B-tree on
 * (business_id, word, contact_id) (migration 0015), and a GIN index over
 * `comptoir_contact_digits(...)` (pg_trgm, migration 0004).
 */
import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { postgresDigitsExpression } from '../../db/migrations/0004_contact_search.ts';
import { cardKeyExpression } from '../../db/migrations/0008_contact_duplicates.ts';
import { cardStartExpression } from '../../db/migrations/0039_card_start_keys.ts';
import type { ContactTable, Database } from '../../db/schema.ts';
import type { SearchTerms, WordAlternative } from './search-terms.ts';

type Engine = 'sqlite' | 'postgres';

type WordTables = {
  contact_words: { business_id: string; word: string; contact_id: string };
};

type FtsTables = {
  contact_fts: { rowid: number; contact_fts: string; names: string; others: string };
  contact_phone_fts: { rowid: number; contact_phone_fts: string; digits: string };
  contact_fts_docs: { doc_id: number; contact_id: string };
};

/** Contact columns the ranking reads. */
export const candidateColumns = [
  'contacts.id', 'contacts.sort_name', 'contacts.first_name', 'contacts.middle_name', 'contacts.last_name',
  'contacts.business_name', 'contacts.code', 'contacts.loyalty_card_number', 'contacts.email_key',
  'contacts.tax_number_key', 'contacts.mobile_digits', 'contacts.mobile_e164', 'contacts.alternate_number',
  'contacts.alternate_number_e164', 'contacts.landline', 'contacts.landline_e164',
] as const;

export interface CandidateRow {
  id: string;
  sort_name: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  business_name: string | null;
  code: string;
  loyalty_card_number: string | null;
  email_key: string | null;
  tax_number_key: string | null;
  mobile_digits: string | null;
  mobile_e164: string | null;
  alternate_number: string | null;
  alternate_number_e164: string | null;
  landline: string | null;
  landline_e164: string | null;
}

/**
 * FTS5 query: every word as a prefix, in any column (`"hel"* AND "fau"*`). A
 * word with other writings matches any of them
 * (`("st"* OR "saint") AND "fau"*`). FTS5 accepts no implicit AND beside
 * parentheses, so the AND is written out.
 */
export function ftsWordsQuery(words: string[], alternatives: readonly (readonly WordAlternative[])[] = []): string {
  return words.map((word, i) => {
    const writings = (alternatives[i] ?? []).map((alternative) => `"${alternative.word}"${alternative.prefix ? '*' : ''}`);
    if (writings.length === 0) return `"${word}"*`;
    return `(${[`"${word}"*`, ...writings].join(' OR ')})`;
  }).join(' AND ');
}

/** FTS5 trigram query: any of the runs, each as one substring (`"0612" OR "33612"`). */
export function ftsDigitsQuery(runs: string[]): string {
  return runs.map((run) => `"${run}"`).join(' OR ');
}

/**
 * Returns the words that start with `prefix` as the range
 * `low <= word < high`, where `high` is `prefix` with its last character
 * moved one code point up (`mar` gives `mas`). The range holds in code point
 * order, which is the order of PostgreSQL's "C" collation on UTF-8 text.
 */
export function prefixRange(prefix: string): { low: string; high: string } {
  const characters = [...prefix];
  const last = characters.pop()?.codePointAt(0);
  if (last === undefined) throw new Error('prefixRange needs a non-empty prefix');
  let next = last + 1;
  // Surrogate code points cannot stand alone in a string; the next character is U+E000.
  if (next >= 0xd800 && next <= 0xdfff) next = 0xe000;
  return { low: prefix, high: characters.join('') + String.fromCodePoint(next) };
}

/**
 * Returns the range of words that equal `word`, up to `word` followed by
 * U+0001. No longer word falls in it, because words contain no control
 * characters and every other character sorts after U+0001.
 */
export function wholeWordRange(word: string): { low: string; high: string } {
  return { low: word, high: `${word}\u0001` };
}

/** Orders search words for the PostgreSQL word index: the longest first, as the likeliest to be rare. */
export function wordsByLength(words: string[]): string[] {
  return [...words].sort((a, b) => [...b].length - [...a].length);
}

/** Returns the range of `alternative` in the word index, or an empty range at `word` for a missing one. */
function alternativeRange(word: string, alternative: WordAlternative | undefined): { low: string; high: string } {
  if (!alternative) return { low: word, high: word };
  return alternative.prefix ? prefixRange(alternative.word) : wholeWordRange(alternative.word);
}

function likeInfix(run: string): string {
  return `%${run}%`;
}

/**
 * The parameter values of a search for one engine's indexes, derived from
 * its terms. Each one is passed to the SQL as it is, so that a statement can
 * be compiled once per shape (see db/query-templates.ts). An absent field is
 * left out of the SQL.
 */
export type SearchParameters = {
  /** Exact keys (codes always and cards when the text has a card key), absent for a search without text. */
  codes?: readonly string[];
  cards?: readonly string[];
  phones?: readonly string[];
  emailKey?: string;
  taxNumberKeys?: readonly string[];
  /** The range of each tax number key prefix and start, as two lists of bounds. */
  taxNumberLows?: readonly string[];
  taxNumberHighs?: readonly string[];
  /** The range of each code start, as two lists of bounds. */
  codeLows?: readonly string[];
  codeHighs?: readonly string[];
  /** The range of each card start key, present when the text can start a card number, as two lists of bounds. */
  cardLows?: readonly string[];
  cardHighs?: readonly string[];
  /** SQLite: the FTS5 query of the words. */
  wordsQuery?: string;
  /** PostgreSQL: the prefix range of each word, longest word first, as two lists of bounds. */
  wordLows?: readonly string[];
  wordHighs?: readonly string[];
  /**
   * PostgreSQL: the ranges of the words' other writings, the same number
   * for each word (the most any word has), in the order of `wordLows`. A
   * word with fewer writings fills its other places with empty ranges.
   * Absent when no word has one, so that such a text keeps its statement.
   */
  wordAlternateLows?: readonly string[];
  wordAlternateHighs?: readonly string[];
  /** SQLite: the FTS5 trigram query of the phone digit runs. */
  digitsQuery?: string;
  /** PostgreSQL: the LIKE pattern of each phone digit run. */
  digitPatterns?: readonly string[];
};

/** Derives the parameters of `terms` for `engine`. */
export function searchParameters(engine: Engine, terms: SearchTerms): SearchParameters {
  const parameters: SearchParameters = {};
  const { exact } = terms;
  if (terms.text.length > 0) {
    parameters.codes = exact.codes;
    parameters.cards = exact.cards;
    parameters.phones = exact.phonesE164;
    if (exact.emailKey) parameters.emailKey = exact.emailKey;
    if (exact.taxNumberKeys.length > 0) parameters.taxNumberKeys = exact.taxNumberKeys;
    const taxNumberStarts = [...new Set([...exact.taxNumberPrefixes, ...exact.taxNumberStarts])];
    if (taxNumberStarts.length > 0) {
      const ranges = taxNumberStarts.map(prefixRange);
      parameters.taxNumberLows = ranges.map((range) => range.low);
      parameters.taxNumberHighs = ranges.map((range) => range.high);
    }
    if (exact.codeStarts.length > 0) {
      const ranges = exact.codeStarts.map(prefixRange);
      parameters.codeLows = ranges.map((range) => range.low);
      parameters.codeHighs = ranges.map((range) => range.high);
    }
    if (exact.cardStarts.length > 0) {
      const ranges = exact.cardStarts.map(prefixRange);
      parameters.cardLows = ranges.map((range) => range.low);
      parameters.cardHighs = ranges.map((range) => range.high);
    }
  }
  if (terms.words.length > 0) {
    if (engine === 'sqlite') {
      parameters.wordsQuery = ftsWordsQuery(terms.words, terms.alternatives);
    } else {
      const words = wordsByLength(terms.words);
      const ranges = words.map(prefixRange);
      parameters.wordLows = ranges.map((range) => range.low);
      parameters.wordHighs = ranges.map((range) => range.high);
      const places = Math.max(0, ...terms.alternatives.map((alternatives) => alternatives.length));
      if (places > 0) {
        const alternativesOf = new Map(terms.words.map((word, i) => [word, terms.alternatives[i] ?? []]));
        const alternates = words.flatMap((word) => Array.from({ length: places }, (_, place) =>
          alternativeRange(word, alternativesOf.get(word)?.[place])));
        parameters.wordAlternateLows = alternates.map((range) => range.low);
        parameters.wordAlternateHighs = alternates.map((range) => range.high);
      }
    }
  }
  if (terms.phoneRuns.length > 0) {
    if (engine === 'sqlite') parameters.digitsQuery = ftsDigitsQuery(terms.phoneRuns);
    else parameters.digitPatterns = terms.phoneRuns.map(likeInfix);
  }
  return parameters;
}

/** PostgreSQL: the number of other writings each search word has a range for in `wordAlternateLows`. */
export function alternatePlaces(search: SearchParameters): number {
  const words = search.wordLows?.length ?? 0;
  return words > 0 ? (search.wordAlternateLows?.length ?? 0) / words : 0;
}

/**
 * PostgreSQL: the ranges of the word index that search word `i` (in the
 * order of `wordLows`) matches: its prefix range, then the range of each of
 * its places in `wordAlternateLows`.
 */
export function wordRanges(search: SearchParameters, i: number): { low: string; high: string }[] {
  const ranges = [{ low: search.wordLows?.[i] as string, high: search.wordHighs?.[i] as string }];
  const places = alternatePlaces(search);
  for (let place = i * places; place < (i + 1) * places; place += 1) {
    ranges.push({ low: search.wordAlternateLows?.[place] as string, high: search.wordAlternateHighs?.[place] as string });
  }
  return ranges;
}

/**
 * PostgreSQL: true when the contact `contactId` has a word in a range of
 * search word `i`. Each range is its own lookup of the index on
 * `contact_words (contact_id, word)`, fenced by `offset 0` so that the
 * planner keeps it a lookup.
 */
export function postgresHasWord(search: SearchParameters, i: number, contactId: RawBuilder<unknown>): Expression<SqlBool> {
  const lookups = wordRanges(search, i).map(({ low, high }) => sql<SqlBool>`exists (select 1 from contact_words as row_word
      where row_word.contact_id = ${contactId} and row_word.word >= ${low} and row_word.word < ${high}
      offset 0)`);
  return lookups.length === 1 ? lookups[0] as Expression<SqlBool> : sql<SqlBool>`(${sql.join(lookups, sql` or `)})`;
}

/** Tells whether the word index has anything to look for. */
export function hasWords(search: SearchParameters): boolean {
  return search.wordsQuery !== undefined || (search.wordLows?.length ?? 0) > 0;
}

/** Tells whether the phone index has anything to look for. */
export function hasDigits(search: SearchParameters): boolean {
  return search.digitsQuery !== undefined || (search.digitPatterns?.length ?? 0) > 0;
}

const eb = expressionBuilder<Database, 'contacts'>();

/** SQLite: keeps contacts whose words start with every search word. */
function sqliteWordsCondition(wordsQuery: string): Expression<SqlBool> {
  return sql<SqlBool>`contacts.id in (select d.contact_id from contact_fts_docs d
    where d.doc_id in (select rowid from contact_fts where contact_fts match ${wordsQuery}))`;
}

/**
 * PostgreSQL: the ids of the contacts of `businessId` that have a word
 * starting with each search word (or its alternative writing), read from
 * the prefix index.
 */
function postgresWordMatches(businessId: string, search: SearchParameters): RawBuilder<unknown> {
  const otherWords = (search.wordLows ?? []).slice(1).map((_, i) => {
    const lookups = wordRanges(search, i + 1).map(({ low, high }) => sql`exists (select 1 from contact_words as other_word
      where other_word.contact_id = contact_words.contact_id and other_word.word >= ${low}
      and other_word.word < ${high})`);
    return sql`and (${sql.join(lookups, sql` or `)})`;
  });
  const driving = wordRanges(search, 0).map(({ low, high }) =>
    sql`(contact_words.word >= ${low} and contact_words.word < ${high})`);
  return sql`select contact_words.contact_id from contact_words
    where contact_words.business_id = ${businessId}
    and (${sql.join(driving, sql` or `)})
    ${sql.join(otherWords, sql` `)}`;
}

/** Keeps contacts with a phone whose digits contain one of the runs. */
export function digitsCondition(search: SearchParameters): Expression<SqlBool> {
  if (search.digitPatterns) {
    return eb.or(search.digitPatterns.map((pattern) => sql<SqlBool>`${sql.raw(postgresDigitsExpression)} like ${pattern}`));
  }
  return sql<SqlBool>`contacts.id in (select d.contact_id from contact_fts_docs d
    where d.doc_id in (select rowid from contact_phone_fts where contact_phone_fts match ${search.digitsQuery}))`;
}

/** Keeps contacts an exact key names: code, card, phone, email, tax number, or the start of a code, card or tax number. */
export function exactCondition(engine: Engine, search: SearchParameters): Expression<SqlBool> | null {
  const matches = exactMatches(engine, search);
  return matches ? eb.or(matches) : null;
}

/**
 * Returns the conditions of `exactCondition`, one per key or key range, each
 * on a column of its own index, or null for a search without text.
 */
export function exactMatches(engine: Engine, search: SearchParameters): Expression<SqlBool>[] | null {
  if (!search.codes || !search.cards) return null;
  const matches: Expression<SqlBool>[] = [eb('contacts.code', 'in', search.codes)];
  // A text of dots and dashes alone has no card key, and PostgreSQL rejects an empty `in ()`.
  if (search.cards.length > 0) matches.push(eb(sql.raw<string>(cardKeyExpression), 'in', search.cards));
  for (const phone of search.phones ?? []) {
    matches.push(
      eb('contacts.mobile_e164', '=', phone),
      eb('contacts.alternate_number_e164', '=', phone),
      eb('contacts.landline_e164', '=', phone),
    );
  }
  if (search.emailKey) matches.push(eb('contacts.email_key', '=', search.emailKey));
  // One equality per key: with `tax_number_key in (…)`, SQLite gave up its
  // index for the whole OR and read every contact (300 ms at 1,000,000).
  for (const key of search.taxNumberKeys ?? []) matches.push(eb('contacts.tax_number_key', '=', key));
  for (const [i, low] of (search.taxNumberLows ?? []).entries()) {
    matches.push(eb.and([
      eb('contacts.tax_number_key', '>=', low),
      eb('contacts.tax_number_key', '<', search.taxNumberHighs?.[i] as string),
    ]));
  }
  // The code and tax number starts add up to 13 ranges to this OR. At
  // 1,000,000 contacts both engines still read one index range per term
  // (SQLite's multi-index OR, PostgreSQL's bitmap OR).
  for (const [i, low] of (search.codeLows ?? []).entries()) {
    matches.push(eb.and([
      eb('contacts.code', '>=', low),
      eb('contacts.code', '<', search.codeHighs?.[i] as string),
    ]));
  }
  // One to three card start ranges: the key as typed, and its letters outside ASCII in capitals and in small letters.
  for (const [i, low] of (search.cardLows ?? []).entries()) {
    matches.push(cardStartCondition(engine, low, search.cardHighs?.[i] as string));
  }
  return matches;
}

/**
 * Keeps contacts whose card start key (see `cardStartKey`) lies in
 * `low <= key < high`, read as one range of an index. SQLite reads the card
 * key index of migration 0008, which it compares in byte order. PostgreSQL
 * reads the "C" collation index of migration 0039, so the condition repeats
 * that index's predicate.
 */
export function cardStartCondition(engine: Engine, low: string, high: string): Expression<SqlBool> {
  if (engine === 'sqlite') {
    return eb.and([eb(sql.raw<string>(cardKeyExpression), '>=', low), eb(sql.raw<string>(cardKeyExpression), '<', high)]);
  }
  return eb.and([
    eb('contacts.loyalty_card_number', 'is not', null),
    eb(sql.raw<string>(cardStartExpression), '>=', low),
    eb(sql.raw<string>(cardStartExpression), '<', high),
  ]);
}

/** Keeps contacts of `businessId` the search matches at all: exact keys, words or phone digits. */
export function searchCondition(engine: Engine, businessId: string, search: SearchParameters): Expression<SqlBool> {
  if (engine === 'postgres') return postgresSearchCondition(businessId, search);
  const matches: Expression<SqlBool>[] = [];
  const exact = exactCondition(engine, search);
  if (exact) matches.push(exact);
  if (search.wordsQuery !== undefined) matches.push(sqliteWordsCondition(search.wordsQuery));
  if (hasDigits(search)) matches.push(digitsCondition(search));
  return matches.length > 0 ? eb.or(matches) : sql<SqlBool>`1 = 0`;
}

/**
 * PostgreSQL: one `id in (...)` over the union of the ids each index finds.
 * The planner cannot turn a subquery inside an OR into a join, so it would
 * test every contact of the list against it. A single IN lets it start from
 * the matches instead, as the bitmap of a GIN index does.
 */
function postgresSearchCondition(businessId: string, search: SearchParameters, asArray = false): Expression<SqlBool> {
  const sources: RawBuilder<unknown>[] = [];
  const exact = exactCondition('postgres', search);
  if (exact) sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${exact}`);
  if (search.wordLows && search.wordHighs && search.wordLows.length > 0) {
    sources.push(postgresWordMatches(businessId, search));
  }
  if (hasDigits(search)) {
    sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${digitsCondition(search)}`);
  }
  if (sources.length === 0) return sql<SqlBool>`1 = 0`;
  if (asArray) return sql<SqlBool>`contacts.id = any(array(${sql.join(sources, sql` union all `)}))`;
  return sql<SqlBool>`contacts.id in (${sql.join(sources, sql` union all `)})`;
}

/**
 * PostgreSQL: keeps the contacts the search matches, read first as an array
 * of ids, for a statement that reads every match, such as the totals. The
 * engine then looks the contacts up in id order, close to the order of
 * their rows. With the IN of `searchCondition` it joined them in the order
 * the word index gave them, by a plan that depended on its estimate of the
 * matches.
 */
export function postgresSearchIds(businessId: string, search: SearchParameters): Expression<SqlBool> {
  return postgresSearchCondition(businessId, search, true);
}

type CandidateQuery = SelectQueryBuilder<any, any, CandidateRow>;

/** A column of `contacts`, as a candidate query can select it. */
export type ContactColumn = `contacts.${keyof ContactTable & string}`;

/**
 * Queries for the first `limit` contacts that each index finds, meeting
 * `conditions`, in the index's own order. The caller ranks the union.
 * `columns` adds select expressions to every query, beside `candidateColumns`.
 */
export function candidateQueries(
  db: Executor,
  engine: Engine,
  businessId: string,
  search: SearchParameters,
  conditions: Expression<SqlBool>[],
  limit: number,
  columns: readonly ContactColumn[] = [],
): { source: CandidateSource; query: CandidateQuery }[] {
  const queries: { source: CandidateSource; query: CandidateQuery }[] = [];
  const exact = exactCondition(engine, search);
  if (exact) {
    const query = db.selectFrom('contacts').select(candidateColumns).where(eb.and([...conditions, exact])).limit(limit);
    queries.push({ source: 'exact', query });
  }
  if (hasWords(search)) {
    queries.push({ source: 'words', query: wordsCandidates(db, engine, businessId, search, conditions, limit) });
    // On SQLite the FTS5 query already contains the other writings.
    if (engine === 'postgres') {
      for (let place = 1; place <= alternatePlaces(search); place += 1) {
        const query = postgresWordsCandidates(db, businessId, search, place, conditions, limit);
        queries.push({ source: `alternateWords${place}`, query });
      }
    }
  }
  if (hasDigits(search)) {
    queries.push({ source: 'digits', query: digitsCandidates(db, search, conditions, limit) });
  }
  if (columns.length === 0) return queries;
  return queries.map(({ source, query }) => ({ source, query: query.select(columns as never) as CandidateQuery }));
}

/**
 * The index a candidate comes from. On PostgreSQL, `alternateWords1` to
 * `alternateWords4` are the ranges of the other writings of the word that drives.
 */
export type CandidateSource = 'exact' | 'words' | `alternateWords${number}` | 'digits';

function wordsCandidates(
  db: Executor,
  engine: Engine,
  businessId: string,
  search: SearchParameters,
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  if (engine === 'postgres') {
    return postgresWordsCandidates(db, businessId, search, 'own', conditions, limit);
  }
  // The FTS table drives the join, so SQLite stops reading matches after `limit` rows.
  return db.withTables<FtsTables>()
    .selectFrom('contact_fts')
    .innerJoin('contact_fts_docs', 'contact_fts_docs.doc_id', 'contact_fts.rowid')
    .innerJoin('contacts', 'contacts.id', 'contact_fts_docs.contact_id')
    .select(candidateColumns)
    .where(sql<SqlBool>`contact_fts match ${search.wordsQuery}`)
    .where(eb.and(conditions))
    .limit(limit);
}

/**
 * PostgreSQL: the range of the longest search word in the prefix index
 * drives, in word order, so that whole-word matches come first and the scan
 * stops at `limit` contacts. With `driving` set to a place of
 * `wordAlternateLows` (from 1), the range of that other writing of the word
 * drives instead, as a query beside the first. Every other word is checked
 * per driving row through the contact index, in each of its ranges. The fence (`offset 0`) keeps those checks as
 * lookups: unfenced, the planner may read every match of a short word to
 * hash them, which is the cost this index exists to avoid. The driving
 * range itself must stay unfenced, so that the outer LIMIT makes the planner
 * read it in index order rather than collect and sort it.
 * NOTE: the scan reads driving rows until `limit` of them pass the other
 * words and the conditions. Words that rarely occur together, or a filter
 * that keeps few contacts (such as "view own"), make it read the whole range
 * of the driving word, with one index lookup per row.
 */
function postgresWordsCandidates(
  db: Executor,
  businessId: string,
  search: SearchParameters,
  driving: 'own' | number,
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  const range = wordRanges(search, 0)[driving === 'own' ? 0 : driving] as { low: string; high: string };
  const otherWords = (search.wordLows ?? []).slice(1)
    .map((_, i) => postgresHasWord(search, i + 1, sql.ref('contact_words.contact_id')));
  return db.withTables<WordTables>()
    .selectFrom('contact_words')
    .innerJoin('contacts', 'contacts.id', 'contact_words.contact_id')
    .select(candidateColumns)
    .where('contact_words.business_id', '=', businessId)
    .where('contact_words.word', '>=', range.low)
    .where('contact_words.word', '<', range.high)
    .where(eb.and([...otherWords, ...conditions]))
    .orderBy('contact_words.word')
    .limit(limit) as unknown as CandidateQuery;
}

function digitsCandidates(
  db: Executor,
  search: SearchParameters,
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  if (search.digitPatterns) {
    return db.selectFrom('contacts').select(candidateColumns)
      .where(eb.and([...conditions, digitsCondition(search)]))
      .limit(limit);
  }
  return db.withTables<FtsTables>()
    .selectFrom('contact_phone_fts')
    .innerJoin('contact_fts_docs', 'contact_fts_docs.doc_id', 'contact_phone_fts.rowid')
    .innerJoin('contacts', 'contacts.id', 'contact_fts_docs.contact_id')
    .select(candidateColumns)
    .where(sql<SqlBool>`contact_phone_fts match ${search.digitsQuery}`)
    .where(eb.and(conditions))
    .limit(limit);
}
