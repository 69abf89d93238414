/** Puts a contact's reminders on hold (until a date, or until released) and releases them. */
import { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Db } from '../db/database.ts';
import { isIsoDate } from '../ledger/dates.ts';
import { IssueList } from '../shared/errors.ts';
import { nowIso } from '../shared/ids.ts';
import { type PreferencesView, readPreferences } from './message-preferences.ts';

export const holdInput = z.object({
  until: z.string().nullable().optional().describe('last business date of the hold (YYYY-MM-DD); null or omitted: until released'),
  reason: z.string().trim().max(500).nullable().optional(),
});
export type HoldInput = z.infer<typeof holdInput>;

export async function holdReminders(db: Db, auth: AuthContext, contactId: string, input: HoldInput): Promise<PreferencesView> {
  const issues = new IssueList();
  if (input.until && !isIsoDate(input.until)) issues.add('until', 'invalid_date', { value: input.until });
  issues.throwIfAny();
  return db.kysely.transaction().execute(async (trx) => {
    await loadVisibleContact(trx, auth, contactId);
    const row = {
      business_id: auth.businessId,
      contact_id: contactId,
      until: input.until ?? null,
      reason: input.reason || null,
      created_by: auth.userId,
      created_at: nowIso(),
    };
    await trx
      .insertInto('reminder_holds')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['business_id', 'contact_id']).doUpdateSet({
          until: row.until,
          reason: row.reason,
          created_by: row.created_by,
          created_at: row.created_at,
        }),
      )
      .execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'contact',
      entityId: contactId,
      action: 'reminder_hold',
      changes: { until: row.until, reason: row.reason },
    });
    return readPreferences(trx, auth.businessId, contactId);
  });
}

export async function releaseReminders(db: Db, auth: AuthContext, contactId: string): Promise<PreferencesView> {
  return db.kysely.transaction().execute(async (trx) => {
    await loadVisibleContact(trx, auth, contactId);
    const removed = await trx
      .deleteFrom('reminder_holds')
      .where('business_id', '=', auth.businessId)
      .where('contact_id', '=', contactId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) > 0) {
      await recordAudit(trx, {
        businessId: auth.businessId,
        userId: auth.userId,
        entityType: 'contact',
        entityId: contactId,
        action: 'reminder_release',
        changes: {},
      });
    }
    return readPreferences(trx, auth.businessId, contactId);
  });
}
