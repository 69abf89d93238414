/**
 * Contact search: the candidates each index finds, ranked (see rank.ts).
 * Ranking reads a bounded set of candidates per index, never every match,
 * so a short prefix that matches half the contacts costs the same as a full
 * name. `truncated` is true when more contacts match than were ranked.
 */
import { type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isPostgres } from '../../ledger/engine.ts';
import { type ContactActor, visibleContactsFilter } from '../visibility.ts';
import { type RankedCandidate, rankCandidates } from './rank.ts';
import { type CandidateRow, type CandidateSource, candidateQueries } from './search-sql.ts';
import type { SearchTerms } from './search-terms.ts';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Executor): Engine {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}

/** Returns the actor's visibility rule as conditions on `contacts` (none when every contact is visible). */
export function visibilityConditions(actor: ContactActor): Expression<SqlBool>[] {
  const visible = visibleContactsFilter(actor);
  return visible ? [visible(expressionBuilder<Database, 'contacts'>())] : [];
}

export interface RankedSearch {
  ranked: RankedCandidate[];
  truncated: boolean;
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
  const queries = candidateQueries(db, engineOf(db), businessId, terms, conditions, candidateLimit);
  if (queries.length === 0) return { ranked: [], truncated: false };

  // Each candidate query stays a subquery, so its own LIMIT stops its index early.
  const tagged = queries.map(({ source, query }, i) =>
    db.selectFrom(query.select(sql.lit(source).as('source')).as(`c${i}`)).selectAll());
  const [first, ...rest] = tagged;
  const union = rest.reduce((all, query) => all.unionAll(query), first as (typeof tagged)[number]);
  const rows = (await union.execute()) as (CandidateRow & { source: CandidateSource })[];

  const lists = queries.map(({ source }) => {
    const found = rows.filter((row) => row.source === source);
    return { source, rows: found, full: found.length >= candidateLimit };
  });
  return rankCandidates(lists, terms);
}
