/**
 * Contact search: the candidates each index finds, ranked (see rank.ts).
 * Ranking reads a bounded set of candidates per index, never every match,
 * so a short prefix that matches half the contacts costs the same as a full
 * name; `truncated` tells the caller that more contacts match than were
 * ranked.
 */
import { type Expression, type SqlBool, expressionBuilder } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { isPostgres } from '../../ledger/engine.ts';
import { type ContactActor, visibleContactsFilter } from '../visibility.ts';
import { type RankedCandidate, rankCandidates } from './rank.ts';
import { candidateQueries, type CandidateRow } from './search-sql.ts';
import type { SearchTerms } from './search-terms.ts';

export type Engine = 'sqlite' | 'postgres';

export function engineOf(db: Executor): Engine {
  return isPostgres(db) ? 'postgres' : 'sqlite';
}

/** The actor's visibility rule as conditions on `contacts` (none when it sees every contact). */
export function visibilityConditions(actor: ContactActor): Expression<SqlBool>[] {
  const visible = visibleContactsFilter(actor);
  return visible ? [visible(expressionBuilder<Database, 'contacts'>())] : [];
}

export interface RankedSearch {
  ranked: RankedCandidate[];
  truncated: boolean;
}

/**
 * Ranks the contacts meeting `conditions` that the search terms match,
 * reading at most `candidateLimit` rows from each index.
 */
export async function searchContacts(
  db: Executor,
  terms: SearchTerms,
  conditions: Expression<SqlBool>[],
  candidateLimit: number,
): Promise<RankedSearch> {
  const queries = candidateQueries(db, engineOf(db), terms, conditions, candidateLimit);
  const lists = await Promise.all(
    queries.map(async ({ source, query }) => {
      const rows = (await query.execute()) as CandidateRow[];
      return { source, rows, full: rows.length >= candidateLimit };
    }),
  );
  return rankCandidates(lists, terms);
}
