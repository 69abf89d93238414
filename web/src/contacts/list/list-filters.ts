/**
 * The list's state in the page address: the search text, the filters under
 * the list API's own parameter names, the sort and the saved view. The same
 * parameters go to the list, to its totals and into saved views.
 */
import { customFieldKeys, type CustomFieldKey } from '../../api/types.ts';
import { withoutRejectedCharacters } from '../../shared/address-text.ts';
import { isCalendarDate, isMonthDay } from '../../shared/dates.ts';
import type { ContactSection } from '../api.ts';
import type { ListQuery, SortField, SortSpec } from './list-api.ts';

export const flagFilters = [
  'hasReceivableDue',
  'hasPayableDue',
  'overdue',
  'hasAdvance',
  'hasOpeningBalance',
  'overCreditLimit',
] as const;
export type FlagFilter = (typeof flagFilters)[number];
const flagSet = new Set<string>(flagFilters);

/** Filters the "add a filter" menu offers, in its order. */
export const filterIds = [
  'overdue',
  'hasReceivableDue',
  'hasPayableDue',
  'hasAdvance',
  'hasOpeningBalance',
  'overCreditLimit',
  'customerGroupId',
  'assignedUserId',
  'noSaleSince',
  'birthday',
  'created',
  'status',
  'type',
  'customField',
] as const;
export type FilterId = (typeof filterIds)[number];

export type StatusChoice = 'active' | 'inactive' | 'all';

/** Address parameters of each filter; a custom field filter uses `customField[customN]`. */
const paramsOf: Record<Exclude<FilterId, 'customField'>, string[]> = {
  overdue: ['overdue'],
  hasReceivableDue: ['hasReceivableDue'],
  hasPayableDue: ['hasPayableDue'],
  hasAdvance: ['hasAdvance'],
  hasOpeningBalance: ['hasOpeningBalance'],
  overCreditLimit: ['overCreditLimit'],
  customerGroupId: ['customerGroupId'],
  assignedUserId: ['assignedUserId'],
  noSaleSince: ['noSaleSince'],
  birthday: ['birthdayFrom', 'birthdayTo'],
  created: ['createdFrom', 'createdTo'],
  status: ['status'],
  type: ['type'],
};

const filterKeys = new Set(Object.values(paramsOf).flat());

export function customFieldParam(key: CustomFieldKey): string {
  return `customField[${key}]`;
}

/** Returns the custom field a `customField[customN]` parameter names, or null. */
export function customFieldOf(param: string): CustomFieldKey | null {
  const key = /^customField\[(custom\d+)\]$/.exec(param)?.[1];
  return key && (customFieldKeys as readonly string[]).includes(key) ? (key as CustomFieldKey) : null;
}

/** One chip: the filter and the address parameters it sets. */
export interface ActiveFilter {
  id: FilterId;
  /** The custom field, for `customField` chips. */
  field?: CustomFieldKey;
  values: Record<string, string>;
}

/** Lists the filters the address sets, one entry per chip, in menu order. */
export function activeFilters(params: URLSearchParams): ActiveFilter[] {
  const chips: ActiveFilter[] = [];
  for (const id of filterIds) {
    if (id === 'customField') continue;
    const values: Record<string, string> = {};
    for (const key of paramsOf[id]) {
      const value = params.get(key);
      if (value) values[key] = value;
    }
    if (Object.keys(values).length > 0) chips.push({ id, values });
  }
  for (const [key, value] of params) {
    const field = customFieldOf(key);
    if (field) chips.push({ id: 'customField', field, values: { [key]: value } });
  }
  return chips;
}

const dateParams = new Set(['noSaleSince', 'createdFrom', 'createdTo']);
const monthDayParams = new Set(['birthdayFrom', 'birthdayTo']);

/** Tells whether the list reads `value` of parameter `key` as written, rather than rejecting or replacing it. */
function isValidParam(key: string, value: string): boolean {
  if (flagSet.has(key)) return value === 'true' || value === 'false';
  if (dateParams.has(key)) return isCalendarDate(value);
  // The API also takes a whole date as a birthday bound, and ignores its year.
  if (monthDayParams.has(key)) return isMonthDay(value) || isCalendarDate(value);
  if (key === 'status') return value === 'active' || value === 'inactive' || value === 'all';
  // The list reads any other type as the type of its own section.
  if (key === 'type') return value === 'both';
  // Group and user ids and custom field values are checked by the server.
  return true;
}

/**
 * Tells whether the list applies the chip's values as written. A chip with
 * another value (a flag of "maybe", a date that names no day) shows it as
 * typed and marked invalid, never as a value the list did not apply.
 */
export function isValidFilter(filter: ActiveFilter): boolean {
  return Object.entries(filter.values).every(([key, value]) => isValidParam(key, value));
}

export function paramsOfFilter(filter: Pick<ActiveFilter, 'id' | 'field'>): string[] {
  if (filter.id === 'customField') return filter.field ? [customFieldParam(filter.field)] : [];
  return paramsOf[filter.id];
}

/** Returns `params` with the filter's parameters replaced by `values` (absent or empty values removed). */
export function withFilter(
  params: URLSearchParams,
  filter: Pick<ActiveFilter, 'id' | 'field'>,
  values: Record<string, string>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of paramsOfFilter(filter)) next.delete(key);
  for (const [key, value] of Object.entries(values)) if (value) next.set(key, value);
  return next;
}

/** A part of the address that reads account figures: a filter on them, or the balance sort. */
export type FigureParam = FlagFilter | 'balanceSort';

/**
 * Lists what `withoutFigures` takes out of `params` and the list would have
 * applied: the figure filters in menu order, then the balance sort.
 */
export function figureParamsIn(params: URLSearchParams): FigureParam[] {
  const found: FigureParam[] = filterIds.filter((id): id is FlagFilter => flagSet.has(id) && Boolean(params.get(id)));
  if (params.get('sort') === 'balance') found.push('balanceSort');
  return found;
}

/**
 * Returns `params` without what reads account figures: the filters on them
 * and a balance sort. A user without `ledger.view` may use neither, so a
 * saved view or an address that has them still opens, without them.
 */
export function withoutFigures(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of flagFilters) next.delete(key);
  if (next.get('sort') === 'balance') {
    next.delete('sort');
    next.delete('order');
  }
  return next;
}

export function withoutFilters(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of params) {
    if (!filterKeys.has(key) && !customFieldOf(key)) next.set(key, value);
  }
  return next;
}

/** Returns the search text of the address (`q`), trimmed, with each run of characters that the server rejects read as a space. */
export function searchOf(params: URLSearchParams): string {
  return withoutRejectedCharacters(params.get('q') ?? '').trim();
}

export function statusOf(params: URLSearchParams): StatusChoice {
  const value = params.get('status');
  return value === 'inactive' || value === 'all' ? value : 'active';
}

const sortFields: SortField[] = ['name', 'code', 'balance', 'createdAt', 'lastActivity'];

export function sortOf(params: URLSearchParams): SortSpec | null {
  const field = params.get('sort') as SortField | null;
  if (!field || !sortFields.includes(field)) return null;
  return { field, order: params.get('order') === 'desc' ? 'desc' : 'asc' };
}

/**
 * Builds the filters as the API reads them. The section sets the type unless the
 * type filter narrows it to contacts of both types; the status choice "all"
 * becomes `includeInactive`.
 */
export function filterQuery(section: ContactSection, params: URLSearchParams, q: string): ListQuery {
  const query: ListQuery = { type: params.get('type') === 'both' ? 'both' : section };
  if (q) query.q = q;
  const status = statusOf(params);
  if (status === 'all') query.includeInactive = 'true';
  else query.status = status;
  for (const [key, value] of params) {
    if (key === 'type' || key === 'status') continue;
    if (filterKeys.has(key) || customFieldOf(key)) query[key] = value;
  }
  return query;
}

export function listQuery(section: ContactSection, params: URLSearchParams, q: string): ListQuery {
  const query = filterQuery(section, params, q);
  const sort = sortOf(params);
  if (sort) {
    query.sort = sort.field;
    query.order = sort.order;
  }
  return query;
}

/**
 * Parameter and value that an address sets beside `view` for a view changed
 * down to no filter, search or sort: `?view=ID&filters=none`. An address
 * with the view alone opens the view as saved.
 */
export const emptiedViewParam = { name: 'filters', value: 'none' } as const;

/**
 * Returns the address that the list writes after the user changed it. An
 * address that would name a view alone gets `filters=none`, so that a
 * reload, the back button and a copied link show the view as the user left
 * it. Any other address loses that parameter, because its filters, search
 * or sort already tell the list apart from the saved view.
 */
export function markEmptiedView(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete(emptiedViewParam.name);
  const viewAlone = next.has('view') && [...next.keys()].every((key) => key === 'view');
  if (viewAlone) next.set(emptiedViewParam.name, emptiedViewParam.value);
  return next;
}

/** Turns a saved view's filters back into address parameters, the search text included. */
export function viewToParams(filters: Record<string, string>, sort: SortSpec | null, viewId: string): URLSearchParams {
  const next = new URLSearchParams();
  next.set('view', viewId);
  for (const [key, value] of Object.entries(filters)) {
    if (key === 'type') {
      if (value === 'both') next.set('type', 'both');
    } else if (key === 'includeInactive') {
      if (value === 'true' && !filters.status) next.set('status', 'all');
    } else if (key === 'status') {
      if (value === 'inactive') next.set('status', 'inactive');
    } else {
      next.set(key, value);
    }
  }
  // The list API keeps inactive contacts by default, unless there is a search text.
  if (!filters.status && filters.includeInactive === undefined && !filters.q) next.set('status', 'all');
  if (sort) {
    next.set('sort', sort.field);
    next.set('order', sort.order);
  }
  return next;
}

/**
 * Returns a saved view's filters as the list of `section` applies them, to
 * compare with the list's own filters. A view without a type gets the list's.
 */
export function appliedViewFilters(section: ContactSection, filters: Record<string, string>): ListQuery {
  const params = viewToParams(filters, null, '');
  return filterQuery(section, params, params.get('q') ?? '');
}

/** Tells whether the list of `section` offers a view: one of its side, of type both, or of no type. */
export function viewFitsSection(section: ContactSection, filters: Record<string, string>): boolean {
  return filters.type === undefined || filters.type === 'both' || filters.type === section;
}

/** Compares two filter sets without regard to key order. */
export function sameFilters(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if ((a[key] ?? '') !== (b[key] ?? '')) return false;
  return true;
}
