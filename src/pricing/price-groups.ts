/** Selling price groups: the price lists a customer group can follow. */
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { recordAudit, diffFields } from '../auth/audit.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { Executor } from '../db/database.ts';
import type { PriceGroupTable } from '../db/schema.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { decodeCursor, encodeCursor } from '../ledger/cursor.ts';
import { AppError, notFound } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import type { PriceGroupCreate, PriceGroupUpdate, SearchQuery } from './schemas.ts';
import { containsPattern, nameKey } from './values.ts';

type PriceGroupRow = Selectable<PriceGroupTable>;

export interface PriceGroupView {
  id: string;
  name: string;
  description: string | null;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

function view(row: PriceGroupRow): PriceGroupView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadPriceGroup(db: Executor, businessId: string, id: string): Promise<PriceGroupRow> {
  const row = await db
    .selectFrom('price_groups')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('price group');
  return row;
}

export async function readPriceGroup(db: Executor, actor: Actor, id: string): Promise<PriceGroupView> {
  return view(await loadPriceGroup(db, actor.businessId, id));
}

function activeFlag(requested: boolean | undefined, stored: number): number {
  if (requested === undefined) return stored;
  return requested ? 1 : 0;
}

function nameTaken(name: string): AppError {
  return new AppError('price_group_name_taken', { name }, [{ path: 'name', code: 'price_group_name_taken', params: { name } }]);
}

async function ensureNameFree(db: Executor, businessId: string, name: string, ownId: string | null) {
  const other = await db
    .selectFrom('price_groups')
    .where('business_id', '=', businessId)
    .where('name_key', '=', nameKey(name))
    .select('id')
    .executeTakeFirst();
  if (other && other.id !== ownId) throw nameTaken(name);
}

export async function createPriceGroup(trx: Executor, actor: Actor, input: PriceGroupCreate): Promise<PriceGroupView> {
  requireActorPermission(actor, 'pricing.manage');
  await ensureNameFree(trx, actor.businessId, input.name, null);
  const now = nowIso();
  const row: PriceGroupRow = {
    id: newId(),
    business_id: actor.businessId,
    name: input.name,
    name_key: nameKey(input.name),
    description: input.description || null,
    is_active: input.isActive === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('price_groups').values(row).execute().catch((error: unknown) => {
    if (isUniqueViolation(error)) throw nameTaken(input.name);
    throw error;
  });
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'price_group',
    entityId: row.id,
    action: 'create',
    changes: { name: row.name },
  });
  return view(row);
}

export async function updatePriceGroup(
  trx: Executor,
  actor: Actor,
  id: string,
  input: PriceGroupUpdate,
): Promise<PriceGroupView> {
  requireActorPermission(actor, 'pricing.manage');
  const existing = await loadPriceGroup(trx, actor.businessId, id);
  const name = input.name ?? existing.name;
  if (input.name !== undefined) await ensureNameFree(trx, actor.businessId, name, id);
  const changes = {
    name,
    name_key: nameKey(name),
    description: input.description === undefined ? existing.description : input.description || null,
    is_active: activeFlag(input.isActive, existing.is_active),
  };
  await trx
    .updateTable('price_groups')
    .set({ ...changes, updated_at: nowIso() })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', id)
    .execute()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    });
  const { name_key: _key, ...shown } = changes;
  const diff = diffFields(existing, shown);
  if (diff.length > 0) {
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'price_group',
      entityId: id,
      action: 'update',
      changes: diff,
    });
  }
  return readPriceGroup(trx, actor, id);
}

/**
 * Deletes a price group and its product prices, unless a customer group
 * follows it. The 409 then gives how many do, so they can be changed first.
 */
export async function deletePriceGroup(trx: Executor, actor: Actor, id: string): Promise<void> {
  requireActorPermission(actor, 'pricing.manage');
  const existing = await loadPriceGroup(trx, actor.businessId, id);
  const used = await trx
    .selectFrom('customer_groups')
    .where('business_id', '=', actor.businessId)
    .where('price_group_id', '=', id)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const count = Number(used.count);
  if (count > 0) throw new AppError('price_group_in_use', { name: existing.name, count }, [], { count });

  await trx.deleteFrom('product_prices').where('business_id', '=', actor.businessId).where('price_group_id', '=', id).execute();
  await trx.deleteFrom('price_groups').where('business_id', '=', actor.businessId).where('id', '=', id).execute();
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'price_group',
    entityId: id,
    action: 'delete',
    changes: { name: existing.name },
  });
}

export async function listPriceGroups(db: Executor, actor: Actor, query: SearchQuery) {
  const after = decodeCursor<[string, string]>(query.cursor, ['string', 'string']);
  let select = db.selectFrom('price_groups').where('business_id', '=', actor.businessId).selectAll();
  const q = query.q ? nameKey(query.q) : '';
  if (q) select = select.where(sql<boolean>`name_key like ${containsPattern(q)} escape '\\'`);
  if (query.active) select = select.where('is_active', '=', query.active === 'true' ? 1 : 0);
  if (after) select = select.where(sql<boolean>`(name, id) > (${after[0]}, ${after[1]})`);
  const rows = await select.orderBy('name').orderBy('id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(view),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
