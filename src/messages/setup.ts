/**
 * Creates a business's message settings and default templates the first time
 * anything reads them, so businesses created before messages existed get
 * them too.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Executor } from '../db/database.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { channels, locales } from './catalogue.ts';
import { defaultContentFor, defaultTemplates } from './default-templates.ts';

/** Quiet hours a business starts with, in its own time zone. */
export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '08:00' };

/**
 * Makes sure the settings row and the default templates exist. Runs its own
 * transaction, so call it with the database handle, not inside another
 * transaction. Concurrent callers create the defaults once: the update that
 * stamps `defaults_created_at` lets one transaction through.
 */
export async function ensureMessageSetup(db: Kysely<Database>, businessId: string): Promise<void> {
  const existing = await db
    .selectFrom('message_settings')
    .where('business_id', '=', businessId)
    .select('defaults_created_at')
    .executeTakeFirst();
  if (existing?.defaults_created_at) return;
  await db.transaction().execute((trx) => createDefaults(trx, businessId));
}

async function createDefaults(trx: Executor, businessId: string): Promise<void> {
  const now = nowIso();
  await trx
    .insertInto('message_settings')
    .values({
      business_id: businessId,
      quiet_start: DEFAULT_QUIET_HOURS.start,
      quiet_end: DEFAULT_QUIET_HOURS.end,
      reminders_enabled: 1,
      defaults_created_at: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('business_id').doNothing())
    .execute();
  const claimed = await trx
    .updateTable('message_settings')
    .set({ defaults_created_at: now })
    .where('business_id', '=', businessId)
    .where('defaults_created_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0) return;

  const business = await trx.selectFrom('businesses').where('id', '=', businessId).select('locale').executeTakeFirst();
  const nameLocale = business?.locale === 'en' ? 'en' : 'fr';
  for (const template of defaultTemplates) {
    const id = newId();
    await trx
      .insertInto('message_templates')
      .values({
        id,
        business_id: businessId,
        event: template.event,
        name: template.name[nameLocale],
        auto_email: 0,
        auto_sms: 0,
        auto_whatsapp: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const rows = channels.flatMap((channel) =>
      locales.map((locale) => ({
        business_id: businessId,
        template_id: id,
        channel,
        locale,
        ...defaultContentFor(template, channel, locale),
      })),
    );
    await trx.insertInto('message_template_contents').values(rows).execute();
  }
}
