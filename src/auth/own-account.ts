/**
 * Changes that every signed-in user may make to their own account without
 * `users.manage`: the name the app shows and the preferred language.
 */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { recordAudit } from './audit.ts';
import type { AuthContext } from './context.ts';

/** Maximum length of a user name, in UTF-16 code units as Zod counts them, on every route that sets one. */
export const MAX_USER_NAME_LENGTH = 200;

export const sessionPatch = z.strictObject({
  locale: z.enum(['fr', 'en']).nullable().optional().describe('The preferred language; null follows the browser'),
  name: z.string().trim().max(MAX_USER_NAME_LENGTH).optional().describe('Your name as the app shows it, 1 to 200 characters'),
});

export type SessionPatch = z.infer<typeof sessionPatch>;

/**
 * Stores the signed-in user's name and preferred language, those given. A
 * change of name is recorded in the audit log. A patch with neither, or an
 * empty name, is rejected with 422.
 */
export async function updateOwnAccount(db: Executor, auth: AuthContext, patch: SessionPatch): Promise<void> {
  const issues = new IssueList();
  if (patch.locale === undefined && patch.name === undefined) issues.add('', 'session_patch_empty');
  if (patch.name === '') issues.add('name', 'required');
  issues.throwIfAny();

  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .where('id', '=', auth.userId)
      .where('business_id', '=', auth.businessId)
      .select('name')
      .executeTakeFirstOrThrow();
    const changes: { locale?: 'fr' | 'en' | null; name?: string } = {};
    if (patch.locale !== undefined) changes.locale = patch.locale;
    if (patch.name !== undefined) changes.name = patch.name;
    await trx
      .updateTable('users')
      .set({ ...changes, updated_at: nowIso() })
      .where('id', '=', auth.userId)
      .where('business_id', '=', auth.businessId)
      .execute();
    if (patch.name === undefined || patch.name === before.name) return;
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'user',
      entityId: auth.userId,
      action: 'update',
      changes: [{ field: 'name', from: before.name, to: patch.name }],
    });
  });
}
