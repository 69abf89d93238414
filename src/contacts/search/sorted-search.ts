/**
 * A page of a list with a search text in a sort order (name, code, balance
 * or a date). The matches plan reads every contact the text matches from
 * the search indexes and sorts them, which costs in proportion to the
 * matches. When many contacts match, the walk reads the sort's own index
 * from the cursor on and checks each row for the match, and stops at the
 * page's last row. It then costs in proportion to the rows it walks, about
 * the page size divided by the share of contacts that match.
 *
 * Both plans keep the same contacts: the walk's check is the search
 * condition of `searchCondition`, written per row (`searchRowCondition`).
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ContactActor } from '../visibility.ts';
import { filterConditions } from './filters.ts';
import { visibilityConditions } from './search-contacts.ts';
import {
  digitsCondition, exactCondition, hasDigits, hasWords, type SearchParameters, searchParameters,
} from './search-sql.ts';
import { afterCursor, sortColumn, type SortSpec } from './sort.ts';
import type { ContactListParams, ListContext } from './list-rows.ts';

type Engine = 'sqlite' | 'postgres';

/** Settings of the plan choice for a sorted page with a search text. */
export interface SortedSearchTuning {
  /** `auto` decides by the count of matches. `walk` and `matches` force a plan, for tests. */
  plan: 'auto' | 'walk' | 'matches';
  /** Maximum rows of the sort index that a walk reads, per row of the page (the page size plus one). */
  walkRowsPerPageRow: number;
}

/**
 * A walk reads at most 5,100 rows for a page of 50, so it is taken for a
 * text that at least 1 contact in 50 matches (see `walksSortIndex`). A walk
 * of 5,100 rows that found nothing took 15 to 25 ms on SQLite and 40 to
 * 60 ms on PostgreSQL, at 100,000 generated contacts on a loaded 2-core
 * machine. That is the most a walk costs before the page falls back to the
 * matches plan.
 */
export const defaultSortedSearchTuning: SortedSearchTuning = { plan: 'auto', walkRowsPerPageRow: 100 };

/**
 * Maximum matches counted to decide. A database so large that the decision
 * would need more takes the matches plan for every text.
 */
const MAX_COUNTED_MATCHES = 50_000;

/** Returns the rows of the sort index that a walk for a page of `limit` rows reads at most. */
export function walkRowLimit(limit: number, tuning: SortedSearchTuning): number {
  return (limit + 1) * tuning.walkRowsPerPageRow;
}

/**
 * Tells whether the page walks the sort index. A walk is expected to read
 * `(limit + 1) × contacts / matches` rows. It is taken when that is at most
 * half of its bound, so when the text matches at least
 * `2 × contacts / walkRowsPerPageRow` contacts. A count of the matches that
 * stops at that number decides.
 */
export async function walksSortIndex(
  db: Executor,
  context: ListContext,
  limit: number,
  tuning: SortedSearchTuning,
): Promise<boolean> {
  if (!context.terms || tuning.plan === 'matches') return false;
  if (tuning.plan === 'walk') return true;

  const { engine, businessId } = context.filter;
  const contacts = await estimatedContactCount(db, engine);
  if (contacts <= 0) return false;
  const needed = Math.ceil((2 * (limit + 1) * contacts) / walkRowLimit(limit, tuning));
  if (needed > MAX_COUNTED_MATCHES) return false;
  const search = searchParameters(engine, context.terms);
  const counted = await sql<{ count: number | string }>`select count(*) as count from (${matchIds(engine, businessId, search)}
    limit ${needed}) as matches`.execute(db);
  return Number(counted.rows[0]?.count ?? 0) >= needed;
}

/**
 * Returns an estimate of the contacts in the database, every business
 * included, read without a scan: the highest word index document number
 * on SQLite, the planner's row count on PostgreSQL (-1 before the table was
 * first analysed). On SQLite the word matches are counted over every
 * business as well, so their ratio still estimates the share that matches.
 * NOTE: on PostgreSQL the matches are counted in the business only, so a
 * database of many businesses underestimates the share and takes the
 * matches plan more often than it needs to.
 */
async function estimatedContactCount(db: Executor, engine: Engine): Promise<number> {
  const result = engine === 'sqlite'
    ? await sql<{ count: number | null }>`select max(doc_id) as count from contact_fts_docs`.execute(db)
    : await sql<{ count: number | null }>`select reltuples as count from pg_class where oid = to_regclass('contacts')`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/**
 * Builds a query of one row per match of the search, read from the search
 * indexes in their own order, so that a LIMIT stops it early. A contact
 * that several indexes find is counted once by each. On SQLite the word and
 * phone indexes have no business column, so their rows are of every business.
 */
function matchIds(engine: Engine, businessId: string, search: SearchParameters): RawBuilder<unknown> {
  const sources: RawBuilder<unknown>[] = [];
  const exact = exactCondition(engine, search);
  if (exact) sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${exact}`);
  if (engine === 'sqlite') {
    if (search.wordsQuery !== undefined) {
      sources.push(sql`select rowid from contact_fts where contact_fts match ${search.wordsQuery}`);
    }
    if (search.digitsQuery !== undefined) {
      sources.push(sql`select rowid from contact_phone_fts where contact_phone_fts match ${search.digitsQuery}`);
    }
  } else {
    const lows = search.wordLows ?? [];
    const highs = search.wordHighs ?? [];
    if (lows.length > 0) {
      // The longest word's range drives and each other word is checked per row, fenced as in `postgresWordsCandidates`.
      const otherWords = lows.slice(1).map((low, i) => sql`and exists (select 1 from contact_words as other_word
        where other_word.contact_id = contact_words.contact_id and other_word.word >= ${low}
        and other_word.word < ${highs[i + 1]} offset 0)`);
      sources.push(sql`select contact_words.contact_id from contact_words
        where contact_words.business_id = ${businessId}
        and contact_words.word >= ${lows[0]} and contact_words.word < ${highs[0]}
        ${sql.join(otherWords, sql` `)}`);
    }
    if (hasDigits(search)) {
      sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${digitsCondition(search)}`);
    }
  }
  if (sources.length === 0) return sql`select 1 where 1 = 0`;
  return sql.join(sources, sql` union all `);
}

/**
 * Builds the condition "the search matches this contact" as checks of the
 * row itself, for a walk. It keeps the same contacts as `searchCondition`,
 * which reads every match first.
 *
 * SQLite: each FTS5 query runs once, as the list of an IN, and each row
 * looks its document number up in it. A check of the row's document alone
 * (`contact_fts match ? and rowid = ?`) took 150 to 370 µs per row at
 * 100,000 contacts, because FTS5 prepares the whole query for each row.
 * PostgreSQL: one lookup per search word in the index on
 * `contact_words (contact_id, word)` (migration 0041), fenced by `offset 0`
 * so that the planner keeps it a lookup rather than hashing every row of
 * the word's range.
 */
export function searchRowCondition(engine: Engine, search: SearchParameters): Expression<SqlBool> {
  const matches: Expression<SqlBool>[] = [];
  const exact = exactCondition(engine, search);
  if (exact) matches.push(exact);
  if (engine === 'sqlite') {
    if (search.wordsQuery !== undefined) matches.push(sqliteDocumentIn(sql`select rowid from contact_fts where contact_fts match ${search.wordsQuery}`));
    if (search.digitsQuery !== undefined) {
      matches.push(sqliteDocumentIn(sql`select rowid from contact_phone_fts where contact_phone_fts match ${search.digitsQuery}`));
    }
  } else {
    if (hasWords(search)) matches.push(postgresEveryWord(search.wordLows ?? [], search.wordHighs ?? []));
    if (hasDigits(search)) matches.push(digitsCondition(search));
  }
  if (matches.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(matches, sql` or `)})`;
}

function sqliteDocumentIn(documents: RawBuilder<unknown>): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from contact_fts_docs as doc
    where doc.contact_id = contacts.id and doc.doc_id in (${documents}))`;
}

function postgresEveryWord(lows: readonly string[], highs: readonly string[]): Expression<SqlBool> {
  const words = lows.map((low, i) => sql<SqlBool>`exists (select 1 from contact_words as row_word
    where row_word.contact_id = contacts.id and row_word.word >= ${low} and row_word.word < ${highs[i]}
    offset 0)`);
  return sql<SqlBool>`(${sql.join(words, sql` and `)})`;
}

/**
 * Builds the walk: the first `walkRows` contacts of the business in `sort`
 * order after the cursor, read from the sort's index, and of those the
 * first `limit + 1` that meet the filters, the visibility rule and the
 * search. The bound sits under the filters, so the walk reads at most
 * `walkRows` rows whatever the filters keep.
 */
export function walkPageQuery(
  db: Executor,
  actor: ContactActor,
  params: ContactListParams,
  context: ListContext,
  sort: SortSpec,
  columns: readonly `contacts.${string}`[],
  walkRows: number,
) {
  const walked = walkedRows(db, context.filter.businessId, sort, params.cursor, walkRows).selectAll('contacts');
  const { engine } = context.filter;
  const filter = { ...context.filter, sortField: sort.field };
  const conditions = [...filterConditions(params.filters, filter), ...visibilityConditions(actor)];
  if (context.terms) conditions.push(searchRowCondition(engine, searchParameters(engine, context.terms)));
  return db
    .selectFrom(walked.as('contacts'))
    .select(columns as readonly 'contacts.id'[])
    .where((eb) => eb.and(conditions))
    .orderBy(sql.ref(sortColumn(sort.field)), sort.order)
    .orderBy('contacts.id', sort.order)
    .limit(params.limit + 1);
}

/**
 * Tells whether a walk that returned fewer rows than it looked for read to
 * the end of the list, so that its rows are the whole rest of the list,
 * rather than stopping at its bound of `walkRows` rows.
 */
export async function walkReachedEnd(
  db: Executor,
  context: ListContext,
  sort: SortSpec,
  cursor: string | undefined,
  walkRows: number,
): Promise<boolean> {
  const walked = walkedRows(db, context.filter.businessId, sort, cursor, walkRows).select('contacts.id');
  const counted = await db.selectFrom(walked.as('walked')).select((eb) => eb.fn.countAll().as('count')).executeTakeFirst();
  return Number(counted?.count ?? 0) < walkRows;
}

function walkedRows(db: Executor, businessId: string, sort: SortSpec, cursor: string | undefined, walkRows: number) {
  let query = db.selectFrom('contacts').where('contacts.business_id', '=', businessId);
  if (cursor) query = query.where(afterCursor(sort, cursor));
  return query
    .orderBy(sql.ref(sortColumn(sort.field)), sort.order)
    .orderBy('contacts.id', sort.order)
    .limit(walkRows);
}
