/**
 * The rows of one contact list page: filters, visibility, the search text,
 * and either a sort with keyset cursors or, for a search without a sort,
 * relevance order.
 */
import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { executeNamed } from '../../db/query-templates.ts';
import type { ContactRow } from '../../db/schema.ts';
import { overdueSql } from '../../ledger/account.ts';
import { todayIn } from '../../ledger/dates.ts';
import { usablePointsSql } from '../../loyalty/points-sql.ts';
import { loadContactBusiness } from '../business.ts';
import { contactColumns } from '../columns.ts';
import { type ContactField, fieldColumns, type SideFigure } from '../list-fields.ts';
import { assignedUserIdsSql } from '../serialize.ts';
import type { ContactBusiness } from '../validate.ts';
import type { ContactActor } from '../visibility.ts';
import { balancePageParts, type PagePart } from './balance-parts.ts';
import { type ContactFilters, type FilterContext, filterConditions } from './filters.ts';
import { filtersFirstPageQuery, readsFiltersFirst } from './filters-first.ts';
import { compareRanks } from './rank.ts';
import { engineOf, searchContacts, visibilityConditions } from './search-contacts.ts';
import { postgresSearchIds, searchCondition, searchParameters } from './search-sql.ts';
import { readSearchTerms, type SearchTerms } from './search-terms.ts';
import {
  countGivesShare, defaultSortedSearchTuning, readWalkedPage, type SortedSearchTuning, type WalkedRow, walkPageQuery, walksSortIndex,
} from './sorted-search.ts';
import {
  afterCursor, decodeRankCursor, encodeRankCursor, encodeSortCursor, sortColumn, type SortOrder, type SortSpec, unindexedSortKey,
} from './sort.ts';

const contactSelection = contactColumns.map((column) => `contacts.${column}` as const);
const everySideFigure: SideFigure[] = ['assigned_user_ids', 'overdue', 'points'];

/** Candidates read from each index for a list in relevance order. */
export const LIST_CANDIDATES = 500;

export interface ContactListParams {
  filters: ContactFilters;
  /** Null: relevance with a search text, else name ascending. */
  sort: SortSpec | null;
  /** Relevance order with a search text and no sort: best match first (`asc`) or last (`desc`). */
  relevanceOrder: SortOrder;
  limit: number;
  cursor?: string;
  /** The fields of each item of the response (`fields=`), or null for every field. */
  fields: ContactField[] | null;
}

/**
 * A contact row of a list page, with the figures the list shows beside it,
 * read in the same statement. A request that names its fields reads only the
 * columns and figures of those, so the other properties are then missing.
 */
export interface ListedContactRow extends ContactRow {
  /** Assigned user ids, comma-separated; null without any. */
  assigned_user_ids: string | null;
  /** Overdue receivable in minor units (a numeric string on PostgreSQL). */
  overdue: number | string;
  /** Usable loyalty points today (a numeric string on PostgreSQL). */
  points: number | string;
}

export interface ContactRowPage {
  rows: ListedContactRow[];
  nextCursor: string | null;
  /** True when more contacts match the search than relevance order ranked. */
  truncated: boolean;
}

export interface ListContext {
  business: ContactBusiness;
  filter: FilterContext;
  terms: SearchTerms | null;
}

/** Reads what the filters and the search need from the business; a given `business` is not read again. */
export async function listContext(
  db: Executor,
  actor: ContactActor,
  filters: ContactFilters,
  business?: ContactBusiness,
): Promise<ListContext> {
  if (!business) business = await loadContactBusiness(db, actor.businessId);
  const filter: FilterContext = {
    businessId: actor.businessId,
    engine: engineOf(db),
    today: todayIn(business.timezone),
    timezone: business.timezone,
  };
  return { business, filter, terms: filters.q ? readSearchTerms(filters.q, business.country) : null };
}

/**
 * Returns every condition of the list: business, visibility, filters, and
 * the search text when given. `everyMatch` marks a statement that reads
 * every match, such as the totals, whose search PostgreSQL reads as an array
 * of ids (see `postgresSearchIds`).
 */
export function listConditions(actor: ContactActor, filters: ContactFilters, context: ListContext, everyMatch = false) {
  const conditions = [...filterConditions(filters, context.filter), ...visibilityConditions(actor)];
  if (context.terms) {
    const { engine, businessId } = context.filter;
    const search = searchParameters(engine, context.terms);
    conditions.push(engine === 'postgres' && everyMatch ? postgresSearchIds(businessId, search) : searchCondition(engine, businessId, search));
  }
  return conditions;
}

/**
 * Reads one page of the list. `tuning` sets how a sorted page with a search
 * text picks its plan (see sorted-search.ts and filters-first.ts). Only tests
 * and benchmarks change it.
 */
export async function listContactRows(
  db: Executor,
  actor: ContactActor,
  params: ContactListParams,
  business?: ContactBusiness,
  tuning: SortedSearchTuning = defaultSortedSearchTuning,
): Promise<ContactRowPage> {
  const context = await listContext(db, actor, params.filters, business);
  if (context.terms && params.sort === null) return relevancePage(db, actor, params, context.terms, context);

  const sort = params.sort ?? { field: 'name', order: 'asc' };
  const selection = rowSelection(params.fields, sortColumn(sort.field));
  // The side figures are selected around the page, so they are read for its
  // rows only. The outer query sorts those rows again because SQL keeps no
  // order through a subquery. The page names its columns, so that it can run
  // as a named statement. Without side figures the page runs alone, unless it
  // is a walk, whose rows come out of a UNION ALL.
  const pageSortColumn = sortColumn(sort.field).slice('contacts.'.length);
  const readPage = async (page: SelectQueryBuilder<any, any, any>, sortAgain = false) => (selection.sides.length === 0 && !sortAgain
    ? await executeNamed(db, page)
    : await executeNamed(db, db
      .selectFrom(page.as('page'))
      .selectAll()
      .select(sideFigures(context, sql.ref('page.id'), selection.sides))
      .orderBy(sql.ref(`page.${pageSortColumn}`), sort.order)
      .orderBy('page.id', sort.order))) as ListedContactRow[];

  let rows: ListedContactRow[] | null = null;
  if (await readsFiltersFirst(db, actor, params.filters, context, tuning)) {
    rows = await readPage(filtersFirstPageQuery(db, actor, params, context, sort, selection.columns));
  } else if (await walksSortIndex(db, context, params.limit, tuning)) {
    const walk = async (cursor: string | undefined, walkRows: number, pageRows: number) => {
      const step: ContactListParams = { ...params, limit: pageRows - 1 };
      if (cursor) step.cursor = cursor;
      return (await readPage(walkPageQuery(db, actor, step, context, sort, selection.columns, walkRows), true)) as (ListedContactRow & WalkedRow)[];
    };
    const searchAlone = countGivesShare(actor, params.filters, context);
    rows = await readWalkedPage(db, context, sort, params, tuning, searchAlone, walk);
  }
  rows ??= await readPage(sortedPageQuery(db, actor, params, context, sort, selection.columns));

  const pageRows = rows.slice(0, params.limit);
  const last = pageRows[pageRows.length - 1];
  const nextCursor = rows.length > params.limit && last ? encodeSortCursor(sort, last) : null;
  return { rows: pageRows, nextCursor, truncated: false };
}

/**
 * Builds the query of the page's rows in `sort` order, after the cursor.
 * A page sorted by balance whose filter leaves out the contacts at one end
 * of the balance index is read in parts, each limited to the page, and
 * merged (see balance-parts.ts).
 */
export function sortedPageQuery(
  db: Executor,
  actor: ContactActor,
  params: ContactListParams,
  context: ListContext,
  sort: SortSpec,
  columns: readonly (typeof contactSelection)[number][],
) {
  const part = (pagePart?: PagePart) => {
    const filter: FilterContext = { ...context.filter, sortField: sort.field };
    if (pagePart) filter.pagePart = { replaces: pagePart.replaces, condition: pagePart.condition };
    // A sorted part writes its sort key in a form no index matches. The engine then reads it by its
    // conditions' index, rather than read the balance index past the contacts of the other parts.
    const unindexed = pagePart?.sorted ?? false;
    let query = db
      .selectFrom('contacts')
      .select(columns)
      .where((eb) => eb.and(listConditions(actor, params.filters, { ...context, filter })));
    if (params.cursor) query = query.where(afterCursor(sort, params.cursor, unindexed));
    return query
      .orderBy(unindexed ? unindexedSortKey(sort.field) : sql.ref(sortColumn(sort.field)), sort.order)
      .orderBy('contacts.id', sort.order)
      .limit(params.limit + 1);
  };
  const parts = sort.field === 'balance' ? balancePageParts(params.filters, sort.order, context.filter.today) : null;
  if (!parts) return part();

  const [first, ...rest] = parts.map((pagePart) => db.selectFrom(part(pagePart).as(`${pagePart.name}_part`)).selectAll());
  const merged = rest.reduce((all, query) => all.unionAll(query), first!);
  return db
    .selectFrom(merged.as('merged'))
    .selectAll()
    .orderBy(sql.ref('merged.balance'), sort.order)
    .orderBy(sql.ref('merged.id'), sort.order)
    .limit(params.limit + 1);
}

/**
 * Returns the `contacts` columns and side figures a page reads for `fields`
 * (every one for null), with the id and the sort column that cursors need.
 */
function rowSelection(fields: ContactField[] | null, sortBy: string | null) {
  if (fields === null) return { columns: contactSelection, sides: everySideFigure };
  const needed = fieldColumns(fields);
  const columns = new Set<string>(['contacts.id', ...needed.columns.map((name) => `contacts.${name}`)]);
  if (sortBy) columns.add(sortBy);
  return { columns: [...columns] as typeof contactSelection, sides: needed.sides };
}

/** Builds the select expressions of the `sides` figures (assigned users, overdue, points) of the contact `contactId`. */
function sideFigures(context: ListContext, contactId: RawBuilder<unknown>, sides: readonly SideFigure[]) {
  const { engine, businessId, today } = context.filter;
  return sides.map((side) => {
    switch (side) {
      case 'assigned_user_ids':
        return assignedUserIdsSql(engine, businessId, contactId).as('assigned_user_ids');
      case 'overdue':
        return overdueSql(businessId, contactId, today).as('overdue');
      case 'points':
        return usablePointsSql(businessId, contactId, today).as('points');
    }
  });
}

async function relevancePage(
  db: Executor,
  actor: ContactActor,
  params: ContactListParams,
  terms: SearchTerms,
  context: ListContext,
): Promise<ContactRowPage> {
  const conditions = [...filterConditions(params.filters, context.filter), ...visibilityConditions(actor)];
  const { ranked, truncated } = await searchContacts(db, actor.businessId, terms, conditions, LIST_CANDIDATES);

  // The ranking is computed whole on every page, so its reverse costs no more than itself.
  const order = params.relevanceOrder;
  const direction = order === 'asc' ? 1 : -1;
  const ordered = order === 'asc' ? ranked : [...ranked].reverse();
  const after = params.cursor ? decodeRankCursor(params.cursor, order) : null;
  const remaining = after ? ordered.filter((candidate) => direction * compareRanks(candidate.rank, after) > 0) : ordered;
  const page = remaining.slice(0, params.limit);
  const rows = await loadRows(db, context, page.map((candidate) => candidate.row.id), params.fields);
  const last = page[page.length - 1];
  const nextCursor = remaining.length > params.limit && last ? encodeRankCursor(last.rank, order) : null;
  return { rows, nextCursor, truncated };
}

/** Rows of `ids` with the columns and side figures of `fields`, in the order given. */
async function loadRows(
  db: Executor,
  context: ListContext,
  ids: string[],
  fields: ContactField[] | null,
): Promise<ListedContactRow[]> {
  if (ids.length === 0) return [];
  const selection = rowSelection(fields, null);
  let query = db
    .selectFrom('contacts')
    .select(selection.columns)
    .where('contacts.business_id', '=', context.filter.businessId)
    .where('contacts.id', 'in', ids);
  if (selection.sides.length > 0) query = query.select(sideFigures(context, sql.ref('contacts.id'), selection.sides));
  const rows = (await query.execute()) as ListedContactRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((row): row is ListedContactRow => row !== undefined);
}
