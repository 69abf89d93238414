/**
 * The business's locations (shops, stock rooms): list, read, create and
 * change. A location is never deleted, because documents and ledger entries
 * keep pointing at it; it is deactivated instead, and the last active one
 * cannot be.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import type { LocationTable } from '../db/schema.ts';
import { AppError, IssueList, notFound } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { diffFields, recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import { afterKey, decodeCursor, type PageQuery, toPage } from './list-page.ts';

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const locationInput = z.strictObject({
  name: z.string().trim().min(1).max(120),
  addressLine1: optionalText(200),
  city: optionalText(120),
  zipCode: optionalText(20),
  country: z.string().trim().toUpperCase().nullable().optional(),
  phone: optionalText(40),
  email: z.email().max(254).or(z.literal('')).nullable().optional(),
  isActive: z.boolean().optional(),
});

export const locationPatch = locationInput.partial();

export type LocationInput = z.infer<typeof locationInput>;
export type LocationPatch = z.infer<typeof locationPatch>;

export interface LocationJson {
  id: string;
  name: string;
  addressLine1: string | null;
  city: string | null;
  zipCode: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

type LocationRow = Selectable<LocationTable>;

export function toLocationJson(row: LocationRow): LocationJson {
  return {
    id: row.id,
    name: row.name,
    addressLine1: row.address_line1,
    city: row.city,
    zipCode: row.zip_code,
    country: row.country,
    phone: row.phone,
    email: row.email,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Field values a change stores, keyed like the API; absent fields keep their value. */
function editableFields(input: LocationPatch) {
  const fields: Partial<Omit<LocationJson, 'id' | 'createdAt' | 'updatedAt'>> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    (fields as Record<string, unknown>)[key] = typeof value === 'string' && value === '' ? null : value;
  }
  return fields;
}

function validateCountry(country: string | null | undefined): void {
  const issues = new IssueList();
  if (country && !/^[A-Z]{2}$/.test(country)) issues.add('country', 'invalid_country', { value: country });
  issues.throwIfAny();
}

export async function listLocations(db: Executor, auth: AuthContext, page: PageQuery & { active?: boolean }) {
  let query = db.selectFrom('locations').where('business_id', '=', auth.businessId).selectAll();
  if (page.active !== undefined) query = query.where('is_active', '=', page.active ? 1 : 0);
  const cursor = decodeCursor(page.cursor);
  if (cursor) query = query.where(afterKey('locations', cursor));
  const rows = await query.orderBy('name').orderBy('id').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, toLocationJson);
}

export async function findLocation(db: Executor, businessId: string, id: string): Promise<LocationRow> {
  const row = await db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('location');
  return row;
}

export async function createLocation(db: Executor, auth: AuthContext, input: LocationInput): Promise<LocationJson> {
  validateCountry(input.country);
  const fields = editableFields(input);
  const now = nowIso();
  const row: LocationRow = {
    id: newId(),
    business_id: auth.businessId,
    name: input.name,
    address_line1: fields.addressLine1 ?? null,
    city: fields.city ?? null,
    zip_code: fields.zipCode ?? null,
    country: fields.country ?? null,
    phone: fields.phone ?? null,
    email: fields.email ?? null,
    is_active: input.isActive === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('locations').values(row).execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'location',
      entityId: row.id,
      action: 'create',
      changes: diffFields({}, fields),
    });
  });
  return toLocationJson(row);
}

async function countOtherActive(db: Executor, businessId: string, id: string): Promise<number> {
  const row = await db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .where('id', '!=', id)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function updateLocation(
  db: Executor,
  auth: AuthContext,
  id: string,
  patch: LocationPatch,
): Promise<LocationJson> {
  validateCountry(patch.country);

  return db.transaction().execute(async (trx) => {
    const before = toLocationJson(await findLocation(trx, auth.businessId, id));
    const after = { ...before, ...editableFields(patch) };
    if (before.isActive && !after.isActive && (await countOtherActive(trx, auth.businessId, id)) === 0) {
      throw new AppError('last_active_location', { name: before.name });
    }

    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...comparable } = after;
    const changes = diffFields(before as unknown as Record<string, unknown>, comparable);
    if (changes.length === 0) return before;

    const updatedAt = nowIso();
    await trx
      .updateTable('locations')
      .set({
        name: after.name,
        address_line1: after.addressLine1,
        city: after.city,
        zip_code: after.zipCode,
        country: after.country,
        phone: after.phone,
        email: after.email,
        is_active: after.isActive ? 1 : 0,
        updated_at: updatedAt,
      })
      .where('business_id', '=', auth.businessId)
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'location',
      entityId: id,
      action: 'update',
      changes,
    });
    return { ...after, updatedAt };
  });
}
