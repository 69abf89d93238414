/**
 * Changes a contact's message language and channel refusals. A refusal is
 * stored with its date. Withdrawing it deletes the row, and the audit log
 * keeps both.
 */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import { loadVisibleContact, requireContactPermission } from '../contacts/visibility.ts';
import type { ContactType } from '../contacts/model.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../shared/ids.ts';
import { nextVersion } from '../contacts/contact-version.ts';
import type { Channel } from './catalogue.ts';
import { type PreferencesPatch, type PreferencesView, readPreferences } from './message-preferences.ts';

export async function updateMessagePreferences(
  db: Db,
  auth: AuthContext,
  contactId: string,
  patch: PreferencesPatch,
): Promise<PreferencesView> {
  return db.kysely.transaction().execute(async (trx) => {
    const contact = await loadVisibleContact(trx, auth, contactId);
    requireContactPermission(auth, contact.type as ContactType, 'update');
    const before = await readPreferences(trx, auth.businessId, contactId);
    const now = nowIso();

    if (patch.language !== undefined && patch.language !== before.language) {
      await trx
        .updateTable('contacts')
        .set({ language: patch.language, ...nextVersion(now) })
        .where('business_id', '=', auth.businessId)
        .where('id', '=', contactId)
        .execute();
    }
    for (const [channel, refused] of Object.entries(patch.refused ?? {}) as [Channel, boolean | undefined][]) {
      if (refused === undefined) continue;
      const already = before.refusals.some((r) => r.channel === channel);
      if (refused && !already) {
        await trx
          .insertInto('contact_channel_consents')
          .values({ business_id: auth.businessId, contact_id: contactId, channel, refused_at: now, recorded_by: auth.userId })
          .execute();
      } else if (!refused && already) {
        await trx
          .deleteFrom('contact_channel_consents')
          .where('business_id', '=', auth.businessId)
          .where('contact_id', '=', contactId)
          .where('channel', '=', channel)
          .execute();
      }
    }

    const after = await readPreferences(trx, auth.businessId, contactId);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'contact',
      entityId: contactId,
      action: 'message_preferences',
      changes: [
        { field: 'language', from: before.language, to: after.language },
        { field: 'refusals', from: before.refusals, to: after.refusals },
      ].filter((c) => JSON.stringify(c.from) !== JSON.stringify(c.to)),
    });
    return after;
  });
}
