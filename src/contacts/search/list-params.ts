/**
 * Query parameters of the contact list (`GET /contacts`) and of its totals,
 * read into filters, a sort and a page. Parameters outside these lists, and
 * values outside theirs, are rejected with one 422 that names each with
 * its path.
 */
import { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import { type FieldIssue, IssueList } from '../../shared/errors.ts';
import { contactFields, readContactFields } from '../list-fields.ts';
import { acceptCustomFieldKeys, checkFilterRefs, type ContactFilters, filterParams, readContactFilters } from './filters.ts';
import type { ContactListParams } from './list-rows.ts';
import { invalidCursorIssue, isListCursor, type SortField, sortFields, type SortOrder, sortOrders } from './sort.ts';
import { integerParameter, unreportedParameters } from '../../server/query-parameters.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const pageParams = {
  limit: integerParameter(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  cursor: z.string().max(500).optional(),
  sort: z.enum([...sortFields, 'relevance']).optional().describe(
    'default: relevance with q, else name. relevance needs q, and with order=desc it returns the least relevant matches first',
  ),
  order: z.enum(sortOrders).optional().describe(
    'default asc. Without sort, order sorts by name, but with q it is rejected (order_without_sort) rather than drop the ranking: ' +
      'send sort=relevance&order=desc for the ranking from its end',
  ),
  fields: z.string().max(2000).optional().describe(
    `fields of each item, separated by commas, among ${contactFields.join(', ')}. ` +
      'Items then hold these fields and id, and nothing else. Default: every field. ' +
      'A 422 names each unknown name once, empty names once in all, and each repeat of a name with its position.',
  ),
};

const customFieldNote =
  'customField[custom1]=value (custom1 to custom10) keeps contacts whose custom field equals value, ' +
  'ignoring case and accents as q does (on SQLite, for Latin letters only), and reading each run of white space as one space. ' +
  'An unknown field (customField[custom11]) or an empty value returns 422, whose path is the parameter as sent';

/** The list's query string; `customField[…]` keys pass through to `readContactListQuery`. */
export const contactListQuery = acceptCustomFieldKeys(z
  .object({ ...pageParams, ...filterParams })
  .catchall(z.string())
  .describe(customFieldNote));

/** The totals' query string: the list's filters without paging or sort. */
export const contactTotalsQuery = acceptCustomFieldKeys(z.object(filterParams).catchall(z.string()).describe(customFieldNote));

const listKeys = new Set(Object.keys(pageParams));
const noKeys = new Set<string>();

/**
 * Reads the list's query into filters, a sort and a page. `found` contains
 * the issues that the route's schema and parameter names found first (see
 * `queryIssues`). The parameters they report are skipped, the others get
 * the list's own checks, and one 422 names every issue of both.
 */
export async function readContactListQuery(
  db: Executor,
  businessId: string,
  query: Record<string, unknown>,
  found: readonly FieldIssue[] = [],
): Promise<ContactListParams> {
  const issues = new IssueList();
  issues.items.push(...found);
  const accepted = unreportedParameters(query, found);
  const filters = readContactFilters(accepted, listKeys, issues);
  const fields = typeof accepted.fields === 'string' ? readContactFields(accepted.fields, issues) : null;
  const relevance = accepted.sort === 'relevance';
  const field = relevance ? undefined : (accepted.sort as SortField | undefined);
  if (relevance && filters.q === undefined) issues.add('sort', 'relevance_without_search', { parameter: 'sort', value: 'relevance' });
  // A search without a sort is ranked by relevance, and guessing a field for
  // `order` would drop the ranking unasked, so the reverse ranking needs
  // sort=relevance. A `sort` already reported as invalid is a sort the
  // caller meant to give.
  const orderWithoutSort = filters.q !== undefined && accepted.order !== undefined && query.sort === undefined;
  if (orderWithoutSort) issues.add('order', 'order_without_sort', { value: String(accepted.order) });
  const order = (accepted.order as SortOrder | undefined) ?? 'asc';
  const sort = field ? { field, order } : accepted.order && !relevance ? { field: 'name' as const, order } : null;
  const relevanceOrder = relevance ? order : 'asc';
  // A cursor belongs to one order, which is known only when q, sort and order were accepted.
  const cursor = typeof accepted.cursor === 'string' ? accepted.cursor : undefined;
  const orderKnown = !orderWithoutSort && ['q', 'sort', 'order'].every((key) => query[key] === accepted[key]);
  if (cursor !== undefined && orderKnown) {
    const cursorOrder = sort ?? (filters.q ? null : { field: 'name' as const, order: 'asc' as const });
    if (!isListCursor(cursorOrder, cursor, relevanceOrder)) issues.items.push(invalidCursorIssue(cursor));
  }
  await checkFilterRefs(db, businessId, filters, issues);
  issues.throwIfAny();
  return {
    filters,
    sort,
    relevanceOrder,
    limit: Number(accepted.limit ?? DEFAULT_PAGE_SIZE),
    ...(cursor !== undefined ? { cursor } : {}),
    fields,
  };
}

/** Reads the totals' query into filters, checked as `readContactListQuery` checks the list's. */
export async function readContactTotalsQuery(
  db: Executor,
  businessId: string,
  query: Record<string, unknown>,
  found: readonly FieldIssue[] = [],
): Promise<ContactFilters> {
  const issues = new IssueList();
  issues.items.push(...found);
  const filters = readContactFilters(unreportedParameters(query, found), noKeys, issues);
  await checkFilterRefs(db, businessId, filters, issues);
  issues.throwIfAny();
  return filters;
}
