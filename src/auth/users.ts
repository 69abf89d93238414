/**
 * The business's user accounts as the settings pages show them, and the
 * checks that creating and changing a user share.
 */
import type { Executor } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import { forbidden, IssueList, notFound } from '../shared/errors.ts';
import type { AuthContext } from './context.ts';
import { afterKey, decodeCursor, type PageQuery, toPage } from './list-page.ts';

export interface UserJson {
  id: string;
  name: string;
  email: string;
  locale: 'fr' | 'en' | null;
  roleId: string;
  roleName: string;
  isAdmin: boolean;
  /** Locations the user is limited to; empty means every location. */
  locationIds: string[];
  defaultLocationId: string | null;
  isActive: boolean;
  /** End of a sign-in lock after repeated failures, or null. */
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

type UserWithRole = UserRow & { role_name: string; is_admin: number };

function selectUsers(db: Executor, businessId: string) {
  return db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .where('users.business_id', '=', businessId)
    .selectAll('users')
    .select(['roles.name as role_name', 'roles.is_admin']);
}

async function locationIdsByUser(db: Executor, businessId: string, userIds: string[]) {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_locations')
    .where('business_id', '=', businessId)
    .where('user_id', 'in', userIds)
    .select(['user_id', 'location_id'])
    .execute();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.location_id]);
  for (const ids of byUser.values()) ids.sort();
  return byUser;
}

function toUserJson(row: UserWithRole, locationIds: string[]): UserJson {
  const now = new Date().toISOString();
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale === 'fr' || row.locale === 'en' ? row.locale : null,
    roleId: row.role_id,
    roleName: row.role_name,
    isAdmin: row.is_admin === 1,
    locationIds,
    defaultLocationId: row.default_location_id,
    isActive: row.is_active === 1,
    lockedUntil: row.locked_until && row.locked_until > now ? row.locked_until : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function listUsers(db: Executor, auth: AuthContext, page: PageQuery) {
  let query = selectUsers(db, auth.businessId);
  const cursor = decodeCursor(page.cursor);
  if (cursor) query = query.where(afterKey('users', cursor));
  const rows = await query.orderBy('users.name').orderBy('users.id').limit(page.limit + 1).execute();
  const locations = await locationIdsByUser(db, auth.businessId, rows.map((row) => row.id));
  return toPage(rows, page.limit, (row) => toUserJson(row, locations.get(row.id) ?? []));
}

export async function getUser(db: Executor, businessId: string, id: string): Promise<UserJson> {
  const row = await selectUsers(db, businessId).where('users.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('user');
  const locations = await locationIdsByUser(db, businessId, [id]);
  return toUserJson(row, locations.get(id) ?? []);
}

/** Finds a role of the business, or adds a field issue at `roleId` and returns null. */
export async function findRoleForUser(db: Executor, businessId: string, roleId: string, issues: IssueList) {
  const role = await db
    .selectFrom('roles')
    .where('business_id', '=', businessId)
    .where('id', '=', roleId)
    .select(['id', 'name', 'is_admin'])
    .executeTakeFirst();
  if (!role) issues.add('roleId', 'not_found_ref', { value: roleId });
  return role ?? null;
}

/**
 * Adds field issues for location ids that are not the business's, and for a
 * default location outside the allowed list.
 */
export async function checkLocations(
  db: Executor,
  businessId: string,
  locationIds: string[],
  defaultLocationId: string | null,
  issues: IssueList,
): Promise<void> {
  const requested = [...new Set([...locationIds, ...(defaultLocationId ? [defaultLocationId] : [])])];
  const found = requested.length === 0
    ? []
    : await db
        .selectFrom('locations')
        .where('business_id', '=', businessId)
        .where('id', 'in', requested)
        .select('id')
        .execute();
  const known = new Set(found.map((row) => row.id));
  locationIds.forEach((id, index) => {
    if (!known.has(id)) issues.add(`locationIds.${index}`, 'not_found_ref', { value: id });
  });
  if (defaultLocationId && !known.has(defaultLocationId)) {
    issues.add('defaultLocationId', 'not_found_ref', { value: defaultLocationId });
  } else if (defaultLocationId && locationIds.length > 0 && !locationIds.includes(defaultLocationId)) {
    issues.add('defaultLocationId', 'default_location_not_allowed');
  }
}

/**
 * Only an admin may create, change or promote an admin, so `users.manage`
 * alone cannot take over or lock out the administrators.
 */
export function requireAdminFor(auth: AuthContext, touchesAdmin: boolean): void {
  if (touchesAdmin && !auth.isAdmin) throw forbidden('admin');
}

export async function replaceUserLocations(
  trx: Executor,
  businessId: string,
  userId: string,
  locationIds: string[],
): Promise<void> {
  await trx.deleteFrom('user_locations').where('business_id', '=', businessId).where('user_id', '=', userId).execute();
  for (const locationId of new Set(locationIds)) {
    await trx.insertInto('user_locations').values({ business_id: businessId, user_id: userId, location_id: locationId }).execute();
  }
}
