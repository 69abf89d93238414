/** Helpers for the tests of the standard roles: users with a role found by name, and a role's permissions. */
import { hashSecret, newId, newSecret, nowIso } from '../../src/shared/ids.ts';
import type { TestApp } from './app.ts';

/** Adds a user with one of the first business's roles, found by name, and returns its API token. */
export async function userWithRole(t: TestApp, roleName: string): Promise<{ userId: string; token: string }> {
  const kysely = t.database.db.kysely;
  const role = await kysely
    .selectFrom('roles')
    .where('business_id', '=', t.business.businessId)
    .where('name', '=', roleName)
    .select('id')
    .executeTakeFirstOrThrow();
  const userId = newId();
  const now = nowIso();
  await kysely.insertInto('users').values({
    id: userId, business_id: t.business.businessId, email: `${userId.slice(-8)}@example.fr`, name: roleName,
    password_hash: 'unused', role_id: role.id, locale: 'fr', default_location_id: t.business.locationId,
    is_active: 1, failed_logins: 0, locked_until: null, created_at: now, updated_at: now,
  }).execute();
  const token = newSecret();
  await kysely.insertInto('api_tokens').values({
    id: newId(), business_id: t.business.businessId, user_id: userId, name: 'test',
    token_hash: hashSecret(token), created_at: now, last_used_at: null, revoked_at: null,
  }).execute();
  return { userId, token };
}

/** Returns the permissions of a role of a business, found by name. */
export async function rolePermissions(t: TestApp, name: string, businessId = t.business.businessId): Promise<string[]> {
  const role = await t.database.db.kysely
    .selectFrom('roles')
    .where('business_id', '=', businessId)
    .where('name', '=', name)
    .select('permissions')
    .executeTakeFirstOrThrow();
  return JSON.parse(role.permissions) as string[];
}
