/**
 * The search indexes of each engine, as SQL: conditions for "matches the
 * search" on `contacts`, and candidate queries that let the index drive and
 * stop after a bounded number of rows.
 *
 * SQLite: FTS5 tables `contact_fts` (words) and `contact_phone_fts` (phone
 * trigrams), keyed by `contact_fts_docs.doc_id`. PostgreSQL: GIN indexes over
 * `comptoir_contact_words(...)` (tsvector) and `comptoir_contact_digits(...)`
 * (pg_trgm). Both are created by migration 0004.
 */
import { type Expression, type SelectQueryBuilder, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { postgresDigitsExpression, postgresWordsExpression } from '../../db/migrations/0004_contact_search.ts';
import type { Database } from '../../db/schema.ts';
import type { SearchTerms } from './search-terms.ts';

type Engine = 'sqlite' | 'postgres';

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

/** PostgreSQL tsquery text: every word as a prefix (`hel:* & fau:*`). */
export function tsWordsQuery(words: string[]): string {
  return words.map((word) => `${word}:*`).join(' & ');
}

function likeInfix(run: string): string {
  return `%${run}%`;
}

const eb = expressionBuilder<Database, 'contacts'>();

/** Keeps contacts whose words start with every search word. */
export function wordsCondition(engine: Engine, words: string[]): Expression<SqlBool> {
  if (engine === 'postgres') {
    return sql<SqlBool>`${sql.raw(postgresWordsExpression)} @@ to_tsquery('pg_catalog.simple', ${tsWordsQuery(words)})`;
  }
  return sql<SqlBool>`contacts.id in (select d.contact_id from contact_fts_docs d
    where d.doc_id in (select rowid from contact_fts where contact_fts match ${ftsWordsQuery(words)}))`;
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

/** Keeps contacts the search text matches at all: exact keys, words or phone digits. */
export function searchCondition(engine: Engine, terms: SearchTerms): Expression<SqlBool> {
  const matches: Expression<SqlBool>[] = [];
  const exact = exactCondition(terms);
  if (exact) matches.push(exact);
  if (terms.words.length > 0) matches.push(wordsCondition(engine, terms.words));
  if (terms.phoneRuns.length > 0) matches.push(digitsCondition(engine, terms.phoneRuns));
  return matches.length > 0 ? eb.or(matches) : sql<SqlBool>`1 = 0`;
}

type CandidateQuery = SelectQueryBuilder<any, any, CandidateRow>;

/**
 * Queries for the first `limit` contacts that each index finds, meeting
 * `conditions`, in the index's own order. The caller ranks the union.
 */
export function candidateQueries(
  db: Executor,
  engine: Engine,
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
  if (terms.words.length > 0) queries.push({ source: 'words', query: wordsCandidates(db, engine, terms.words, conditions, limit) });
  if (terms.phoneRuns.length > 0) {
    queries.push({ source: 'digits', query: digitsCandidates(db, engine, terms.phoneRuns, conditions, limit) });
  }
  return queries;
}

export type CandidateSource = 'exact' | 'words' | 'digits';

function wordsCandidates(
  db: Executor,
  engine: Engine,
  words: string[],
  conditions: Expression<SqlBool>[],
  limit: number,
): CandidateQuery {
  if (engine === 'postgres') {
    // TODO: a three-letter prefix makes the GIN bitmap scan collect every match before LIMIT (about 230 ms at 1M contacts).
    return db.selectFrom('contacts').select(candidateColumns)
      .where(eb.and([...conditions, wordsCondition(engine, words)]))
      .limit(limit);
  }
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
