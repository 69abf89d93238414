/**
 * The signed-in user changes their own password. The current one is checked
 * like a sign-in (failures count toward the account lock), and every other
 * session of the user ends so a stolen cookie stops working.
 */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { IssueList, notFound } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts';
import { lockedError, lockedUntil, recordFailure } from './rate-limit.ts';
import { endOtherSessions } from './sessions.ts';

export const passwordChange = z.strictObject({
  currentPassword: z.string().max(1000),
  newPassword: z.string().max(1000),
});

export type PasswordChange = z.infer<typeof passwordChange>;

export async function changePassword(db: Executor, auth: AuthContext, input: PasswordChange): Promise<void> {
  const user = await db
    .selectFrom('users')
    .where('id', '=', auth.userId)
    .where('business_id', '=', auth.businessId)
    .select(['id', 'email', 'password_hash', 'locked_until'])
    .executeTakeFirst();
  if (!user) throw notFound('user');

  const locked = await lockedUntil(db, user.email, user);
  if (locked) throw lockedError(locked);

  const issues = new IssueList();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    const lock = await recordFailure(db, user.email, user);
    if (lock) throw lockedError(lock);
    issues.add('currentPassword', 'wrong_password');
  }
  checkPasswordStrength(input.newPassword, 'newPassword', issues);
  issues.throwIfAny();

  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, failed_logins: 0, updated_at: nowIso() })
      .where('id', '=', user.id)
      .execute();
    await endOtherSessions(trx, user.id, auth.sessionId);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'user',
      entityId: user.id,
      action: 'password_change',
      changes: { via: auth.via },
    });
  });
}
