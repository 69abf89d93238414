/**
 * The contact list filters: their query parameters, how they are read and
 * checked, and the SQL conditions they add. The list, its totals and saved
 * views all go through here, so the three always mean the same thing.
 */
import { type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import { rareFlagConditions } from '../../db/migrations/0026_rare_flag_indexes.ts';
import { payableDueCondition } from '../../db/migrations/0030_payable_by_balance.ts';
import type { Database } from '../../db/schema.ts';
import { isIsoDate } from '../../ledger/dates.ts';
import { isoDateParameter } from '../../shared/date-schema.ts';
import type { IssueList } from '../../shared/errors.ts';
import { quotedValue } from '../../shared/text.ts';
import type { SortField } from './sort.ts';
import { existingCustomerGroupIds } from '../../pricing/customer-groups.ts';
import { customFieldKeys } from '../model.ts';
import { knownUserIds } from '../validate.ts';
import { acceptQueryKeys, idParameter } from '../../server/query-parameters.ts';
import { sqliteSpacedSearchTextIsSql } from './fold-characters.ts';
import { collapseSpaces, foldSearchText, sortApostrophes, whiteSpaceCodePoints } from './fold.ts';
import { localDayEnd, localDayStart } from './local-days.ts';

const flag = z.enum(['true', 'false']).optional();
const text = (max: number) => z.string().max(max).optional();

/** Builds an optional day of the year: `MM-DD`, or a date whose year is ignored; empty is reported as such. */
function monthDayParameter() {
  return z
    .string()
    .superRefine((text, context) => {
      if (text.trim() === '') context.addIssue({ code: 'custom', input: text, params: { code: 'month_day_parameter_empty' } });
      else if (readMonthDay(text) === null) context.addIssue({ code: 'custom', input: text, params: { code: 'invalid_month_day' } });
    })
    .optional();
}

/** The filter parameters as the query string carries them. */
export const filterParams = {
  q: text(200).describe('search text: words by prefix, or a phone number in any writing'),
  type: z.enum(['customer', 'supplier', 'both']).optional()
    .describe('customer: customers and both; supplier: suppliers and both; both: only contacts that are both'),
  status: z.enum(['active', 'inactive']).optional(),
  includeInactive: flag.describe('default false with q (search leaves inactive contacts out), true without'),
  customerGroupId: idParameter('customer group', 64)
    .describe('id of a customer group of the business; an unknown, empty or blank id returns 422'),
  assignedUserId: idParameter('user', 64).describe('id of a user of the business; an unknown, empty or blank id returns 422'),
  hasReceivableDue: flag.describe('receivable > 0 (true) or = 0 (false)'),
  hasPayableDue: flag.describe('payable > 0 (true) or = 0 (false)'),
  overdue: flag.describe('has an open sale, purchase or opening balance due before today (business time zone)'),
  hasAdvance: flag.describe('advance > 0 (true) or = 0 (false)'),
  hasOpeningBalance: flag.describe('opening balance other than zero (true) or zero (false)'),
  overCreditLimit: flag.describe('receivable - advance above a set credit limit'),
  noSaleSince: isoDateParameter.describe('YYYY-MM-DD: no sale dated on or after this day (never sold included)'),
  birthdayFrom: monthDayParameter().describe('MM-DD (or YYYY-MM-DD, year ignored); a range may wrap over the new year'),
  birthdayTo: monthDayParameter().describe('MM-DD (or YYYY-MM-DD, year ignored)'),
  createdFrom: isoDateParameter.describe('YYYY-MM-DD, business-local day, inclusive'),
  createdTo: isoDateParameter.describe('YYYY-MM-DD, business-local day, inclusive'),
};

/** Query parameters of the custom field filter: `customField[custom1]=value`. */
const customFieldParam = /^customField(?:\[([^\]]*)\]|\.(.*))$/;

/** Lets a query schema take the custom field filter keys, whose names and values `readContactFilters` checks. */
export function acceptCustomFieldKeys<T extends object>(schema: T): T {
  return acceptQueryKeys(schema, customFieldParam, `customField[${customFieldKeys[0]}…${customFieldKeys.at(-1)}]`);
}

export type FlagFilter = 'hasReceivableDue' | 'hasPayableDue' | 'overdue' | 'hasAdvance' | 'hasOpeningBalance' | 'overCreditLimit';
export const flagFilters: FlagFilter[] = [
  'hasReceivableDue', 'hasPayableDue', 'overdue', 'hasAdvance', 'hasOpeningBalance', 'overCreditLimit',
];

export interface ContactFilters {
  q?: string;
  type?: 'customer' | 'supplier' | 'both';
  status?: 'active' | 'inactive';
  includeInactive?: boolean;
  customerGroupId?: string;
  assignedUserId?: string;
  flags: Partial<Record<FlagFilter, boolean>>;
  noSaleSince?: string;
  /** Month-day `MM-DD`. */
  birthdayFrom?: string;
  birthdayTo?: string;
  createdFrom?: string;
  createdTo?: string;
  customFields: Record<string, string>;
}

type RawParams = Record<string, unknown>;

/** The origin of a set of filters, which sets the paths of their issues. */
export interface FilterSource {
  /** Prefix of every issue path: '' for a query string, 'filters.' for a saved view. */
  prefix: string;
  /** Path of an unknown key: the key itself in a query string, as the schema checks report it. */
  unknownPath: (key: string) => string;
}

export const queryStringSource: FilterSource = { prefix: '', unknownPath: (key) => key };

/**
 * Reads the filter parameters of `raw` (already checked by `filterParams`)
 * and the custom field ones. Every other key in `raw` must be in `allowed`,
 * else it is reported as an unknown field.
 */
export function readContactFilters(
  raw: RawParams,
  allowed: ReadonlySet<string>,
  issues: IssueList,
  source: FilterSource = queryStringSource,
): ContactFilters {
  const filters: ContactFilters = { flags: {}, customFields: {} };
  const at = new PrefixedIssues(issues, source);
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Object.hasOwn(filterParams, key)) readParam(filters, key as keyof typeof filterParams, String(value), at);
    else if (customFieldParam.test(key)) readCustomField(filters, key, value, at);
    else if (!allowed.has(key)) issues.add(source.unknownPath(key), 'unknown_field', { field: key });
  }
  // A birthday range may wrap over the new year, a creation range may not.
  if (filters.createdFrom && filters.createdTo && filters.createdTo < filters.createdFrom) {
    at.add('createdTo', 'range_end_before_start', { value: filters.createdTo, from: filters.createdFrom });
  }
  return filters;
}

/**
 * Reports a `customerGroupId` or `assignedUserId` filter that names no
 * group or user of the business. Such a filter keeps no contact, and an
 * empty list would hide the mistyped id.
 */
export async function checkFilterRefs(
  db: Executor,
  businessId: string,
  filters: ContactFilters,
  issues: IssueList,
  source: FilterSource = queryStringSource,
): Promise<void> {
  const at = new PrefixedIssues(issues, source);
  const groupId = filters.customerGroupId;
  if (groupId && !(await existingCustomerGroupIds(db, businessId, [groupId])).has(groupId)) {
    at.add('customerGroupId', 'filter_group_not_found', { value: groupId });
  }
  const userId = filters.assignedUserId;
  if (userId && !(await knownUserIds(db, businessId, [userId])).has(userId)) {
    at.add('assignedUserId', 'filter_user_not_found', { value: userId });
  }
}

/**
 * Adds issues under the source's prefix. In a query string each issue also
 * names its parameter, because an address has no field to show it beside.
 */
class PrefixedIssues {
  readonly prefix: string;

  constructor(private readonly issues: IssueList, private readonly source: FilterSource) {
    this.prefix = source.prefix;
  }

  add(path: string, code: string, params: Record<string, string> = {}): void {
    const named = this.source === queryStringSource ? { parameter: path } : {};
    const quoted = params.value === undefined ? {} : { value: quotedValue(params.value) };
    this.issues.add(this.prefix + path, code, { ...named, ...params, ...quoted });
  }
}

const idEntities = { customerGroupId: 'customer group', assignedUserId: 'user' };

function readParam(filters: ContactFilters, key: keyof typeof filterParams, value: string, issues: PrefixedIssues): void {
  switch (key) {
    case 'q':
      if (value.trim()) filters.q = value.trim();
      return;
    case 'type':
      filters.type = value as ContactFilters['type'];
      return;
    case 'status':
      filters.status = value as ContactFilters['status'];
      return;
    case 'includeInactive':
      filters.includeInactive = value === 'true';
      return;
    // The schema reports an empty id first. This check covers filters read without it.
    case 'customerGroupId':
    case 'assignedUserId':
      if (value.trim() === '') issues.add(key, 'id_parameter_empty', { value, entity: idEntities[key], path: issues.prefix + key });
      else filters[key] = value;
      return;
    // The schema has checked the days, and reported an empty or invalid one.
    case 'noSaleSince':
    case 'createdFrom':
    case 'createdTo':
      filters[key] = value;
      return;
    case 'birthdayFrom':
    case 'birthdayTo': {
      const monthDay = readMonthDay(value);
      if (monthDay) filters[key] = monthDay;
      return;
    }
    default:
      filters.flags[key] = value === 'true';
  }
}

/** `MM-DD`, or the month and day of a `YYYY-MM-DD` date; 02-29 is accepted. */
function readMonthDay(value: string): string | null {
  const monthDay = isIsoDate(value) ? value.slice(5) : value;
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!match) return null;
  return isIsoDate(`2000-${monthDay}`) ? monthDay : null;
}

/**
 * Reads one `customField[customN]=value` filter. An empty value is rejected:
 * the filter keeps the contacts whose field equals the value, and no stored
 * value is empty (a cleared field is removed), so it would keep no contact.
 * Every issue names the parameter as sent (`customField[custom11]` or
 * `customField.custom11`), as the issues of the other filters do.
 */
function readCustomField(filters: ContactFilters, key: string, value: unknown, issues: PrefixedIssues): void {
  const match = customFieldParam.exec(key);
  const field = match?.[1] ?? match?.[2] ?? '';
  if (!customFieldKeys.includes(field)) {
    issues.add(key, 'invalid_enum', { value: field, allowed: customFieldKeys.join(', ') });
  } else if (typeof value !== 'string') {
    issues.add(key, 'invalid_type', { expected: 'string', value: JSON.stringify(value) ?? String(value) });
  } else if (value.trim() === '') {
    issues.add(key, 'custom_field_filter_empty', { parameter: issues.prefix + key });
  } else {
    filters.customFields[field] = value.trim();
  }
}

/** Writes the filters back as query parameters, for saved views: the inverse of `readContactFilters`. */
export function filtersToParams(filters: ContactFilters): Record<string, string> {
  const params: Record<string, string> = {};
  const plain = ['q', 'type', 'status', 'customerGroupId', 'assignedUserId', 'noSaleSince', 'birthdayFrom',
    'birthdayTo', 'createdFrom', 'createdTo'] as const;
  for (const key of plain) {
    const value = filters[key];
    if (value !== undefined) params[key] = value;
  }
  if (filters.includeInactive !== undefined) params.includeInactive = String(filters.includeInactive);
  for (const [key, value] of Object.entries(filters.flags)) params[key] = String(value);
  for (const [key, value] of Object.entries(filters.customFields)) params[`customField[${key}]`] = value;
  return params;
}

export interface FilterContext {
  businessId: string;
  engine: 'sqlite' | 'postgres';
  /** Today in the business time zone, `YYYY-MM-DD`. */
  today: string;
  timezone: string;
  /** The field a page is sorted by, absent for totals, exports and the search's own ranking. */
  sortField?: SortField;
  /** Set on each part of a page read in parts (see balance-parts.ts): the condition that replaces the type or flag filter in that part. */
  pagePart?: { replaces: FlagFilter | 'type'; condition: Expression<SqlBool> };
}

const eb = expressionBuilder<Database, 'contacts'>();
const sideTypes = { customer: ['customer', 'both'], supplier: ['supplier', 'both'], both: ['both'] };

/** Tells whether inactive contacts stay out: by default when searching, never otherwise. */
export function excludesInactive(filters: ContactFilters): boolean {
  if (filters.status) return false;
  return filters.includeInactive === undefined ? filters.q !== undefined : !filters.includeInactive;
}

/** Builds the SQL conditions of the filters (the search text `q` excepted), to AND on `contacts`. */
export function filterConditions(filters: ContactFilters, context: FilterContext): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [eb('contacts.business_id', '=', context.businessId)];
  if (filters.type && context.pagePart?.replaces === 'type') conditions.push(context.pagePart.condition);
  else if (filters.type) conditions.push(eb('contacts.type', 'in', sideTypes[filters.type]));
  if (filters.status) conditions.push(eb('contacts.status', '=', filters.status));
  else if (excludesInactive(filters)) conditions.push(eb('contacts.status', '=', 'active'));
  if (filters.customerGroupId) conditions.push(eb('contacts.customer_group_id', '=', filters.customerGroupId));
  if (filters.assignedUserId) conditions.push(assignedTo(context.businessId, filters.assignedUserId));
  for (const [flag, wanted] of Object.entries(filters.flags) as [FlagFilter, boolean][]) {
    if (context.pagePart?.replaces === flag) conditions.push(context.pagePart.condition);
    else conditions.push(wanted ? flagCondition(flag, context) : notFlagCondition(flag, context));
  }
  if (filters.noSaleSince) conditions.push(eb('contacts.last_sale_on', '<', filters.noSaleSince));
  if (filters.birthdayFrom || filters.birthdayTo) conditions.push(birthdayCondition(filters));
  if (filters.createdFrom) {
    conditions.push(eb('contacts.created_at', '>=', localDayStart(filters.createdFrom, context.timezone)));
  }
  if (filters.createdTo) {
    conditions.push(eb('contacts.created_at', '<', localDayEnd(filters.createdTo, context.timezone)));
  }
  for (const [field, value] of Object.entries(filters.customFields)) {
    conditions.push(customFieldCondition(field, value, context.engine));
  }
  return conditions;
}

function assignedTo(businessId: string, userId: string): Expression<SqlBool> {
  return eb.exists(
    eb.selectFrom('contact_assignments')
      .select('contact_assignments.user_id')
      .whereRef('contact_assignments.contact_id', '=', 'contacts.id')
      .where('contact_assignments.business_id', '=', businessId)
      .where('contact_assignments.user_id', '=', userId),
  );
}

/** Builds the condition that a contact does not meet `flag`, a contact without open items included. */
function notFlagCondition(flag: FlagFilter, context: FilterContext): Expression<SqlBool> {
  if (flag === 'overdue') {
    return eb.or([eb('contacts.earliest_open_due_on', 'is', null), eb('contacts.earliest_open_due_on', '>=', context.today)]);
  }
  return eb.not(flagCondition(flag, context));
}

function flagCondition(flag: FlagFilter, context: FilterContext): Expression<SqlBool> {
  switch (flag) {
    case 'hasReceivableDue':
      return eb('contacts.receivable', '>', 0);
    case 'hasPayableDue':
      // Written as its partial index by balance is for a page sorted by balance. Elsewhere the unary
      // plus keeps SQLite from taking that index: it would sort every contact owed money to show one
      // page, or look each one up for the totals that the figures index alone holds.
      if (context.engine === 'sqlite' && context.sortField !== 'balance') {
        return sql<SqlBool>`(+contacts.payable > 0)`;
      }
      return sql<SqlBool>`(${sql.raw(payableDueCondition.sql)})`;
    // These three are written as their partial indexes are (see rareFlagConditions).
    case 'hasAdvance':
    case 'hasOpeningBalance':
    case 'overCreditLimit':
      // Exposure, for the credit limit, as the credit check computes it: receivable - advance.
      return sql<SqlBool>`(${sql.raw(rareFlagConditions[flag].sql)})`;
    case 'overdue':
      // Kept by triggers on open_items (migration 0027): the earliest due date of an open sale, purchase or opening balance.
      return eb('contacts.earliest_open_due_on', '<', context.today);
  }
}

/** Month-day range over the date of birth; from > to wraps over the new year (12-20 to 01-10). */
function birthdayCondition(filters: ContactFilters): Expression<SqlBool> {
  const from = filters.birthdayFrom ?? '01-01';
  const to = filters.birthdayTo ?? '12-31';
  const monthDay = sql<string>`substr(contacts.date_of_birth, 6, 5)`;
  const known = eb('contacts.date_of_birth', 'is not', null);
  if (from <= to) return eb.and([known, eb(monthDay, '>=', from), eb(monthDay, '<=', to)]);
  return eb.and([known, eb.or([eb(monthDay, '>=', from), eb(monthDay, '<=', to)])]);
}

/**
 * Builds the condition that a custom field equals `value`, with case and
 * accents ignored as search ignores them, and each run of white space read
 * as one space with none at the ends (`collapseSpaces`). No index covers
 * custom field values, so the condition tests each row that the list's
 * other conditions keep.
 */
function customFieldCondition(field: string, value: string, engine: FilterContext['engine']): Expression<SqlBool> {
  // The key comes from the fixed list custom1..custom10, never from the caller's text.
  if (!customFieldKeys.includes(field)) throw new RangeError(`unknown custom field ${field}`);
  // PostgreSQL's unaccent turns ’, ʼ and ‘ into ', so the value, and the stored text on SQLite, get the same change.
  const folded = collapseSpaces(withPlainApostrophes(foldSearchText(value)));
  if (engine === 'postgres') {
    const spaces = `[${String.fromCodePoint(...whiteSpaceCodePoints)}]+`;
    const stored = sql<string>`comptoir_search_fold(contacts.custom_fields::jsonb ->> ${field})`;
    return sql<SqlBool>`btrim(regexp_replace(${stored}, ${spaces}, ' ', 'g'), ' ') = ${folded}`;
  }
  const path = `json_extract(contacts.custom_fields, '$.${field}')`;
  const stored = sql.raw<string>(path);
  const plainPath = sortApostrophes.reduce((text, [mark, plain]) => `replace(${text}, '${mark}', '${plain}${plain}')`, path);
  // Cheaper tests run first: text of printable ASCII without a space at an
  // end or two in a row folds by lower() alone.
  return sql<SqlBool>`(${stored} = ${value} or lower(${stored}) = ${folded} or (
    (${stored} glob '*[^ -~]*' or ${stored} glob '*  *' or ${stored} glob ' *' or ${stored} glob '* ')
    and ${sqliteSpacedSearchTextIsSql(plainPath, folded)}))`;
}

function withPlainApostrophes(text: string): string {
  return sortApostrophes.reduce((result, [mark, plain]) => result.replaceAll(mark, plain), text);
}
