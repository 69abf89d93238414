/**
 * The filters-first plan of a sorted page with a search text. The page
 * reads the contacts that the filters and the visibility rule keep, by the
 * indexes of the filters, checks the search on each of them
 * (`searchRowCondition`), sorts the rest and keeps the page after the
 * cursor. It costs in proportion to the contacts that the filters keep,
 * where the matches plan costs in proportion to the matches. A page takes it
 * when a count of the matches and a sample of the contacts show fewer
 * filtered contacts than matches (see `readsFiltersFirst`).
 *
 * It keeps the same contacts as the other plans, because its conditions are
 * the list's own (`listConditions`) with the search written per row, as the
 * walk writes it.
 */
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { ContactActor } from '../visibility.ts';
import { type ContactFilters, filterConditions } from './filters.ts';
import type { ContactListParams, ListContext } from './list-rows.ts';
import { visibilityConditions } from './search-contacts.ts';
import { searchParameters } from './search-sql.ts';
import { afterCursor, type SortSpec, unindexedSortKey } from './sort.ts';
import {
  countMatches, estimatedContactCount, MAX_COUNTED_MATCHES, searchRowCondition, type SortedSearchTuning,
} from './sorted-search.ts';

/**
 * Tells whether the list has a filter that an index of `contacts` reads as
 * a range: the type, an explicit status, a customer group, a flag, the last
 * sale, the birthday or the creation date. The custom fields, the assigned
 * user and the visibility rule are checked on each contact that such a
 * range gives, so a list with those alone would count every contact of the
 * business to find that few match them.
 */
export function hasIndexedFilter(filters: ContactFilters): boolean {
  const { type, status, customerGroupId, flags, noSaleSince, birthdayFrom, birthdayTo, createdFrom, createdTo } = filters;
  const ranges = [type, status, customerGroupId, noSaleSince, birthdayFrom, birthdayTo, createdFrom, createdTo];
  return ranges.some((value) => value !== undefined) || Object.keys(flags).length > 0;
}

/** Contacts of the business, in name order, from which the share that the filters keep is estimated. */
export const FILTER_SAMPLE_ROWS = 510;

/**
 * Cost of reading a filtered contact and checking the search on it, as a
 * multiple of the cost of reading a match and checking the filters. At
 * 1,000,000 generated contacts it was 1.8 on SQLite and 1.3 on PostgreSQL
 * (docs/benchmarks.md), so the plan is taken only where it reads clearly
 * fewer rows.
 */
export const FILTERED_CONTACT_COST = 2;

/**
 * Tells whether the page reads the filtered contacts first (see the file's
 * comment). The matches are counted as `countMatches` counts them, up to
 * `MAX_COUNTED_MATCHES`. The first `FILTER_SAMPLE_ROWS` contacts of the
 * business in name order then give the share that the filters keep, and so
 * an estimate of the filtered contacts. The page takes the plan when that
 * estimate, times `FILTERED_CONTACT_COST`, is below the matches.
 *
 * The filtered contacts are not counted, because such a count reads them by
 * one filter's index and checks the other filters on each, which can need
 * the contact's row. It costs about as much per contact as the matches plan
 * per match. At 100,000 contacts a count stopped at the matches doubled the
 * time of `q=martin&type=supplier&overdue=true`, whose filters keep 14,762
 * contacts for 3,978 matches. Where the sample errs by a standard
 * deviation or so, both plans read about as many rows.
 * NOTE: a filter that keeps contacts grouped in name order (a custom field
 * of names, say) can make the sample wrong by far more. The page then reads
 * more filtered contacts than matches, or walks or reads the matches where
 * the filtered contacts are fewer.
 */
export async function readsFiltersFirst(
  db: Executor,
  actor: ContactActor,
  filters: ContactFilters,
  context: ListContext,
  tuning: SortedSearchTuning,
): Promise<boolean> {
  if (!context.terms || tuning.plan === 'walk' || tuning.plan === 'matches') return false;
  if (tuning.plan === 'filters') return true;
  if (!tuning.filtersFirst || !hasIndexedFilter(filters)) return false;

  const matches = await countMatches(db, context, MAX_COUNTED_MATCHES);
  if (matches === 0) return false;
  const sample = await sampleFilteredContacts(db, actor, filters, context);
  // A sample shorter than asked is every contact of the business, so its kept rows are the whole count.
  if (sample.rows < FILTER_SAMPLE_ROWS) return sample.kept * FILTERED_CONTACT_COST < matches;

  const contacts = await estimatedContactCount(db, context.filter.engine);
  return (sample.kept * contacts * FILTERED_CONTACT_COST) / sample.rows < matches;
}

/**
 * Reads the first `FILTER_SAMPLE_ROWS` contacts of the business, of every
 * status, in name order, and counts those rows and the ones that the
 * filters and the visibility rule keep.
 */
export async function sampleFilteredContacts(
  db: Executor,
  actor: ContactActor,
  filters: ContactFilters,
  context: ListContext,
): Promise<{ rows: number; kept: number }> {
  const conditions = [...filterConditions(filters, context.filter), ...visibilityConditions(actor)];
  const first = db.selectFrom('contacts')
    .selectAll()
    .where('contacts.business_id', '=', context.filter.businessId)
    .orderBy('contacts.sort_name')
    .orderBy('contacts.id')
    .limit(FILTER_SAMPLE_ROWS);
  // The sample keeps the name `contacts`, so that the filters' conditions apply to its rows.
  const counted = await db.selectFrom(first.as('contacts'))
    .select((eb) => eb.fn.countAll().as('sampled'))
    .select(sql<number>`sum(case when ${sql.join(conditions, sql` and `)} then 1 else 0 end)`.as('kept'))
    .executeTakeFirst();
  return { rows: Number(counted?.sampled ?? 0), kept: Number(counted?.kept ?? 0) };
}

/**
 * Builds the query of the page's rows by the filters-first plan, in `sort`
 * order after the cursor. The sort key is written so that no index matches
 * it (`unindexedSortKey`), so each engine reads the contacts by the index
 * of a filter and sorts the ones that pass, rather than read the sort's
 * index and check every contact. The filters are written as for the totals,
 * without the page's sort field, for the same reason.
 */
export function filtersFirstPageQuery(
  db: Executor,
  actor: ContactActor,
  params: ContactListParams,
  context: ListContext,
  sort: SortSpec,
  columns: readonly `contacts.${string}`[],
) {
  const { engine, businessId } = context.filter;
  const conditions = [...filterConditions(params.filters, context.filter), ...visibilityConditions(actor)];
  if (context.terms) {
    conditions.push(searchRowCondition(engine, businessId, searchParameters(engine, context.terms), sql.ref('contacts.id')));
  }
  if (params.cursor) conditions.push(afterCursor(sort, params.cursor, true));
  return db
    .selectFrom('contacts')
    .select(columns as readonly 'contacts.id'[])
    .where((eb) => eb.and(conditions))
    .orderBy(unindexedSortKey(sort.field), sort.order)
    .orderBy('contacts.id', sort.order)
    .limit(params.limit + 1);
}
