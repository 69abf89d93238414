/**
 * Sort orders of the contact list and their keyset cursors. A cursor contains
 * the sort, the last row's sort key and its id, so the next page starts
 * right after that row even when rows were added or changed in between.
 * Ties on the key are broken by id, which makes every order total.
 */
import { type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { ContactRow, Database } from '../../db/schema.ts';
import { type FieldIssue, invalid } from '../../shared/errors.ts';
import { decodeCursorJson, encodeCursorJson } from '../../shared/cursor.ts';
import { quotedValue } from '../../shared/text.ts';
import type { RankKey } from './rank.ts';

export const sortFields = ['name', 'code', 'balance', 'createdAt', 'lastActivity'] as const;
export const sortOrders = ['asc', 'desc'] as const;

export type SortField = (typeof sortFields)[number];
export type SortOrder = (typeof sortOrders)[number];

export interface SortSpec {
  field: SortField;
  order: SortOrder;
}

const sortColumns = {
  name: 'contacts.sort_name',
  code: 'contacts.code',
  balance: 'contacts.balance',
  createdAt: 'contacts.created_at',
  lastActivity: 'contacts.last_activity_on',
} as const;

type SortKey = string | number;

export function sortColumn(field: SortField) {
  return sortColumns[field];
}

function keyOf(row: Pick<ContactRow, 'sort_name' | 'code' | 'balance' | 'created_at' | 'last_activity_on'>, field: SortField): SortKey {
  switch (field) {
    case 'name':
      return row.sort_name;
    case 'code':
      return row.code;
    case 'balance':
      return Number(row.balance);
    case 'createdAt':
      return row.created_at;
    case 'lastActivity':
      return row.last_activity_on;
  }
}

function invalidCursor(cursor: string): never {
  throw invalid([invalidCursorIssue(cursor)]);
}

export function encodeSortCursor(spec: SortSpec, row: Parameters<typeof keyOf>[0] & { id: string }): string {
  return encodeCursorJson([spec.field, spec.order, keyOf(row, spec.field), row.id]);
}

/**
 * A `created_at`: an ISO 8601 instant. `nowIso` writes it in UTC with
 * milliseconds, but a row written by other means may have fewer digits or
 * an offset, and its cursor must still page.
 */
const instantPattern = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** A `last_activity_on`: a day as YYYY-MM-DD, or '' for a contact without activity. */
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function isInstant(value: string): boolean {
  const day = instantPattern.exec(value)?.[1];
  return day !== undefined && isDay(day) && !Number.isNaN(Date.parse(value));
}

function isDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  // A day out of range, such as 02-30, parses to another day or to NaN.
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/**
 * Tells whether `key` is a value that the column of `field` can contain,
 * so that an edited cursor of the right order but with a key of the wrong
 * kind (a word as a date) is rejected rather than read as an empty page.
 */
function isSortKey(field: SortField, key: unknown): key is SortKey {
  switch (field) {
    case 'balance':
      return Number.isSafeInteger(key);
    case 'createdAt':
      return typeof key === 'string' && isInstant(key);
    case 'lastActivity':
      return key === '' || (typeof key === 'string' && isDay(key));
    case 'name':
    case 'code':
      return typeof key === 'string';
  }
}

/** Reads the row key of a cursor made for `spec`, or null for a cursor that is unreadable, of another order or with a key of the wrong kind. */
function readSortCursor(spec: SortSpec, cursor: string): { key: SortKey; id: string } | null {
  const value = decodeCursorJson(cursor);
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [field, order, key, id] = value as unknown[];
  if (field !== spec.field || order !== spec.order || !isSortKey(spec.field, key)) return null;
  if (typeof id !== 'string' || id === '') return null;
  return { key, id };
}

/**
 * Builds the condition "after the cursor's row" in `spec` order, rejecting a
 * cursor of another order. With `unindexed` the sort key is written as
 * `unindexedSortKey` writes it, so that no index on the key serves it.
 */
export function afterCursor(spec: SortSpec, cursor: string, unindexed = false): Expression<SqlBool> {
  const row = readSortCursor(spec, cursor) ?? invalidCursor(cursor);
  const eb = expressionBuilder<Database, 'contacts'>();
  if (unindexed) {
    const operator = sql.raw(spec.order === 'asc' ? '>' : '<');
    return sql<SqlBool>`((${unindexedSortKey(spec.field)}, contacts.id) ${operator} (${row.key}, ${row.id}))`;
  }
  const tuple = eb.refTuple(sortColumns[spec.field], 'contacts.id');
  return eb(tuple, spec.order === 'asc' ? '>' : '<', eb.tuple(row.key, row.id));
}

/**
 * Returns the sort key in a form that neither engine matches to an index,
 * with the same value and order: `+column` for the balance, and
 * `(column || '')` for the text keys, because PostgreSQL has no unary plus
 * on text. A query sorted by it reads its rows by the index of its other
 * conditions and sorts them, rather than reading the sort key's index in
 * order and skipping the rows that fail those conditions.
 */
export function unindexedSortKey(field: SortField) {
  const column = sql.ref(sortColumns[field]);
  return field === 'balance' ? sql<SortKey>`+${column}` : sql<SortKey>`(${column} || '')`;
}

/**
 * Encodes the rank of a page's last row in relevance order, best first
 * (`asc`) or least relevant first (`desc`). A best-first cursor has five
 * members, as cursors written before `desc` existed, so those stay valid.
 */
export function encodeRankCursor(rank: RankKey, order: SortOrder = 'asc'): string {
  const key = ['relevance', rank.tier, rank.closeness, rank.sortName, rank.id];
  return encodeCursorJson(order === 'asc' ? key : [...key, order]);
}

function readRankCursor(cursor: string, order: SortOrder): RankKey | null {
  const value = decodeCursorJson(cursor);
  const length = order === 'asc' ? 5 : 6;
  if (!Array.isArray(value) || value.length !== length || value[0] !== 'relevance') return null;
  const [, tier, closeness, sortName, id, written] = value as unknown[];
  if (order === 'desc' && written !== 'desc') return null;
  if (typeof tier !== 'number' || typeof closeness !== 'number' || typeof sortName !== 'string' || typeof id !== 'string') {
    return null;
  }
  return { tier, closeness, sortName, id };
}

export function decodeRankCursor(cursor: string, order: SortOrder = 'asc'): RankKey {
  return readRankCursor(cursor, order) ?? invalidCursor(cursor);
}

/**
 * Tells whether `cursor` is one the list made for this order: `spec`, or
 * relevance in `relevanceOrder` for null. The list checks it with the other
 * parameters, so that a bad cursor is reported beside them.
 */
export function isListCursor(spec: SortSpec | null, cursor: string, relevanceOrder: SortOrder = 'asc'): boolean {
  return spec ? readSortCursor(spec, cursor) !== null : readRankCursor(cursor, relevanceOrder) !== null;
}

/** Builds the issue of a cursor that `isListCursor` rejects. */
export function invalidCursorIssue(cursor: string): FieldIssue {
  return { path: 'cursor', code: 'invalid_cursor', params: { parameter: 'cursor', value: quotedValue(cursor) } };
}
