/**
 * The signed-in user's view that the web app loads at start: identity,
 * business, permissions and the locations they work in.
 */
import type { Executor } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import { type BusinessJson, loadBusiness, toBusinessJson } from './business-settings.ts';
import { permissions as catalogue, isPermission } from './permissions.ts';

export interface SessionView {
  user: { id: string; name: string; email: string; locale: 'fr' | 'en' | null };
  business: BusinessJson;
  permissions: string[];
  isAdmin: boolean;
  /** Null when the caller uses a bearer token, which needs no CSRF header. */
  csrfToken: string | null;
  locations: { id: string; name: string }[];
  defaultLocationId: string | null;
}

/**
 * Lists the active locations a user may work in: the assigned ones, or all
 * of the business's when the user is an admin or has no assignment.
 */
export async function allowedLocations(db: Executor, businessId: string, userId: string, isAdmin: boolean) {
  const assigned = isAdmin
    ? []
    : await db
        .selectFrom('user_locations')
        .where('business_id', '=', businessId)
        .where('user_id', '=', userId)
        .select('location_id')
        .execute();
  let query = db
    .selectFrom('locations')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .select(['id', 'name'])
    .orderBy('name')
    .orderBy('id');
  if (assigned.length > 0) {
    query = query.where('id', 'in', assigned.map((row) => row.location_id));
  }
  return query.execute();
}

export async function loadSessionView(
  db: Executor,
  caller: { businessId: string; userId: string; csrfToken: string | null },
): Promise<SessionView> {
  const user = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .where('users.id', '=', caller.userId)
    .where('users.business_id', '=', caller.businessId)
    .select(['users.id', 'users.name', 'users.email', 'users.locale', 'users.default_location_id', 'roles.permissions', 'roles.is_admin'])
    .executeTakeFirst();
  if (!user) throw notFound('user');

  const isAdmin = user.is_admin === 1;
  const business = await loadBusiness(db, caller.businessId);
  const locations = await allowedLocations(db, caller.businessId, user.id, isAdmin);
  const defaultLocationId = locations.some((l) => l.id === user.default_location_id) ? user.default_location_id : null;

  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale === 'fr' || user.locale === 'en' ? user.locale : null,
    },
    business: toBusinessJson(business),
    permissions: isAdmin ? [...catalogue] : (JSON.parse(user.permissions) as string[]).filter(isPermission),
    isAdmin,
    csrfToken: caller.csrfToken,
    locations,
    defaultLocationId: defaultLocationId ?? locations[0]?.id ?? null,
  };
}
