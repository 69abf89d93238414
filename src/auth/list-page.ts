/**
 * Keyset pages for the settings lists (users, roles, locations), ordered by
 * name then id. The cursor is the last row's key, opaque to callers.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { decodeCursorJson, malformedCursor } from '../shared/cursor.ts';
import { integerParameter } from '../server/query-parameters.ts';

export const pageQuery = z.object({
  limit: integerParameter(1, 200, 50),
  cursor: z.string().max(500).optional(),
});

export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageKey {
  name: string;
  id: string;
}

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.name, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): PageKey | null {
  if (!cursor) return null;
  const value = decodeCursorJson(cursor);
  if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
    return { name: value[0], id: value[1] };
  }
  throw malformedCursor(cursor);
}

/** Rows of `table` that sort after the key; both engines compare row values. */
export function afterKey(table: string, key: PageKey) {
  return sql<boolean>`(${sql.ref(`${table}.name`)}, ${sql.ref(`${table}.id`)}) > (${key.name}, ${key.id})`;
}

/** Cuts the `limit + 1` rows a query fetched into a page and its next cursor. */
export function toPage<Row extends PageKey, T>(rows: Row[], limit: number, view: (row: Row) => T): Page<T> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return { items: pageRows.map(view), nextCursor: more && last ? encodeCursor(last) : null };
}
