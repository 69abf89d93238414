/** Reads and changes a business's quiet hours and whether reminders run. */
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { isTime } from './quiet-hours.ts';
import { loadMessageSettings, type MessageSettings } from './settings.ts';
import { ensureMessageSetup } from './setup.ts';

export const messageSettingsView = z.object({
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable(),
  remindersEnabled: z.boolean(),
});

export const messageSettingsPatch = z.object({
  quietHours: z
    .object({ start: z.string(), end: z.string() })
    .nullable()
    .optional()
    .describe('local HH:MM times; automatic messages queued between them wait for the end; null: none'),
  remindersEnabled: z.boolean().optional(),
});
export type MessageSettingsPatch = z.infer<typeof messageSettingsPatch>;

export async function getMessageSettings(db: Db, businessId: string): Promise<MessageSettings> {
  await ensureMessageSetup(db.kysely, businessId);
  return loadMessageSettings(db.kysely, businessId);
}

export async function updateMessageSettings(db: Db, auth: AuthContext, patch: MessageSettingsPatch): Promise<MessageSettings> {
  const issues = new IssueList();
  if (patch.quietHours) {
    if (!isTime(patch.quietHours.start)) issues.add('quietHours.start', 'invalid_time', { value: patch.quietHours.start });
    if (!isTime(patch.quietHours.end)) issues.add('quietHours.end', 'invalid_time', { value: patch.quietHours.end });
  }
  issues.throwIfAny();
  await ensureMessageSetup(db.kysely, auth.businessId);
  return db.kysely.transaction().execute(async (trx) => {
    const before = await loadMessageSettings(trx, auth.businessId);
    const quiet = patch.quietHours === undefined ? before.quietHours : patch.quietHours;
    await trx
      .updateTable('message_settings')
      .set({
        quiet_start: quiet?.start ?? null,
        quiet_end: quiet?.end ?? null,
        reminders_enabled: (patch.remindersEnabled ?? before.remindersEnabled) ? 1 : 0,
        updated_at: nowIso(),
      })
      .where('business_id', '=', auth.businessId)
      .execute();
    const after = await loadMessageSettings(trx, auth.businessId);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'message_settings',
      entityId: auth.businessId,
      action: 'update',
      changes: { before, after },
    });
    return after;
  });
}
