/**
 * Changes a user account: details, role, locations, password reset and
 * deactivation. No user can deactivate their own account, and the business
 * always keeps one active administrator.
 */
import { z } from 'zod';
import type { Db, Executor } from '../db/database.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { diffFields, recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import { checkNameAndEmail, userInput } from './create-user.ts';
import { isUniqueViolation } from './db-errors.ts';
import { lockBusiness } from './locks.ts';
import { normaliseEmail } from './login.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { endOtherSessions } from './sessions.ts';
import {
  checkLocations,
  findRoleForUser,
  getUser,
  replaceUserLocations,
  requireAdminFor,
  type UserJson,
} from './users.ts';

export const userPatch = userInput.partial().extend({
  locationIds: z.array(z.string().max(64)).max(500).optional(),
  isActive: z.boolean().optional(),
});

export type UserPatch = z.infer<typeof userPatch>;

async function countActiveAdmins(db: Executor, businessId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.role_id')
    .where('users.business_id', '=', businessId)
    .where('users.is_active', '=', 1)
    .where('roles.is_admin', '=', 1)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function validatePatch(db: Executor, auth: AuthContext, before: UserJson, patch: UserPatch) {
  if (patch.isActive === false && before.id === auth.userId) throw new AppError('self_deactivation');

  const issues = new IssueList();
  const changes: { name?: string; email?: string } = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.email !== undefined && normaliseEmail(patch.email) !== before.email) changes.email = normaliseEmail(patch.email);
  await checkNameAndEmail(db, changes, issues, before.id);
  if (patch.password !== undefined) checkPasswordStrength(patch.password, 'password', issues);
  if (patch.roleId === '') issues.add('roleId', 'required');
  const role = patch.roleId ? await findRoleForUser(db, auth.businessId, patch.roleId, issues) : null;
  if (patch.locationIds !== undefined || patch.defaultLocationId !== undefined) {
    const locationIds = patch.locationIds ?? before.locationIds;
    const defaultLocationId = patch.defaultLocationId === undefined ? before.defaultLocationId : patch.defaultLocationId;
    await checkLocations(db, auth.businessId, locationIds, defaultLocationId, issues);
  }
  issues.throwIfAny('email_taken');
  requireAdminFor(auth, before.isAdmin || role?.is_admin === 1);
}

export async function updateUser(db: Db, auth: AuthContext, id: string, patch: UserPatch): Promise<UserJson> {
  const kysely = db.kysely;
  const before = await getUser(kysely, auth.businessId, id);
  await validatePatch(kysely, auth, before, patch);
  const email = patch.email === undefined ? before.email : normaliseEmail(patch.email);
  const passwordHash = patch.password === undefined ? null : await hashPassword(patch.password);

  try {
    await kysely.transaction().execute(async (trx) => {
      await lockBusiness(trx, db.engine, auth.businessId);
      await applyPatch(trx, auth, before, { ...patch, email }, passwordHash);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('email_taken', { email });
    throw error;
  }
  return getUser(kysely, auth.businessId, id);
}

async function applyPatch(
  trx: Executor,
  auth: AuthContext,
  before: UserJson,
  patch: UserPatch & { email: string },
  passwordHash: string | null,
): Promise<void> {
  const updatedAt = nowIso();
  let isActive: number | undefined;
  if (patch.isActive !== undefined) isActive = patch.isActive ? 1 : 0;
  await trx
    .updateTable('users')
    .set({
      name: patch.name,
      email: patch.email,
      role_id: patch.roleId,
      locale: patch.locale,
      default_location_id: patch.defaultLocationId,
      is_active: isActive,
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      updated_at: updatedAt,
    })
    .where('business_id', '=', auth.businessId)
    .where('id', '=', before.id)
    .execute();
  if (patch.locationIds) await replaceUserLocations(trx, auth.businessId, before.id, patch.locationIds);

  // Counted after the change, inside the lock, so two admins demoting each
  // other at once cannot both succeed.
  if (before.isAdmin && before.isActive && (await countActiveAdmins(trx, auth.businessId)) === 0) {
    throw new AppError('last_admin', { name: before.name });
  }

  // A reset password or a deactivation ends the user's sessions; an admin
  // resetting their own password keeps the session they are using.
  if (passwordHash || patch.isActive === false) {
    await endOtherSessions(trx, before.id, before.id === auth.userId ? auth.sessionId : null);
  }

  const { password: _password, ...visible } = patch;
  if (visible.locationIds) visible.locationIds = [...new Set(visible.locationIds)].sort();
  const changes = diffFields(before as unknown as Record<string, unknown>, visible);
  if (passwordHash) changes.push({ field: 'password', from: null, to: 'reset' });
  if (changes.length === 0) return;
  await recordAudit(trx, {
    businessId: auth.businessId,
    userId: auth.userId,
    entityType: 'user',
    entityId: before.id,
    action: 'update',
    changes,
  });
}
