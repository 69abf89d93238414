/**
 * Roles as the settings pages show them, and the permission catalogue they
 * pick from. The admin role stores no list: it has every permission,
 * including those added to the catalogue later.
 */
import type { Executor } from '../db/database.ts';
import type { RoleRow } from '../db/schema.ts';
import { notFound } from '../shared/errors.ts';
import type { AuthContext } from './context.ts';
import { afterKey, decodeCursor, type PageQuery, toPage } from './list-page.ts';
import { isPermission, permissions } from './permissions.ts';

export interface RoleJson {
  id: string;
  name: string;
  permissions: string[];
  isAdmin: boolean;
  /** Users, active or not, who have this role. */
  userCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Lists the catalogue, each name with its group: the part before the dot (`customer`, `ledger`…). */
export function permissionCatalogue(): { name: string; group: string }[] {
  return permissions.map((name) => ({ name, group: name.split('.')[0] ?? name }));
}

function toRoleJson(row: RoleRow & { user_count: number | string | bigint }): RoleJson {
  const stored = (JSON.parse(row.permissions) as string[]).filter(isPermission);
  return {
    id: row.id,
    name: row.name,
    permissions: row.is_admin === 1 ? [...permissions] : stored,
    isAdmin: row.is_admin === 1,
    userCount: Number(row.user_count),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectRoles(db: Executor, businessId: string) {
  return db
    .selectFrom('roles')
    .where('roles.business_id', '=', businessId)
    .selectAll('roles')
    .select((eb) =>
      eb
        .selectFrom('users')
        .whereRef('users.role_id', '=', 'roles.id')
        .select(eb.fn.countAll<number>().as('count'))
        .as('user_count'),
    );
}

export async function listRoles(db: Executor, auth: AuthContext, page: PageQuery) {
  let query = selectRoles(db, auth.businessId);
  const cursor = decodeCursor(page.cursor);
  if (cursor) query = query.where(afterKey('roles', cursor));
  const rows = await query.orderBy('roles.name').orderBy('roles.id').limit(page.limit + 1).execute();
  return toPage(rows, page.limit, (row) => toRoleJson({ ...row, user_count: row.user_count ?? 0 }));
}

export async function getRole(db: Executor, businessId: string, id: string): Promise<RoleJson> {
  const row = await selectRoles(db, businessId).where('roles.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('role');
  return toRoleJson({ ...row, user_count: row.user_count ?? 0 });
}
