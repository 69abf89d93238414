/**
 * Stale-edit protection of contacts. Every change to a contact's own fields
 * moves its `version` by one, and `GET /contacts/:id` sends that version as
 * the strong entity tag `"N"`. A PATCH with `If-Match` is written only when
 * the contact still has one of the versions listed there (RFC 9110).
 * Otherwise nothing is written and the caller gets 412 `contact_changed`
 * with who changed the contact and when.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';

/** The versions an `If-Match` header accepts: any version for `*`, else the values of its strong entity tags. */
export type VersionCondition = { any: true } | { any: false; versions: string[] };

/**
 * Returns the columns that record a change to a contact's own fields: the
 * next version and the time. Postings to the contact's account change only
 * its cached figures, so they do not use it.
 */
export function nextVersion(at = nowIso()) {
  return { version: sql<number>`version + 1`, updated_at: at };
}

/** Returns the `ETag` of a contact version. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/** One entity tag of a list and the separator after it: `"3"`, `W/"3"`, then a comma or the end. */
const ENTITY_TAG = /^[ \t]*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*(,|$)/;

/**
 * Reads an `If-Match` header: null when absent or empty, `any` for `*`,
 * else the values of its strong entity tags. A weak tag never matches under
 * If-Match's strong comparison, so it is read and left out. A header of
 * another form fails with 400 `bad_request`.
 */
export function readIfMatch(header: string | string[] | undefined): VersionCondition | null {
  const text = (Array.isArray(header) ? header.join(', ') : header ?? '').trim();
  if (text === '') return null;
  if (text === '*') return { any: true };
  const versions: string[] = [];
  let rest = text;
  while (rest !== '') {
    const match = ENTITY_TAG.exec(rest);
    if (!match) throw new AppError('bad_request', { reason: 'If-Match' });
    if (!match[1]) versions.push(match[2] ?? '');
    rest = rest.slice(match[0].length);
    if (match[3] === ',' && rest.trim() === '') throw new AppError('bad_request', { reason: 'If-Match' });
  }
  return { any: false, versions };
}

/** Tells whether a contact row satisfies the condition. */
export function matchesVersion(row: Pick<ContactRow, 'version'>, condition: VersionCondition | null | undefined): boolean {
  if (!condition || condition.any) return true;
  return condition.versions.includes(String(row.version));
}

/**
 * Throws 412 `contact_changed` unless the row satisfies the condition. The
 * problem gives the current version, when the contact changed and the user
 * who changed it, when known, so that a client can reload it and show who.
 */
export async function requireVersion(
  db: Executor,
  row: Pick<ContactRow, 'id' | 'business_id' | 'code' | 'version' | 'updated_at'>,
  condition: VersionCondition | null | undefined,
): Promise<void> {
  if (matchesVersion(row, condition)) return;
  const changer = await lastChanger(db, row);
  const business = await db.selectFrom('businesses').select('timezone').where('id', '=', row.business_id).executeTakeFirst();
  throw new AppError(
    'contact_changed',
    { code: row.code, name: changer?.name, at: row.updated_at, timeZone: business?.timezone ?? 'UTC' },
    [],
    {
      currentVersion: row.version,
      changedAt: row.updated_at,
      changedBy: changer ? { id: changer.id, name: changer.name } : null,
    },
  );
}

/**
 * Returns the user of the contact's latest audit entry when that entry was
 * written with the last change or after it. A change that writes no audit
 * entry for the contact (its customer group deleted) leaves an older entry
 * as the latest, so the problem names no user rather than the wrong one.
 */
async function lastChanger(
  db: Executor,
  row: Pick<ContactRow, 'id' | 'business_id' | 'updated_at'>,
): Promise<{ id: string; name: string } | undefined> {
  const entry = await db
    .selectFrom('audit_log')
    .select(['user_id', 'created_at'])
    .where('business_id', '=', row.business_id)
    .where('entity_type', '=', 'contact')
    .where('entity_id', '=', row.id)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!entry || entry.user_id === null || entry.created_at < row.updated_at) return undefined;
  return db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('business_id', '=', row.business_id)
    .where('id', '=', entry.user_id)
    .executeTakeFirst();
}
