/**
 * The demo shop's reminder schedule: a friendly note three days before the
 * due date and a reminder a week after it, both by email with the default
 * payment reminder template, so the reminders page has levels to run. The
 * levels are named in the business's language.
 */
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { createReminderLevel } from '../messages/save-reminder-level.ts';
import { ensureMessageSetup } from '../messages/setup.ts';
import { demoTexts } from './demo-texts.ts';

/** Adds the levels as the demo's administrator, the business's only user. */
export async function addDemoReminderLevels(db: Db, businessId: string): Promise<number> {
  await ensureMessageSetup(db.kysely, businessId);
  const template = await db.kysely.selectFrom('message_templates').where('business_id', '=', businessId)
    .where('event', '=', 'payment_reminder').select('id').orderBy('created_at').executeTakeFirstOrThrow();
  const business = await db.kysely.selectFrom('businesses').where('id', '=', businessId)
    .select(['id', 'currency', 'country', 'timezone', 'locale', 'contact_code_prefix', 'custom_field_labels'])
    .executeTakeFirstOrThrow();
  const language = business.locale === 'en' ? 'en' : 'fr';
  const user = await db.kysely.selectFrom('users').where('business_id', '=', businessId)
    .select(['id', 'name', 'email', 'role_id']).executeTakeFirstOrThrow();
  const auth: AuthContext = {
    businessId, userId: user.id, userName: user.name, email: user.email, roleId: user.role_id, isAdmin: true,
    permissions: new Set<string>(), locale: language, via: 'token', sessionId: null, csrfToken: null, defaultLocationId: null, business,
  };
  const names = demoTexts[language].reminderLevels;
  const levels = [
    { name: names.beforeDue, timing: 'before_due' as const, days: 3 },
    { name: names.afterDue, timing: 'after_due' as const, days: 7 },
  ];
  for (const level of levels) {
    await createReminderLevel(db, auth, { ...level, templateId: template.id, channels: ['email'], isActive: true });
  }
  return levels.length;
}
