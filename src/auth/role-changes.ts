/**
 * Creates, changes and deletes roles. Permissions must come from the
 * catalogue. The admin role keeps every permission and cannot be deleted;
 * a role that users still have cannot be deleted either.
 */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { diffFields, recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import { isUniqueViolation } from './db-errors.ts';
import { isPermission } from './permissions.ts';
import { getRole, type RoleJson } from './roles.ts';

export const roleInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(z.string().max(100)).max(200),
  isAdmin: z.literal(false).optional().describe('Only the role created at setup is an admin role'),
});

export const rolePatch = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  permissions: z.array(z.string().max(100)).max(200).optional(),
  isAdmin: z.boolean().optional().describe('Must equal the current value: no role becomes or stops being admin'),
});

export type RoleInput = z.infer<typeof roleInput>;
export type RolePatch = z.infer<typeof rolePatch>;

/** Validates names against the catalogue and returns them without repeats, sorted. */
function checkPermissions(names: string[]): string[] {
  const issues = new IssueList();
  names.forEach((name, index) => {
    if (!isPermission(name)) issues.add(`permissions.${index}`, 'unknown_permission', { value: name });
  });
  issues.throwIfAny();
  return [...new Set(names)].sort();
}

async function ensureNameFree(db: Executor, businessId: string, name: string, exceptId?: string): Promise<void> {
  let query = db.selectFrom('roles').where('business_id', '=', businessId).where('name', '=', name).select('id');
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw roleNameTaken(name);
}

function roleNameTaken(name: string): AppError {
  return new AppError('role_name_taken', { name }, [{ path: 'name', code: 'role_name_taken', params: { name } }]);
}

/** Runs a change whose race with another one on the same name the unique index settles. */
async function withNameIndex<T>(name: string, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (isUniqueViolation(error)) throw roleNameTaken(name);
    throw error;
  }
}

export async function createRole(db: Executor, auth: AuthContext, input: RoleInput): Promise<RoleJson> {
  const permissions = checkPermissions(input.permissions);
  await ensureNameFree(db, auth.businessId, input.name);
  const id = newId();
  const now = nowIso();

  await withNameIndex(input.name, () =>
    db.transaction().execute(async (trx) => {
      await trx.insertInto('roles').values({
        id,
        business_id: auth.businessId,
        name: input.name,
        permissions: JSON.stringify(permissions),
        is_admin: 0,
        created_at: now,
        updated_at: now,
      }).execute();
      await recordAudit(trx, {
        businessId: auth.businessId,
        userId: auth.userId,
        entityType: 'role',
        entityId: id,
        action: 'create',
        changes: { name: input.name, permissions },
      });
    }),
  );
  return getRole(db, auth.businessId, id);
}

export async function updateRole(db: Executor, auth: AuthContext, id: string, patch: RolePatch): Promise<RoleJson> {
  const before = await getRole(db, auth.businessId, id);
  const permissions = patch.permissions === undefined ? undefined : checkPermissions(patch.permissions);
  const restrictsAdmin = before.isAdmin && permissions !== undefined;
  if ((patch.isAdmin !== undefined && patch.isAdmin !== before.isAdmin) || restrictsAdmin) {
    throw new AppError('admin_role_locked', { name: before.name });
  }
  if (patch.name !== undefined && patch.name !== before.name) await ensureNameFree(db, auth.businessId, patch.name, id);

  const after = { name: patch.name ?? before.name, permissions: permissions ?? before.permissions };
  const changes = diffFields(before as unknown as Record<string, unknown>, after);
  if (changes.length === 0) return before;

  await withNameIndex(after.name, () =>
    db.transaction().execute(async (trx) => {
      await trx
        .updateTable('roles')
        .set({
          name: after.name,
          ...(before.isAdmin ? {} : { permissions: JSON.stringify(after.permissions) }),
          updated_at: nowIso(),
        })
        .where('business_id', '=', auth.businessId)
        .where('id', '=', id)
        .execute();
      await recordAudit(trx, {
        businessId: auth.businessId,
        userId: auth.userId,
        entityType: 'role',
        entityId: id,
        action: 'update',
        changes,
      });
    }),
  );
  return getRole(db, auth.businessId, id);
}

export async function deleteRole(db: Executor, auth: AuthContext, id: string): Promise<void> {
  const role = await getRole(db, auth.businessId, id);
  if (role.isAdmin) throw new AppError('admin_role_locked', { name: role.name });

  await db.transaction().execute(async (trx) => {
    // Counted inside the transaction; the users.role_id foreign key also
    // rejects the delete if a user was given the role meanwhile.
    const users = await trx
      .selectFrom('users')
      .where('business_id', '=', auth.businessId)
      .where('role_id', '=', id)
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    if (Number(users.count) > 0) {
      throw new AppError('role_in_use', { name: role.name, count: Number(users.count) }, [], { count: Number(users.count) });
    }
    await trx.deleteFrom('roles').where('business_id', '=', auth.businessId).where('id', '=', id).execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'role',
      entityId: id,
      action: 'delete',
      changes: { name: role.name, permissions: role.permissions },
    });
  });
}
