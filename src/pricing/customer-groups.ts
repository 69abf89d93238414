/** Customer groups as the API shows them, with how many contacts each holds. */
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { inLists } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';
import type { CustomerGroupTable } from '../db/schema.ts';
import type { Actor } from '../ledger/actor.ts';
import { decodeCursor, encodeCursor } from '../ledger/cursor.ts';
import { type IssueList, notFound } from '../shared/errors.ts';
import type { SearchQuery } from './schemas.ts';
import { containsPattern, formatPercent, nameKey } from './values.ts';

export type CustomerGroupRow = Selectable<CustomerGroupTable>;
export type Calculation = 'percentage' | 'price_group';

export interface CustomerGroupView {
  id: string;
  name: string;
  calculation: Calculation;
  percentage: string | null;
  priceGroupId: string | null;
  priceGroupName: string | null;
  contactCount: number;
  createdAt: string;
  updatedAt: string;
}

export async function loadCustomerGroup(db: Executor, businessId: string, id: string): Promise<CustomerGroupRow> {
  const row = await db
    .selectFrom('customer_groups')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('customer group');
  return row;
}

export async function countGroupContacts(db: Executor, businessId: string, groupIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (groupIds.length === 0) return counts;
  const rows = await db
    .selectFrom('contacts')
    .where('business_id', '=', businessId)
    .where('customer_group_id', 'in', groupIds)
    .groupBy('customer_group_id')
    .select(['customer_group_id', (eb) => eb.fn.countAll<number | string>().as('count')])
    .execute();
  for (const row of rows) if (row.customer_group_id) counts.set(row.customer_group_id, Number(row.count));
  return counts;
}

async function priceGroupNames(db: Executor, businessId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('price_groups')
    .where('business_id', '=', businessId)
    .where('id', 'in', ids)
    .select(['id', 'name'])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function views(db: Executor, businessId: string, rows: CustomerGroupRow[]): Promise<CustomerGroupView[]> {
  const counts = await countGroupContacts(db, businessId, rows.map((r) => r.id));
  const priceGroupIds = [...new Set(rows.map((r) => r.price_group_id).filter((id): id is string => id !== null))];
  const names = await priceGroupNames(db, businessId, priceGroupIds);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    calculation: row.calculation === 'price_group' ? 'price_group' : 'percentage',
    percentage: row.percentage_bp === null ? null : formatPercent(row.percentage_bp),
    priceGroupId: row.price_group_id,
    priceGroupName: row.price_group_id ? (names.get(row.price_group_id) ?? null) : null,
    contactCount: counts.get(row.id) ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

export async function readCustomerGroup(db: Executor, actor: Actor, id: string): Promise<CustomerGroupView> {
  const [view] = await views(db, actor.businessId, [await loadCustomerGroup(db, actor.businessId, id)]);
  if (!view) throw notFound('customer group');
  return view;
}

export async function listCustomerGroups(db: Executor, actor: Actor, query: SearchQuery) {
  const after = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  let select = db.selectFrom('customer_groups').where('business_id', '=', actor.businessId).selectAll();
  const q = query.q ? nameKey(query.q) : '';
  if (q) select = select.where(sql<boolean>`name_key like ${containsPattern(q)} escape '\\'`);
  if (after) select = select.where(sql<boolean>`(name, id) > (${after[0]}, ${after[1]})`);
  const rows = await select.orderBy('name').orderBy('id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await views(db, actor.businessId, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}

/** Maps the folded name of each customer group of the business to its id, for imports that name groups. */
export async function customerGroupIdsByName(db: Executor, businessId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('customer_groups')
    .where('business_id', '=', businessId)
    .select(['id', 'name_key'])
    .execute();
  return new Map(rows.map((r) => [r.name_key, r.id]));
}

/** Records an issue at `customerGroupId` unless `groupId` (when set and changed) is a group of the business. */
export async function checkCustomerGroupRef(
  db: Executor,
  businessId: string,
  groupId: string | null | undefined,
  previous: string | null | undefined,
  issues: IssueList,
): Promise<void> {
  if (!groupId || groupId === previous) return;
  reportCustomerGroupRef(groupId, previous, await existingCustomerGroupIds(db, businessId, [groupId]), issues);
}

/** Adds the `not_found_ref` issue of a group reference that `known` lacks (a changed reference only). */
export function reportCustomerGroupRef(
  groupId: string | null | undefined,
  previous: string | null | undefined,
  known: ReadonlySet<string>,
  issues: IssueList,
): void {
  if (!groupId || groupId === previous) return;
  if (!known.has(groupId)) issues.add('customerGroupId', 'not_found_ref', { value: groupId });
}

/** Returns which of the ids are customer groups of the business. */
export async function existingCustomerGroupIds(db: Executor, businessId: string, ids: readonly string[]): Promise<Set<string>> {
  return new Set((await customerGroupNames(db, businessId, ids)).keys());
}

/** Maps each id that is a customer group of the business to the group's name. */
export async function customerGroupNames(db: Executor, businessId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const slice of inLists([...new Set(ids)])) {
    const rows = await db
      .selectFrom('customer_groups')
      .where('business_id', '=', businessId)
      .where('id', 'in', slice)
      .select(['id', 'name'])
      .execute();
    for (const row of rows) names.set(row.id, row.name);
  }
  return names;
}
