/** Creates a user account in the caller's business. */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import { isUniqueViolation } from './db-errors.ts';
import { normaliseEmail } from './login.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { checkLocations, findRoleForUser, getUser, replaceUserLocations, requireAdminFor, type UserJson } from './users.ts';

export const userInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(254),
  password: z.string().max(1000),
  roleId: z.string().min(1).max(64),
  locale: z.enum(['fr', 'en']).nullable().optional(),
  locationIds: z.array(z.string().max(64)).max(500).default([]).describe('Allowed locations; empty allows every location'),
  defaultLocationId: z.string().max(64).nullable().optional(),
});

export type UserInput = z.infer<typeof userInput>;

export async function ensureEmailFree(db: Executor, email: string, exceptUserId?: string): Promise<void> {
  let query = db.selectFrom('users').where('email', '=', email).select('id');
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  if (await query.executeTakeFirst()) throw new AppError('email_taken', { email });
}

export async function createUser(db: Executor, auth: AuthContext, input: UserInput): Promise<UserJson> {
  const email = normaliseEmail(input.email);
  const defaultLocationId = input.defaultLocationId ?? input.locationIds[0] ?? auth.defaultLocationId;
  const issues = new IssueList();
  checkPasswordStrength(input.password, 'password', issues);
  const role = await findRoleForUser(db, auth.businessId, input.roleId, issues);
  await checkLocations(db, auth.businessId, input.locationIds, defaultLocationId ?? null, issues);
  issues.throwIfAny();
  requireAdminFor(auth, role?.is_admin === 1);
  await ensureEmailFree(db, email);

  const passwordHash = await hashPassword(input.password);
  const id = newId();
  const now = nowIso();
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('users').values({
        id,
        business_id: auth.businessId,
        email,
        name: input.name,
        password_hash: passwordHash,
        role_id: input.roleId,
        locale: input.locale ?? null,
        default_location_id: defaultLocationId ?? null,
        is_active: 1,
        failed_logins: 0,
        locked_until: null,
        created_at: now,
        updated_at: now,
      }).execute();
      await replaceUserLocations(trx, auth.businessId, id, input.locationIds);
      await recordAudit(trx, {
        businessId: auth.businessId,
        userId: auth.userId,
        entityType: 'user',
        entityId: id,
        action: 'create',
        changes: { name: input.name, email, roleId: input.roleId, locationIds: input.locationIds },
      });
    });
  } catch (error) {
    // Two requests for the same new address: the unique index decides.
    if (isUniqueViolation(error)) throw new AppError('email_taken', { email });
    throw error;
  }
  return getUser(db, auth.businessId, id);
}
