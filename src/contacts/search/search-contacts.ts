/**
 * Contact search: the candidates each index finds, ranked (see rank.ts).
 * Ranking reads a bounded set of candidates per index, never every match,
 * so a short prefix that matches half the contacts costs the same as a full
 * name. `truncated` is true when more contacts match than were ranked.
 */
import { type Expression, type SelectQueryBuilder, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Executor, executorEngine } from '../../db/database.ts';
import { type ContactActor, visibleContactsFilter } from '../visibility.ts';
import { type RankedCandidate, rankCandidates } from './rank.ts';
import { type CandidateRow, type CandidateSource, candidateQueries, searchParameters } from './search-sql.ts';
import type { SearchTerms } from './search-terms.ts';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Executor): Engine {
  return executorEngine(db);
}

/** Returns the actor's visibility rule as conditions on `contacts` (none when every contact is visible). */
export function visibilityConditions(actor: ContactActor): Expression<SqlBool>[] {
  const visible = visibleContactsFilter(actor);
  return visible ? [visible(expressionBuilder<Database, 'contacts'>())] : [];
}

export interface RankedSearch<Row extends CandidateRow = CandidateRow> {
  ranked: RankedCandidate<Row>[];
  truncated: boolean;
}

/** A candidate row tagged with the index that found it. */
export type TaggedCandidate = CandidateRow & { source: CandidateSource };

/**
 * Joins candidate queries into one UNION ALL statement whose rows carry
 * their `source`. Each query stays a subquery, so its own LIMIT stops its
 * index early.
 */
export function candidateUnion(db: Executor, queries: { source: CandidateSource; query: SelectQueryBuilder<any, any, CandidateRow> }[]) {
  const tagged = queries.map(({ source, query }, i) =>
    db.selectFrom(query.select(sql.lit(source).as('source')).as(`c${i}`)).selectAll());
  const [first, ...rest] = tagged;
  return rest.reduce((all, query) => all.unionAll(query), first as (typeof tagged)[number]);
}

/**
 * Ranks the rows of a candidate union. A list of `candidateLimit` rows may
 * have been cut at its bound, which makes the result truncated.
 */
export function rankTaggedCandidates<Row extends TaggedCandidate>(
  rows: Row[],
  terms: SearchTerms,
  candidateLimit: number,
): RankedSearch<Row> {
  const bySource = new Map<CandidateSource, Row[]>();
  for (const row of rows) {
    const found = bySource.get(row.source);
    if (found) found.push(row);
    else bySource.set(row.source, [row]);
  }
  const lists = [...bySource].map(([source, found]) => ({ source, rows: found, full: found.length >= candidateLimit }));
  return rankCandidates(lists, terms);
}

/**
 * Ranks the contacts of `businessId` meeting `conditions` that the search
 * terms match, reading at most `candidateLimit` rows from each index, in one
 * statement.
 */
export async function searchContacts(
  db: Executor,
  businessId: string,
  terms: SearchTerms,
  conditions: Expression<SqlBool>[],
  candidateLimit: number,
): Promise<RankedSearch> {
  const engine = engineOf(db);
  const queries = candidateQueries(db, engine, businessId, searchParameters(engine, terms), conditions, candidateLimit);
  if (queries.length === 0) return { ranked: [], truncated: false };

  const rows = (await candidateUnion(db, queries).execute()) as TaggedCandidate[];
  return rankTaggedCandidates(rows, terms, candidateLimit);
}
