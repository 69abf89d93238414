/**
 * The search indexes of each engine, as SQL: conditions for "matches the
 * search" on `contacts`, and candidate queries that let the index drive and
 * stop after a bounded number of rows.
 *
 * SQLite: FTS5 tables `contact_fts` (words) and `contact_phone_fts` (phone
 * trigrams), keyed by `contact_fts_docs.doc_id` (migration 0004).
 * PostgreSQL: the table `contact_words` with a B-tree on
 * (business_id, word, contact_id) (migration 0015), and a GIN index over
 * `comptoir_contact_digits(...)` (pg_trgm, migration 0004).
 */
import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { postgresDigitsExpression } from '../../db/migrations/0004_contact_search.ts';
import type { Database } from '../../db/schema.ts';
import type { SearchTerms } from './search-terms.ts';

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

/** FTS5 query: every word as a prefix, in any column (`"hel"* "fau"*`). */
export function ftsWordsQuery(words: string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
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

/** Orders search words for the PostgreSQL word index: the longest first, as the likeliest to be rare. */
export function wordsByLength(words: string[]): string[] {
  return [...words].sort((a, b) => [...b].length - [...a].length);
}

function likeInfix(run: string): string {
  return `%${run}%`;
}

const eb = expressionBuilder<Database, 'contacts'>();

/** SQLite: keeps contacts whose words start with every search word. */
function sqliteWordsCondition(words: string[]): Expression<SqlBool> {
  return sql<SqlBool>`contacts.id in (select d.contact_id from contact_fts_docs d
    where d.doc_id in (select rowid from contact_fts where contact_fts match ${ftsWordsQuery(words)}))`;
}

/**
 * PostgreSQL: the ids of the contacts of `businessId` that have a word
 * starting with each search word, read from the prefix index.
 */
function postgresWordMatches(businessId: string, words: string[]): RawBuilder<unknown> {
  const [driving, ...others] = wordsByLength(words) as [string, ...string[]];
  const range = prefixRange(driving);
  const otherWords = others.map((word) => {
    const { low, high } = prefixRange(word);
    return sql`and exists (select 1 from contact_words as other_word
      where other_word.contact_id = contact_words.contact_id and other_word.word >= ${low} and other_word.word < ${high})`;
  });
  return sql`select contact_words.contact_id from contact_words
    where contact_words.business_id = ${businessId}
    and contact_words.word >= ${range.low} and contact_words.word < ${range.high}
    ${sql.join(otherWords, sql` `)}`;
}

/** Keeps contacts with a phone whose digits contain one of the runs. */
export function digitsCondition(engine: Engine, runs: string[]): Expression<SqlBool> {
  if (engine === 'postgres') {
    return eb.or(runs.map((run) => sql<SqlBool>`${sql.raw(postgresDigitsExpression)} like ${likeInfix(run)}`));
  }
  return sql<SqlBool>`contacts.id in (select d.contact_id from contact_fts_docs d
    where d.doc_id in (select rowid from contact_phone_fts where contact_phone_fts match ${ftsDigitsQuery(runs)}))`;
}

/** Keeps contacts an exact key names: code, card, phone, email or tax number. */
export function exactCondition(terms: SearchTerms): Expression<SqlBool> | null {
  const { exact } = terms;
  const matches: Expression<SqlBool>[] = [
    eb('contacts.code', 'in', exact.codes),
    eb('contacts.loyalty_card_number', 'in', exact.cards),
  ];
  for (const phone of exact.phonesE164) {
    matches.push(
      eb('contacts.mobile_e164', '=', phone),
      eb('contacts.alternate_number_e164', '=', phone),
      eb('contacts.landline_e164', '=', phone),
    );
  }
  if (exact.emailKey) matches.push(eb('contacts.email_key', '=', exact.emailKey));
  if (exact.taxNumberKey) matches.push(eb('contacts.tax_number_key', '=', exact.taxNumberKey));
  return terms.text.length > 0 ? eb.or(matches) : null;
}

/** Keeps contacts of `businessId` the search text matches at all: exact keys, words or phone digits. */
export function searchCondition(engine: Engine, businessId: string, terms: SearchTerms): Expression<SqlBool> {
  if (engine === 'postgres') return postgresSearchCondition(businessId, terms);
  const matches: Expression<SqlBool>[] = [];
  const exact = exactCondition(terms);
  if (exact) matches.push(exact);
  if (terms.words.length > 0) matches.push(sqliteWordsCondition(terms.words));
  if (terms.phoneRuns.length > 0) matches.push(digitsCondition(engine, terms.phoneRuns));
  return matches.length > 0 ? eb.or(matches) : sql<SqlBool>`1 = 0`;
}

/**
 * PostgreSQL: one `id in (...)` over the union of the ids each index finds.
 * The planner cannot turn a subquery inside an OR into a join, so it would
 * test every contact of the list against it. A single IN lets it start from
 * the matches instead, as the bitmap of a GIN index does.
 */
function postgresSearchCondition(businessId: string, terms: SearchTerms): Expression<SqlBool> {
  const sources: RawBuilder<unknown>[] = [];
  const exact = exactCondition(terms);
  if (exact) sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${exact}`);
  if (terms.words.length > 0) sources.push(postgresWordMatches(businessId, terms.words));
  if (terms.phoneRuns.length > 0) {
    const digits = digitsCondition('postgres', terms.phoneRuns);
    sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${digits}`);
  }
  if (sources.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`contacts.id in (${sql.join(sources, sql` union all `)})`;
}

type CandidateQuery = SelectQueryBuilder<any, any, CandidateRow>;

/**
 * Queries for the first `limit` contacts that each index finds, meeting
 * `conditions`, in the index's own order. The caller ranks the union.
 */
export function candidateQueries(
  db: Executor,
  engine: Engine,
  businessId: string,
  terms: SearchTerms,
  conditions: Expression<SqlBool>[],
  limit: number,
): { source: CandidateSource; query: CandidateQuery }[] {
  const queries: { source: CandidateSource; query: CandidateQuery }[] = [];
  const exact = exactCondition(terms);
  if (exact) {
    const query = db.selectFrom('contacts').select(candidateColumns).where(eb.and([...conditions, exact])).limit(limit);
    queries.push({ source: 'exact', query });
  }
  if (terms.words.length > 0) {
    queries.push({ source: 'words', query: wordsCandidates(db, engine, businessId, terms.words, conditions, limit) });
  }
  if (terms.phoneRuns.length > 0) {
    queries.push({ source: 'digits', query: digitsCandidates(db, engine, terms.phoneRuns, conditions, limit) });
  }
  return queries;
}

export type CandidateSource = 'exact' | 'words' | 'digits';

function wordsCandidates(
  db: Executor,
  engine: Engine,
  businessId: string,
  words: string[],
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  if (engine === 'postgres') return postgresWordsCandidates(db, businessId, words, conditions, limit);
  // The FTS table drives the join, so SQLite stops reading matches after `limit` rows.
  return db.withTables<FtsTables>()
    .selectFrom('contact_fts')
    .innerJoin('contact_fts_docs', 'contact_fts_docs.doc_id', 'contact_fts.rowid')
    .innerJoin('contacts', 'contacts.id', 'contact_fts_docs.contact_id')
    .select(candidateColumns)
    .where(sql<SqlBool>`contact_fts match ${ftsWordsQuery(words)}`)
    .where(eb.and(conditions))
    .limit(limit);
}

/**
 * PostgreSQL: the range of the longest search word in the prefix index
 * drives, in word order, so that whole-word matches come first and the scan
 * stops at `limit` contacts. Every other word is checked per driving row
 * through the contact index. The fence (`offset 0`) keeps those checks as
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
  words: string[],
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  const [driving, ...others] = wordsByLength(words) as [string, ...string[]];
  const range = prefixRange(driving);
  const otherWords = others.map((word) => {
    const { low, high } = prefixRange(word);
    return sql<SqlBool>`exists (select 1 from contact_words as other_word
      where other_word.contact_id = contact_words.contact_id and other_word.word >= ${low} and other_word.word < ${high}
      offset 0)`;
  });
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
  engine: Engine,
  runs: string[],
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  if (engine === 'postgres') {
    return db.selectFrom('contacts').select(candidateColumns)
      .where(eb.and([...conditions, digitsCondition(engine, runs)]))
      .limit(limit);
  }
  return db.withTables<FtsTables>()
    .selectFrom('contact_phone_fts')
    .innerJoin('contact_fts_docs', 'contact_fts_docs.doc_id', 'contact_phone_fts.rowid')
    .innerJoin('contacts', 'contacts.id', 'contact_fts_docs.contact_id')
    .select(candidateColumns)
    .where(sql<SqlBool>`contact_phone_fts match ${ftsDigitsQuery(runs)}`)
    .where(eb.and(conditions))
    .limit(limit);
}
