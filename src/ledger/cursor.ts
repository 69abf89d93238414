/** Opaque keyset cursors: the sort key of the last row sent, as base64url JSON. */
import { decodeCursorJson, malformedCursor } from '../shared/cursor.ts';

export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor whose members have the given types, or throws a 400 `bad_request`. */
export function decodeCursor<T extends (string | number)[]>(cursor: string | undefined, types: ('string' | 'number')[]): T | null {
  if (!cursor) return null;
  const value = decodeCursorJson(cursor);
  if (Array.isArray(value) && value.length === types.length && value.every((v, i) => typeof v === types[i])) {
    return value as T;
  }
  throw malformedCursor(cursor);
}
