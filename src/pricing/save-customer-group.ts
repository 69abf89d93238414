/**
 * Creates or changes a customer group: a percentage off the selling price
 * (negative raises it), or a selling price group whose prices apply.
 */
import { diffFields, recordAudit } from '../auth/audit.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { type CustomerGroupRow, type CustomerGroupView, loadCustomerGroup, readCustomerGroup } from './customer-groups.ts';
import type { CustomerGroupCreate, CustomerGroupUpdate } from './schemas.ts';
import { nameKey, parseSignedPercent } from './values.ts';

/** Percentages accepted, in hundredths: up to 100 % off, up to 999.99 % added. */
const MIN_PERCENT_BP = -99_999;
const MAX_PERCENT_BP = 10_000;

interface GroupColumns {
  name: string;
  name_key: string;
  calculation: string;
  percentage_bp: number | null;
  price_group_id: string | null;
}

async function checkGroup(
  db: Executor,
  businessId: string,
  input: CustomerGroupUpdate,
  existing: CustomerGroupRow | null,
): Promise<GroupColumns> {
  const issues = new IssueList();
  const name = (input.name ?? existing?.name ?? '').trim();
  if (!name) issues.add('name', 'required');
  const calculation = input.calculation ?? existing?.calculation;
  if (!calculation) issues.add('calculation', 'required');

  let percentage: number | null = null;
  let priceGroupId: string | null = null;
  if (calculation === 'percentage') {
    const text = input.percentage?.trim();
    if (input.percentage === undefined) percentage = existing?.percentage_bp ?? null;
    else if (text) percentage = readPercent(text, issues);
    if (percentage === null && !(text && input.percentage !== undefined)) issues.add('percentage', 'required');
  }
  if (calculation === 'price_group') {
    priceGroupId = input.priceGroupId === undefined ? (existing?.price_group_id ?? null) : input.priceGroupId;
    if (!priceGroupId) issues.add('priceGroupId', 'required');
    else if (!(await priceGroupExists(db, businessId, priceGroupId))) {
      issues.add('priceGroupId', 'not_found_ref', { value: priceGroupId });
    }
  }
  if (name) await checkNameFree(db, businessId, name, existing?.id ?? null, issues);
  issues.throwIfAny('customer_group_name_taken');

  return { name, name_key: nameKey(name), calculation: calculation ?? 'percentage', percentage_bp: percentage, price_group_id: priceGroupId };
}

function readPercent(text: string, issues: IssueList): number | null {
  const value = parseSignedPercent(text);
  if (value === null || value < MIN_PERCENT_BP || value > MAX_PERCENT_BP) {
    issues.add('percentage', 'invalid_group_percent', { value: text });
    return null;
  }
  return value;
}

async function priceGroupExists(db: Executor, businessId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('price_groups')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

function nameTaken(name: string): AppError {
  return new AppError('customer_group_name_taken', { name });
}

async function checkNameFree(db: Executor, businessId: string, name: string, ownId: string | null, issues: IssueList) {
  const other = await db
    .selectFrom('customer_groups')
    .where('business_id', '=', businessId)
    .where('name_key', '=', nameKey(name))
    .select('id')
    .executeTakeFirst();
  if (other && other.id !== ownId) issues.add('name', 'customer_group_name_taken', { name });
}

export async function createCustomerGroup(trx: Executor, actor: Actor, input: CustomerGroupCreate): Promise<CustomerGroupView> {
  requireActorPermission(actor, 'pricing.manage');
  const columns = await checkGroup(trx, actor.businessId, input, null);
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('customer_groups')
    .values({ id, business_id: actor.businessId, ...columns, created_at: now, updated_at: now })
    .execute()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw nameTaken(columns.name);
      throw error;
    });
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'customer_group',
    entityId: id,
    action: 'create',
    changes: { name: columns.name, calculation: columns.calculation, percentageBp: columns.percentage_bp, priceGroupId: columns.price_group_id },
  });
  return readCustomerGroup(trx, actor, id);
}

export async function updateCustomerGroup(
  trx: Executor,
  actor: Actor,
  id: string,
  input: CustomerGroupUpdate,
): Promise<CustomerGroupView> {
  requireActorPermission(actor, 'pricing.manage');
  const existing = await loadCustomerGroup(trx, actor.businessId, id);
  const columns = await checkGroup(trx, actor.businessId, input, existing);
  await trx
    .updateTable('customer_groups')
    .set({ ...columns, updated_at: nowIso() })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', id)
    .execute()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw nameTaken(columns.name);
      throw error;
    });
  const { name_key: _key, ...shown } = columns;
  const changes = diffFields(existing, shown);
  if (changes.length > 0) {
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'customer_group',
      entityId: id,
      action: 'update',
      changes,
    });
  }
  return readCustomerGroup(trx, actor, id);
}
