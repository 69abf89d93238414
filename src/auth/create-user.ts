/** Creates a user account in the caller's business. */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import { isUniqueViolation } from './db-errors.ts';
import { normaliseEmail } from './login.ts';
import { MAX_USER_NAME_LENGTH } from './own-account.ts';
import { checkPasswordStrength, hashPassword } from './passwords.ts';
import { checkLocations, findRoleForUser, getUser, replaceUserLocations, requireAdminFor, type UserJson } from './users.ts';

/**
 * A new user. Blank or malformed names, addresses and roles pass the schema
 * on purpose: `createUser` reports them with every other invalid field, so
 * a form shows all of them at once.
 */
export const userInput = z.strictObject({
  name: z.string().trim().max(MAX_USER_NAME_LENGTH),
  email: z.string().trim().max(254),
  password: z.string().max(1000),
  roleId: z.string().max(64),
  locale: z.enum(['fr', 'en']).nullable().optional(),
  locationIds: z.array(z.string().max(64)).max(500).default([]).describe('Allowed locations; empty allows every location'),
  defaultLocationId: z.string().max(64).nullable().optional(),
});

export type UserInput = z.infer<typeof userInput>;

async function emailTaken(db: Executor, email: string, exceptUserId?: string): Promise<boolean> {
  let query = db.selectFrom('users').where('email', '=', email).select('id');
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  return (await query.executeTakeFirst()) !== undefined;
}

/**
 * Adds the issues of a user's name and email address, an address another
 * account uses included. `email` is normalised; `exceptUserId` is the user
 * being changed, whose own address is not a clash.
 */
export async function checkNameAndEmail(
  db: Executor,
  values: { name?: string; email?: string },
  issues: IssueList,
  exceptUserId?: string,
): Promise<void> {
  if (values.name !== undefined && !values.name.trim()) issues.add('name', 'required');
  if (values.email === undefined) return;
  if (!values.email) issues.add('email', 'required');
  else if (!z.email().safeParse(values.email).success) issues.add('email', 'invalid_email', { value: values.email });
  else if (await emailTaken(db, values.email, exceptUserId)) issues.add('email', 'email_taken', { email: values.email });
}


export async function createUser(db: Executor, auth: AuthContext, input: UserInput): Promise<UserJson> {
  const email = normaliseEmail(input.email);
  const defaultLocationId = input.defaultLocationId ?? input.locationIds[0] ?? auth.defaultLocationId;
  const issues = new IssueList();
  await checkNameAndEmail(db, { name: input.name, email }, issues);
  checkPasswordStrength(input.password, 'password', issues);
  const role = input.roleId ? await findRoleForUser(db, auth.businessId, input.roleId, issues) : null;
  if (!input.roleId) issues.add('roleId', 'required');
  await checkLocations(db, auth.businessId, input.locationIds, defaultLocationId ?? null, issues);
  issues.throwIfAny('email_taken');
  requireAdminFor(auth, role?.is_admin === 1);

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
