/**
 * Query parameters of the contact list (`GET /contacts`) and of its totals,
 * read into filters, a sort and a page. Parameters outside these lists, and
 * values outside theirs, are rejected with 422 and the parameter's path.
 */
import { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import { IssueList } from '../../shared/errors.ts';
import { contactFields, readContactFields } from '../list-fields.ts';
import { acceptCustomFieldKeys, checkFilterRefs, type ContactFilters, filterParams, readContactFilters } from './filters.ts';
import type { ContactListParams } from './list-rows.ts';
import { type SortField, sortFields, sortOrders } from './sort.ts';
import { integerParameter } from '../../server/query-parameters.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const pageParams = {
  limit: integerParameter(1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE),
  cursor: z.string().max(500).optional(),
  sort: z.enum(sortFields).optional().describe('default: relevance with q, else name'),
  order: z.enum(sortOrders).optional().describe(
    'default asc. Without sort, order sorts by name, but with q it is rejected (order_without_sort) because relevance has no order to reverse',
  ),
  fields: z.string().max(2000).optional().describe(
    `fields of each item, separated by commas, among ${contactFields.join(', ')}. ` +
      'Items then hold these fields and id, and nothing else. Default: every field. ' +
      'A 422 names each unknown name once, and empty names once in all.',
  ),
};

const customFieldNote =
  'customField[custom1]=value (custom1 to custom10) keeps contacts whose custom field equals value, ' +
  'ignoring case and accents as q does (on SQLite, for Latin letters only)';

/** The list's query string; `customField[…]` keys pass through to `readContactListQuery`. */
export const contactListQuery = acceptCustomFieldKeys(z
  .object({ ...pageParams, ...filterParams })
  .catchall(z.string())
  .describe(customFieldNote));

/** The totals' query string: the list's filters without paging or sort. */
export const contactTotalsQuery = acceptCustomFieldKeys(z.object(filterParams).catchall(z.string()).describe(customFieldNote));

const listKeys = new Set(Object.keys(pageParams));
const noKeys = new Set<string>();

// TODO: unlike a saved view, the list and its totals report an unknown parameter alone, and their
// date, day-of-year, group and user checks only after the query schema's checks pass.
export async function readContactListQuery(
  db: Executor,
  businessId: string,
  query: Record<string, unknown>,
): Promise<ContactListParams> {
  const issues = new IssueList();
  const filters = readContactFilters(query, listKeys, issues);
  const fields = typeof query.fields === 'string' ? readContactFields(query.fields, issues) : null;
  const field = query.sort as SortField | undefined;
  // A search without a sort is ranked by relevance, which has no reverse,
  // and guessing a field for `order` would drop the ranking unasked.
  if (filters.q && query.order !== undefined && field === undefined) {
    issues.add('order', 'order_without_sort', { value: String(query.order) });
  }
  await checkFilterRefs(db, businessId, filters, issues);
  issues.throwIfAny();
  const order = (query.order as 'asc' | 'desc' | undefined) ?? 'asc';
  const sort = field ? { field, order } : query.order ? { field: 'name' as const, order } : null;
  return {
    filters,
    sort,
    limit: Number(query.limit ?? DEFAULT_PAGE_SIZE),
    ...(typeof query.cursor === 'string' ? { cursor: query.cursor } : {}),
    fields,
  };
}

export async function readContactTotalsQuery(
  db: Executor,
  businessId: string,
  query: Record<string, unknown>,
): Promise<ContactFilters> {
  const issues = new IssueList();
  const filters = readContactFilters(query, noKeys, issues);
  await checkFilterRefs(db, businessId, filters, issues);
  issues.throwIfAny();
  return filters;
}
