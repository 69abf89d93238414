/** The API shape of a contact's message preferences: language, refusals and reminder hold. */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { type Channel, channels, locales } from './catalogue.ts';
import { localeOf } from './facts.ts';

export const preferencesView = z.object({
  contactId: z.string(),
  language: z.enum(locales).nullable().describe('null: the business’s language'),
  effectiveLanguage: z.enum(locales),
  refusals: z.array(z.object({ channel: z.enum(channels), refusedAt: z.string() })),
  reminderHold: z
    .object({ until: z.string().nullable(), reason: z.string().nullable(), createdAt: z.string(), createdBy: z.string().nullable() })
    .nullable(),
});
export type PreferencesView = z.infer<typeof preferencesView>;

export const preferencesPatch = z.object({
  language: z.enum(locales).nullable().optional(),
  refused: z
    .object({ email: z.boolean().optional(), sms: z.boolean().optional(), whatsapp: z.boolean().optional() })
    .optional()
    .describe('true records a refusal dated now; false withdraws it'),
});
export type PreferencesPatch = z.infer<typeof preferencesPatch>;

export async function readPreferences(db: Executor, businessId: string, contactId: string): Promise<PreferencesView> {
  const contact = await db
    .selectFrom('contacts')
    .innerJoin('businesses', 'businesses.id', 'contacts.business_id')
    .where('contacts.business_id', '=', businessId)
    .where('contacts.id', '=', contactId)
    .select(['contacts.language', 'businesses.locale'])
    .executeTakeFirstOrThrow();
  const refusals = await db
    .selectFrom('contact_channel_consents')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .select(['channel', 'refused_at'])
    .orderBy('channel')
    .execute();
  const hold = await db
    .selectFrom('reminder_holds')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .selectAll()
    .executeTakeFirst();
  const language = contact.language === 'fr' || contact.language === 'en' ? contact.language : null;
  return {
    contactId,
    language,
    effectiveLanguage: localeOf(language, contact.locale),
    refusals: refusals.map((r) => ({ channel: r.channel as Channel, refusedAt: r.refused_at })),
    reminderHold: hold ? { until: hold.until, reason: hold.reason, createdAt: hold.created_at, createdBy: hold.created_by } : null,
  };
}
