/**
 * The contact list: filters, a plain text match, and keyset pages on
 * (name, id) that stay correct while rows are added or changed.
 */
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { invalid } from '../shared/errors.ts';
import { loadContactBusiness } from './business.ts';
import type { ContactStatus } from './model.ts';
import { MIN_PHONE_DIGITS, phoneDigits, readPhone } from './phones.ts';
import { type ContactJson, loadAssignments, serializeContact } from './serialize.ts';
import { type ContactActor, visibleContactsFilter } from './visibility.ts';

export interface ListContactsQuery {
  /** customer: customers and `both`; supplier: suppliers and `both`. */
  type?: 'customer' | 'supplier';
  status?: ContactStatus;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface ContactPage {
  items: ContactJson[];
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

type ContactQuery = SelectQueryBuilder<Database, 'contacts', object>;
type SearchColumn =
  | 'contacts.name'
  | 'contacts.code'
  | 'contacts.mobile'
  | 'contacts.email_key'
  | 'contacts.mobile_digits'
  | 'contacts.mobile_e164';

export function encodeCursor(name: string, id: string): string {
  return Buffer.from(JSON.stringify([name, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string')) {
      return value as [string, string];
    }
  } catch {
    // Falls through to the 422 below.
  }
  throw invalid([{ path: 'cursor', code: 'invalid_value', params: { value: cursor } }]);
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Keeps contacts whose name, code, mobile (as typed, or by its digits) or
 * email contains `q`, ignoring case. A whole phone number in `q` also
 * matches by its E.164 form, read with `country`, so "06 50 00 00 05"
 * finds a mobile typed "+33 6 50 00 00 05".
 * NOTE: SQLite's lower() folds ASCII letters only, so "élodie" does not
 * find "Élodie" there; accent- and case-insensitive search is a separate
 * feature that replaces this function.
 */
export function applyTextSearch(query: ContactQuery, q: string, country: string): ContactQuery {
  const pattern = likePattern(q.toLowerCase());
  const digits = phoneDigits(q);
  const phone = digits.length >= MIN_PHONE_DIGITS ? readPhone(q, country).e164 : null;
  return query.where((eb) => {
    // Both engines take ESCAPE; SQLite has no default escape character.
    const like = (column: SearchColumn, text: string) =>
      sql<SqlBool>`lower(${eb.ref(column)}) like ${text} escape '\\'`;
    const matches: Expression<SqlBool>[] = [
      like('contacts.name', pattern),
      like('contacts.code', pattern),
      like('contacts.mobile', pattern),
      like('contacts.email_key', pattern),
    ];
    if (digits.length >= 2) {
      matches.push(like('contacts.mobile_digits', likePattern(digits)), like('contacts.mobile_e164', likePattern(digits)));
    }
    if (phone) matches.push(eb('contacts.mobile_e164', '=', phone));
    return eb.or(matches);
  });
}

export async function listContacts(db: Executor, actor: ContactActor, filters: ListContactsQuery): Promise<ContactPage> {
  const business = await loadContactBusiness(db, actor.businessId);
  const limit = Math.min(Math.max(filters.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const visible = visibleContactsFilter(actor);

  let query: ContactQuery = db.selectFrom('contacts').where('contacts.business_id', '=', actor.businessId);
  if (visible) query = query.where(visible);
  if (filters.type) query = query.where('contacts.type', 'in', [filters.type, 'both']);
  if (filters.status) query = query.where('contacts.status', '=', filters.status);
  const q = filters.q?.trim();
  if (q) query = applyTextSearch(query, q, business.country);
  if (filters.cursor) {
    const [name, id] = decodeCursor(filters.cursor);
    query = query.where((eb) => eb(eb.refTuple('contacts.name', 'contacts.id'), '>', eb.tuple(name, id)));
  }

  const rows = await query
    .selectAll('contacts')
    .orderBy('contacts.name')
    .orderBy('contacts.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const assignments = await loadAssignments(db, actor.businessId, page.map((row) => row.id));
  const last = page[page.length - 1];
  return {
    items: page.map((row) => serializeContact(row, business, assignments.get(row.id) ?? [])),
    nextCursor: rows.length > limit && last ? encodeCursor(last.name, last.id) : null,
  };
}
