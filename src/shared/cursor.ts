/**
 * Opaque page cursors: a list sends the key of its last row as base64url
 * JSON and reads it back on the next request. The client may have edited
 * it, so a cursor is accepted only when it contains values a list writes.
 */
import { AppError } from './errors.ts';
import { checkText, quotedValue } from './text.ts';

export function encodeCursorJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Decodes a cursor into its JSON value. Returns undefined for text that is
 * not base64url JSON, for a string that fails the request text check (a NUL
 * or another control character), and for a number that is not a safe
 * integer. The lists write only integers, and PostgreSQL rejects a NUL in
 * text and a fraction in a bigint parameter.
 */
export function decodeCursorJson(cursor: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  return isCursorValue(value) ? value : undefined;
}

/** Decodes a cursor that carries one plain string (an id), or returns undefined. */
export function decodeCursorText(cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  return isCursorValue(text) ? text : undefined;
}

function isCursorValue(value: unknown): boolean {
  if (typeof value === 'string') return checkText(value).ok;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every(isCursorValue);
  return value === null || typeof value === 'boolean';
}

/** Builds the 400 of a list whose `cursor` parameter it cannot read, naming the value sent. */
export function malformedCursor(cursor: string): AppError {
  return new AppError('bad_request', { reason: 'cursor', value: quotedValue(cursor) });
}
