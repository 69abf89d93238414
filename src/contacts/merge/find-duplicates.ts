/**
 * Groups of contacts that are likely one person or company, each with its
 * reason: the same mobile (E.164), email, tax number or loyalty card, or the
 * same name in the same city (case, accents, hyphens and the order of first
 * and last name ignored). Groups come in reason order, then by key, with a
 * keyset cursor on (reason, key).
 */
import { type Expression, type SqlBool, expressionBuilder, sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import { cardKeyExpression } from '../../db/migrations/0008_contact_duplicates.ts';
import type { Database } from '../../db/schema.ts';
import { decodeCursorJson } from '../../shared/cursor.ts';
import { invalid } from '../../shared/errors.ts';
import { formatDecimal } from '../../shared/money.ts';
import { seesFigures } from '../hide-figures.ts';
import { loadContactBusiness } from '../business.ts';
import { visibilityConditions } from '../search/search-contacts.ts';
import { invalidCursorIssue } from '../search/sort.ts';
import type { ContactActor } from '../visibility.ts';

export const duplicateReasons = ['mobile', 'email', 'taxNumber', 'card', 'name'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];

/** Members listed per group; `count` gives the whole group's size. */
export const MAX_GROUP_MEMBERS = 20;

const keyExpressions: Record<DuplicateReason, string> = {
  mobile: 'contacts.mobile_e164',
  email: 'contacts.email_key',
  taxNumber: 'contacts.tax_number_key',
  card: cardKeyExpression,
  name: 'contacts.duplicate_name_key',
};

export interface DuplicateMember {
  id: string;
  code: string;
  name: string;
  type: string;
  status: string;
  mobile: string | null;
  email: string | null;
  taxNumber: string | null;
  loyaltyCardNumber: string | null;
  city: string | null;
  /** Null, like every figure, for a user without `ledger.view`. */
  balance: string | null;
  createdAt: string;
}

export interface DuplicateGroup {
  reason: DuplicateReason;
  key: string;
  count: number;
  contacts: DuplicateMember[];
}

export interface DuplicatesQuery {
  reason?: DuplicateReason;
  limit: number;
  cursor?: string;
}

function encodeCursor(reason: DuplicateReason, key: string): string {
  return Buffer.from(JSON.stringify([reason, key])).toString('base64url');
}

function decodeCursor(cursor: string): { reason: DuplicateReason; key: string } {
  const value = decodeCursorJson(cursor);
  if (Array.isArray(value) && duplicateReasons.includes(value[0]) && typeof value[1] === 'string') {
    return { reason: value[0] as DuplicateReason, key: value[1] };
  }
  throw invalid([invalidCursorIssue(cursor)]);
}

export async function findDuplicates(
  db: Executor,
  actor: ContactActor,
  query: DuplicatesQuery,
): Promise<{ items: DuplicateGroup[]; nextCursor: string | null }> {
  const business = await loadContactBusiness(db, actor.businessId);
  const conditions = visibilityConditions(actor);
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const reasons = query.reason ? [query.reason] : [...duplicateReasons];
  const start = after ? reasons.indexOf(after.reason) : 0;
  if (start < 0) throw invalid([invalidCursorIssue(query.cursor ?? '')]);

  const groups: { reason: DuplicateReason; key: string; count: number }[] = [];
  for (const reason of reasons.slice(start)) {
    const afterKey = after && after.reason === reason ? after.key : null;
    const found = await groupKeys(db, actor.businessId, reason, conditions, afterKey, query.limit + 1 - groups.length);
    groups.push(...found.map((group) => ({ reason, ...group })));
    if (groups.length > query.limit) break;
  }

  const page = groups.slice(0, query.limit);
  const members = await loadMembers(db, actor.businessId, page, conditions, seesFigures(actor) ? business.currency : null);
  const last = page[page.length - 1];
  return {
    items: page.map((group) => ({ ...group, contacts: members.get(`${group.reason}\u0000${group.key}`) ?? [] })),
    nextCursor: groups.length > query.limit && last ? encodeCursor(last.reason, last.key) : null,
  };
}

async function groupKeys(
  db: Executor,
  businessId: string,
  reason: DuplicateReason,
  conditions: Expression<SqlBool>[],
  afterKey: string | null,
  limit: number,
): Promise<{ key: string; count: number }[]> {
  const key = sql<string>`${sql.raw(keyExpressions[reason])}`;
  const eb = expressionBuilder<Database, 'contacts'>();
  const where: Expression<SqlBool>[] = [
    eb('contacts.business_id', '=', businessId),
    sql<SqlBool>`${key} is not null`,
    sql<SqlBool>`${key} <> ''`,
    ...conditions,
  ];
  if (afterKey !== null) where.push(sql<SqlBool>`${key} > ${afterKey}`);
  const rows = await db
    .selectFrom('contacts')
    .select([key.as('key'), sql<number | string>`count(*)`.as('count')])
    .where(eb.and(where))
    .groupBy(key)
    .having(sql<SqlBool>`count(*) > 1`)
    .orderBy(key)
    .limit(limit)
    .execute();
  return rows.map((row) => ({ key: row.key, count: Number(row.count) }));
}

async function loadMembers(
  db: Executor,
  businessId: string,
  groups: { reason: DuplicateReason; key: string }[],
  conditions: Expression<SqlBool>[],
  /** The business's currency, or null to leave the balances out. */
  currency: string | null,
): Promise<Map<string, DuplicateMember[]>> {
  const members = new Map<string, DuplicateMember[]>();
  const eb = expressionBuilder<Database, 'contacts'>();
  for (const group of groups) {
    const key = sql<string>`${sql.raw(keyExpressions[group.reason])}`;
    const rows = await db
      .selectFrom('contacts')
      .select([
        'id', 'code', 'name', 'type', 'status', 'mobile', 'email', 'tax_number', 'loyalty_card_number', 'city',
        'balance', 'created_at',
      ])
      .where(eb.and([eb('contacts.business_id', '=', businessId), sql<SqlBool>`${key} = ${group.key}`, ...conditions]))
      .orderBy('created_at')
      .orderBy('id')
      .limit(MAX_GROUP_MEMBERS)
      .execute();
    members.set(`${group.reason}\u0000${group.key}`, rows.map((row) => ({
      id: row.id,
      code: row.code,
      name: row.name,
      type: row.type,
      status: row.status,
      mobile: row.mobile === '' ? null : row.mobile,
      email: row.email,
      taxNumber: row.tax_number,
      loyaltyCardNumber: row.loyalty_card_number,
      city: row.city,
      balance: currency === null ? null : formatDecimal(Number(row.balance), currency),
      createdAt: row.created_at,
    })));
  }
  return members;
}
