/**
 * A page of a list with a search text in a sort order (name, code, balance
 * or a date). The matches plan reads every contact the text matches from
 * the search indexes and sorts them, which costs in proportion to the
 * matches. When many contacts match, the walk reads the sort's own index
 * from the cursor on and checks each row for the match, and stops at the
 * page's last row. It then costs in proportion to the rows it walks, about
 * the page size divided by the share of contacts that match.
 *
 * A walk that does not fill the page goes on in longer steps while the
 * rows it has read cost less than reading every match (see
 * `readWalkedPage`). A page that the walk cannot fill thus costs at most
 * about twice the matches plan.
 *
 * Both plans keep the same contacts: the walk's check is the search
 * condition of `searchCondition`, written per row (`searchRowCondition`).
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ContactActor } from '../visibility.ts';
import { type ContactFilters, filterConditions } from './filters.ts';
import { visibilityConditions } from './search-contacts.ts';
import {
  digitsCondition, exactMatches, hasDigits, hasWords, postgresHasWord, wordRanges, type SearchParameters, searchParameters,
} from './search-sql.ts';
import { afterCursor, encodeSortCursor, sortColumn, type SortSpec } from './sort.ts';
import type { ContactListParams, ListContext } from './list-rows.ts';

type Engine = 'sqlite' | 'postgres';

/** Settings of the plan choice for a sorted page with a search text. */
export interface SortedSearchTuning {
  /**
   * `auto` decides by the counts of matches and of filtered contacts. `walk`,
   * `matches` and `filters` (the filters-first plan of filters-first.ts)
   * force a plan, for tests.
   */
  plan: 'auto' | 'walk' | 'matches' | 'filters';
  /** Whether `auto` may take the filters-first plan. False keeps the choice between the walk and the matches, for comparisons. */
  filtersFirst: boolean;
  /**
   * Rows of the sort index per row of the page (the page size plus one) that
   * decide the plan: a page walks when it is expected to need at most half of
   * them (see `walksSortIndex`). The first step of a walk reads a tenth of them.
   */
  walkRowsPerPageRow: number;
  /**
   * Maximum rows of the sort index that the steps of a walk read in all, per
   * match counted by `countMatches`, for each engine. Null keeps the walk
   * within `walkRowsPerPageRow` per page row whatever the matches, as the
   * plan did before, for comparisons.
   */
  walkRowsPerMatch: Record<Engine, number> | null;
}

/**
 * A walk is taken for a text that at least 1 contact in 50 matches (see
 * `walksSortIndex`). At 100,000 generated contacts on a loaded 2-core
 * machine, a walk of 5,100 rows by name that kept no row took 5 to 12 ms on
 * SQLite and 20 to 27 ms on PostgreSQL. The texts were
 * `q=martin&hasAdvance=true` and a text without matches. On the same
 * data and kind of machine, timed in one process (bench/list-filters.bench.ts
 * times the same lists), reading the 3,978 matches of `martin` cost about
 * 5 µs per match on SQLite, and a walked row about 3 µs. On PostgreSQL the
 * count is of rows of the word index, 6,754 for `martin` because its
 * contacts' email addresses hold the name too. Those cost 4 to 6 µs each to
 * read as matches, against 5 to 8 µs per walked row. These are estimates
 * from a loaded machine. At 1,000,000 contacts on an idle machine, a text
 * that no walk fills (`elodie` by name) cost 1.41 to 1.48 times the fixed
 * bound with one row per match on SQLite, and 1.09 to 1.26 with half a row.
 * `martin` by name from Z gained as much with either (0.32). So the walk
 * reads at most half a row per counted match or counted row on both engines.
 */
export const defaultSortedSearchTuning: SortedSearchTuning = {
  plan: 'auto',
  filtersFirst: true,
  walkRowsPerPageRow: 100,
  walkRowsPerMatch: { sqlite: 0.5, postgres: 0.5 },
};

/**
 * Maximum matches counted to decide. A database so large that the decision
 * would need more takes the matches plan for every text.
 */
export const MAX_COUNTED_MATCHES = 50_000;

/** Returns the rows of the sort index against which a page of `limit` rows decides to walk (see `walksSortIndex`). */
export function walkRowLimit(limit: number, tuning: SortedSearchTuning): number {
  return (limit + 1) * tuning.walkRowsPerPageRow;
}

/**
 * Tells whether the page walks the sort index. A walk is expected to read
 * `(limit + 1) × contacts / matches` rows. It is taken when that is at most
 * half of `walkRowLimit`, so when the text matches at least
 * `2 × contacts / walkRowsPerPageRow` contacts. A count of the matches that
 * stops at that number decides.
 */
export async function walksSortIndex(
  db: Executor,
  context: ListContext,
  limit: number,
  tuning: SortedSearchTuning,
): Promise<boolean> {
  if (!context.terms || tuning.plan === 'matches' || tuning.plan === 'filters') return false;
  if (tuning.plan === 'walk') return true;

  const contacts = await estimatedContactCount(db, context.filter.engine);
  if (contacts <= 0) return false;
  const needed = Math.ceil((2 * (limit + 1) * contacts) / walkRowLimit(limit, tuning));
  if (needed > MAX_COUNTED_MATCHES) return false;
  return (await countMatches(db, context, needed)) >= needed;
}

/** Counts the matches of the search text from the search indexes (see `matchIds`), stopping at `maximum`. */
export async function countMatches(db: Executor, context: ListContext, maximum: number): Promise<number> {
  if (!context.terms) return 0;
  const { engine, businessId } = context.filter;
  const search = searchParameters(engine, context.terms);
  const counted = await sql<{ count: number | string }>`select count(*) as count from (${matchIds(engine, businessId, search)}
    limit ${maximum}) as matches`.execute(db);
  return Number(counted.rows[0]?.count ?? 0);
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
export async function estimatedContactCount(db: Executor, engine: Engine): Promise<number> {
  const result = engine === 'sqlite'
    ? await sql<{ count: number | null }>`select max(doc_id) as count from contact_fts_docs`.execute(db)
    : await sql<{ count: number | null }>`select reltuples as count from pg_class where oid = to_regclass('contacts')`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/**
 * Builds a query of one row per match of the search, read from the search
 * indexes in their own order, so that a LIMIT stops it early. A contact
 * that several indexes find is counted once by each. On SQLite the word and
 * phone indexes have no business column, so their rows are of every
 * business. On PostgreSQL a text of several words counts the contacts of
 * its longest word.
 */
function matchIds(engine: Engine, businessId: string, search: SearchParameters): RawBuilder<unknown> {
  const sources: RawBuilder<unknown>[] = [];
  const exact = exactIds(engine, businessId, search);
  if (exact) sources.push(exact);
  if (engine === 'sqlite') {
    if (search.wordsQuery !== undefined) {
      sources.push(sql`select rowid from contact_fts where contact_fts match ${search.wordsQuery}`);
    }
    if (search.digitsQuery !== undefined) {
      sources.push(sql`select rowid from contact_phone_fts where contact_phone_fts match ${search.digitsQuery}`);
    }
  } else {
    // Only the longest word's ranges are counted, from the index alone. A check of the other words per row made
    // `martin marie` count every `martin` to find 5 matches, 25 ms at 100,000 contacts. The walk's first
    // step finds out what the count overestimates, because such a text keeps the fixed bound (see `WalkBudget`).
    if (hasWords(search)) {
      for (const { low, high } of wordRanges(search, 0)) {
        sources.push(sql`select contact_words.contact_id from contact_words
          where contact_words.business_id = ${businessId}
          and contact_words.word >= ${low} and contact_words.word < ${high}`);
      }
    }
    if (hasDigits(search)) {
      sources.push(sql`select contacts.id from contacts where contacts.business_id = ${businessId} and ${digitsCondition(search)}`);
    }
  }
  if (sources.length === 0) return sql`select 1 where 1 = 0`;
  return sql.join(sources, sql` union all `);
}

/**
 * Builds the condition "the search matches the contact `contactId`" for a
 * walk, which checks each contact id it reads from the sort's index before
 * it reads the contact's row. It keeps the same contacts as
 * `searchCondition`.
 *
 * The exact keys, and on PostgreSQL the phone digits, are read once from
 * their indexes as the list of an IN. SQLite runs each FTS5 query once as
 * such a list too, and each id looks its document number up in it. A check
 * of one document (`contact_fts match ? and rowid = ?`) took 150 to 370 µs
 * at 100,000 contacts, because FTS5 prepares the whole query each time.
 * PostgreSQL looks each search word up in the index on
 * `contact_words (contact_id, word)` (migration 0042), fenced by `offset 0`
 * so that the planner keeps it a lookup rather than hashing every row of
 * the word's range.
 */
export function searchRowCondition(
  engine: Engine,
  businessId: string,
  search: SearchParameters,
  contactId: RawBuilder<unknown>,
): Expression<SqlBool> {
  const matches: Expression<SqlBool>[] = [];
  const exact = exactIds(engine, businessId, search);
  if (exact) matches.push(sql<SqlBool>`${contactId} in (${exact})`);
  if (engine === 'sqlite') {
    if (search.wordsQuery !== undefined) {
      matches.push(sqliteDocumentIn(contactId, sql`select rowid from contact_fts where contact_fts match ${search.wordsQuery}`));
    }
    if (search.digitsQuery !== undefined) {
      const digits = sql`select rowid from contact_phone_fts where contact_phone_fts match ${search.digitsQuery}`;
      matches.push(sqliteDocumentIn(contactId, digits));
    }
  } else {
    if (hasWords(search)) matches.push(postgresEveryWord(contactId, search));
    if (hasDigits(search)) {
      matches.push(sql<SqlBool>`${contactId} in (select contacts.id from contacts
        where contacts.business_id = ${businessId} and ${digitsCondition(search)})`);
    }
  }
  if (matches.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(matches, sql` or `)})`;
}

/**
 * Builds the ids of the contacts of `businessId` that an exact key names,
 * as one select per key or key range, or returns null for a search without
 * text. Each select has one index to read, so SQLite reads that index even
 * without statistics, where an OR of the keys could make it read every
 * contact of the business.
 */
function exactIds(engine: Engine, businessId: string, search: SearchParameters): RawBuilder<unknown> | null {
  const matches = exactMatches(engine, search);
  if (!matches) return null;
  const selects = matches.map((match) => sql`select contacts.id from contacts
    where contacts.business_id = ${businessId} and ${match}`);
  return sql.join(selects, sql` union all `);
}

function sqliteDocumentIn(contactId: RawBuilder<unknown>, documents: RawBuilder<unknown>): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from contact_fts_docs as doc
    where doc.contact_id = ${contactId} and doc.doc_id in (${documents}))`;
}

function postgresEveryWord(contactId: RawBuilder<unknown>, search: SearchParameters): Expression<SqlBool> {
  const words = (search.wordLows ?? []).map((_, i) => postgresHasWord(search, i, contactId));
  return sql<SqlBool>`(${sql.join(words, sql` and `)})`;
}

/** A row that a walk returns. */
export interface WalkedRow {
  /** 1 for the last row of the sort index within the walk's bound, which only shows where the walk stopped, else 0. */
  past_bound: number;
}

/**
 * Builds the walk. It reads the ids of the first `walkRows` contacts of the
 * business in `sort` order after the cursor from the sort's index. Of
 * those it returns the first `limit + 1` that the search matches and that
 * meet the filters and the visibility rule. The search is checked on the
 * id, so only the rows of matching contacts are read. The bound sits under
 * the filters, so the walk reads at most `walkRows` rows whatever they keep.
 *
 * When those rows fall short of `limit + 1`, the walk then reads the last
 * contact within its bound in the index, if the index has `walkRows`
 * rows after the cursor, and returns it with `past_bound` 1. The walk's own
 * statement thus shows whether it stopped at its bound, and where the next
 * step starts, or at the end of the list (see `readWalkedPage`). Callers
 * sort the rows again, by the sort key and the id.
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
  const { engine, businessId } = context.filter;
  const key = sortColumn(sort.field);
  const walked = walkedRows(db, businessId, sort, params.cursor, walkRows).select(['contacts.id', key]);
  const walkedKey = sql.ref(`walked.${key.slice('contacts.'.length)}`);
  const filter = { ...context.filter, sortField: sort.field };
  const conditions = [...filterConditions(params.filters, filter), ...visibilityConditions(actor)];
  if (context.terms) {
    conditions.unshift(searchRowCondition(engine, businessId, searchParameters(engine, context.terms), sql.ref('walked.id')));
  }
  // SQLite keeps the tables of a CROSS JOIN in the order written, so the walk drives and the page keeps its order.
  const joined = engine === 'sqlite'
    ? db.selectFrom(walked.as('walked')).crossJoin('contacts').whereRef('contacts.id', '=', 'walked.id')
    : db.selectFrom(walked.as('walked')).innerJoin('contacts', 'contacts.id', 'walked.id');
  const page = joined
    .select(columns as readonly 'contacts.id'[])
    .select(sql<number>`0`.as('past_bound'))
    .where((eb) => eb.and(conditions))
    .orderBy(walkedKey, sort.order)
    .orderBy('walked.id', sort.order)
    .limit(params.limit + 1);

  const next = walkedRows(db, businessId, sort, params.cursor, 1).offset(walkRows - 1).select('contacts.id');
  const nextRow = db.selectFrom(next.as('next')).innerJoin('contacts', 'contacts.id', 'next.id')
    .select(columns as readonly 'contacts.id'[])
    .select(sql<number>`1`.as('past_bound'));
  // Both engines run the branches of a UNION ALL in turn and stop at its LIMIT. The bound's last row
  // is thus read only when the page has room left, as EXPLAIN ANALYZE on PostgreSQL 15 and timings on
  // SQLite 3.53 showed. The walk itself keeps its plan.
  return db.selectFrom(page.as('page')).selectAll().unionAll(nextRow).limit(params.limit + 1);
}

/**
 * Tells whether the count of matches that chose the walk (`walksSortIndex`)
 * also gives the share of walked rows the page keeps. That is so when the
 * list has no filter besides the search text and its default status, the
 * actor may view every contact, and the count was of the whole search. On PostgreSQL a
 * text of several words counts the contacts of its longest word only.
 */
export function countGivesShare(actor: ContactActor, filters: ContactFilters, context: ListContext): boolean {
  const { q, status, includeInactive, flags, customFields, ...others } = filters;
  const filtered = Object.values(others).some((value) => value !== undefined)
    || Object.keys(flags).length > 0 || Object.keys(customFields).length > 0
    || (status !== undefined && status !== 'active') || includeInactive === true;
  if (filtered || visibilityConditions(actor).length > 0 || !context.terms) return false;
  return context.filter.engine === 'sqlite' || context.terms.words.length <= 1;
}

/**
 * Reads the page by walks of the sort index, or returns null when the page
 * must be read from the matches. `walk` runs the walk of `walkPageQuery`
 * after `cursor`, reading at most `walkRows` rows of the index and
 * returning at most `pageRows` rows.
 *
 * The walk goes in steps, each after the last row the previous one read.
 * The first step reads a tenth of `walkRowLimit`, and each next step ten
 * times the previous one. A step that fills the page, or reads to the end of
 * the list, ends the walk. The steps read at most `walkRowsPerMatch` rows
 * per match in all, because past that, reading every match is cheaper (see
 * `WalkBudget`). By the costs measured (see `defaultSortedSearchTuning`), a
 * walk that stops at its budget and then reads the matches costs at most
 * about twice the matches plan alone.
 *
 * With `searchAlone` (see `countGivesShare`) the steps go on whatever they
 * found, because the count showed that at least 1 contact in 50 matches.
 * The name sort groups a name's matches, so a stretch without any predicts
 * little about the next one. Otherwise, after the first step, the
 * share of its matches that met the other conditions estimates how many of
 * all the matches do, and so the rows that the rest of the page needs on
 * average (see `WalkBudget.coversFilteredWalk`). When those are beyond the
 * budget, the page is read from the matches at once. A filter that keeps
 * few of the matching contacts thus costs the first step and a count of its
 * matches only.
 */
export async function readWalkedPage<Row extends WalkedRow>(
  db: Executor,
  context: ListContext,
  sort: SortSpec,
  params: ContactListParams,
  tuning: SortedSearchTuning,
  searchAlone: boolean,
  walk: (cursor: string | undefined, walkRows: number, pageRows: number) => Promise<Row[]>,
): Promise<Omit<Row, 'past_bound'>[] | null> {
  const pageRows = params.limit + 1;
  const perMatch = tuning.walkRowsPerMatch?.[context.filter.engine] ?? null;
  const budget = new WalkBudget(db, context, walkRowLimit(params.limit, tuning), perMatch);
  const page: Omit<Row, 'past_bound'>[] = [];
  let cursor = params.cursor;
  let walked = 0;
  let walkRows = Math.ceil(walkRowLimit(params.limit, tuning) / 10);
  for (;;) {
    const step = walkedStep(await walk(cursor, walkRows, pageRows - page.length));
    page.push(...step.rows);
    if (page.length >= pageRows || step.last === null) return page;
    const firstStep = walked === 0;
    cursor = encodeSortCursor(sort, step.last as unknown as Parameters<typeof encodeSortCursor>[1]);
    walked += walkRows;

    if (!searchAlone) {
      if (page.length === 0) return null;
      if (budget.rowsPerMatch === null) {
        // The share of the rows walked so far that met every condition estimates the rows the page needs.
        const needed = Math.ceil(((pageRows - page.length) * walked) / page.length);
        if (!(await budget.allows(walked + needed))) return null;
      } else if (firstStep) {
        // Every kept row matched, so only contacts changed since the walk could make the count lower.
        const matched = Math.max(await countWalkedMatches(db, context, sort, params.cursor, walkRows), page.length);
        // The rows kept from a first stretch are a small sample, so the share takes them one
        // standard deviation low, as a Poisson count. One kept row, or none, ends the walk.
        const keptLow = page.length - Math.sqrt(page.length);
        if (keptLow <= 0) return null;
        if (!(await budget.coversFilteredWalk(walked, pageRows - page.length, keptLow / matched))) return null;
      }
    }
    walkRows = (await budget.allowedRows(walked + walkRows * 10)) - walked;
    if (walkRows <= 0) return null;
  }
}

/**
 * The rows of the sort index that the steps of one walk may read in all:
 * `rowsPerMatch` per match of the search text. It is `fixedRows` instead
 * when the tuning sets no `walkRowsPerMatch`, or when the count of matches
 * is not of the whole search, as for a text of several words on PostgreSQL
 * (see `matchIds`).
 * The matches are counted from the search indexes only up to what a step
 * needs, and again with a higher maximum when a later step needs more, so
 * that a walk that fills its page early counts few of them.
 */
class WalkBudget {
  readonly rowsPerMatch: number | null;
  private counted = 0;
  private countedUpTo = 0;

  constructor(
    private readonly db: Executor,
    private readonly context: ListContext,
    private readonly fixedRows: number,
    rowsPerMatch: number | null,
  ) {
    const countCoversSearch = context.filter.engine === 'sqlite' || (context.terms?.words.length ?? 0) <= 1;
    this.rowsPerMatch = countCoversSearch ? rowsPerMatch : null;
  }

  /** Returns `rows`, or less when the budget is smaller. */
  async allowedRows(rows: number): Promise<number> {
    if (this.rowsPerMatch === null) return Math.min(rows, this.fixedRows);
    const matches = await this.matchesUpTo(Math.ceil(rows / this.rowsPerMatch));
    return Math.min(rows, Math.floor(matches * this.rowsPerMatch));
  }

  /** Tells whether the budget reaches `rows` rows. */
  async allows(rows: number): Promise<boolean> {
    return (await this.allowedRows(rows)) >= rows;
  }

  /**
   * Tells whether the budget covers a walk that has read `walked` rows and
   * needs `rowsLeft` more rows of the page, when a share `keptShare` of the
   * matches meets the other conditions. With M matches among N contacts
   * (both counted over every status, see `estimatedContactCount`), the rest
   * of the page needs `rowsLeft × N / (M × keptShare)` rows on average. The
   * budget covers them when `rowsPerMatch × M` is at least `walked` plus
   * those, which holds for M at least the positive root of that quadratic.
   * The matches are counted up to that root only.
   */
  async coversFilteredWalk(walked: number, rowsLeft: number, keptShare: number): Promise<boolean> {
    if (this.rowsPerMatch === null) throw new Error('coversFilteredWalk called on a budget without rows per match');
    const contacts = await estimatedContactCount(this.db, this.context.filter.engine);
    const perMatch = this.rowsPerMatch;
    const neededMatches = (walked + Math.sqrt(walked * walked + (4 * perMatch * rowsLeft * contacts) / keptShare)) / (2 * perMatch);
    if (neededMatches > MAX_COUNTED_MATCHES) return false;
    return (await this.matchesUpTo(Math.ceil(neededMatches))) >= neededMatches;
  }

  /** Returns the matches counted up to `maximum`, counting again only when an earlier count stopped at a lower maximum. */
  private async matchesUpTo(maximum: number): Promise<number> {
    const capped = Math.min(maximum, MAX_COUNTED_MATCHES);
    // A count that stopped below its maximum is the whole count.
    if (capped > this.countedUpTo && this.counted === this.countedUpTo) {
      this.counted = await countMatches(this.db, this.context, capped);
      this.countedUpTo = capped;
    }
    return this.counted;
  }
}

/**
 * Counts the contacts that the search matches among the `walkRows` rows of
 * the sort index after `cursor`, whatever the other conditions. It reads
 * the same rows as the walk, with the search check only.
 */
async function countWalkedMatches(
  db: Executor,
  context: ListContext,
  sort: SortSpec,
  cursor: string | undefined,
  walkRows: number,
): Promise<number> {
  if (!context.terms) return 0;
  const { engine, businessId } = context.filter;
  const walked = walkedRows(db, businessId, sort, cursor, walkRows).select('contacts.id');
  const search = searchRowCondition(engine, businessId, searchParameters(engine, context.terms), sql.ref('walked.id'));
  const counted = await db.selectFrom(walked.as('walked'))
    .select((eb) => eb.fn.countAll().as('count'))
    .where(search)
    .executeTakeFirst();
  return Number(counted?.count ?? 0);
}

/**
 * Splits the rows of one step of a walk into the page's rows and the last
 * row of the index that the step read, flagged `past_bound` 1. That row is
 * missing when the step read to the end of the list, so that its rows are
 * the whole rest of the list.
 */
function walkedStep<Row extends WalkedRow>(walked: Row[]) {
  const rows: Omit<Row, 'past_bound'>[] = [];
  let last: Omit<Row, 'past_bound'> | null = null;
  for (const { past_bound: pastBound, ...row } of walked) {
    if (pastBound === 1) last = row;
    else rows.push(row);
  }
  return { rows, last };
}

function walkedRows(db: Executor, businessId: string, sort: SortSpec, cursor: string | undefined, walkRows: number) {
  let query = db.selectFrom('contacts').where('contacts.business_id', '=', businessId);
  if (cursor) query = query.where(afterCursor(sort, cursor));
  return query
    .orderBy(sql.ref(sortColumn(sort.field)), sort.order)
    .orderBy('contacts.id', sort.order)
    .limit(walkRows);
}
