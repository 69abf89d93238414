/** A business's message settings: quiet hours, reminders on or off, enabled channels. */
import type { Executor } from '../db/database.ts';
import type { Channel } from './catalogue.ts';
import type { QuietHours } from './quiet-hours.ts';
import { DEFAULT_QUIET_HOURS } from './setup.ts';

export interface MessageSettings {
  quietHours: QuietHours | null;
  remindersEnabled: boolean;
}

export async function loadMessageSettings(db: Executor, businessId: string): Promise<MessageSettings> {
  const row = await db
    .selectFrom('message_settings')
    .where('business_id', '=', businessId)
    .select(['quiet_start', 'quiet_end', 'reminders_enabled'])
    .executeTakeFirst();
  if (!row) return { quietHours: DEFAULT_QUIET_HOURS, remindersEnabled: true };
  const quietHours = row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null;
  return { quietHours, remindersEnabled: row.reminders_enabled === 1 };
}

/** Lists the channels whose settings exist and are switched on. */
export async function enabledChannels(db: Executor, businessId: string): Promise<Set<Channel>> {
  const rows = await db
    .selectFrom('message_channels')
    .where('business_id', '=', businessId)
    .where('enabled', '=', 1)
    .select('channel')
    .execute();
  return new Set(rows.map((r) => r.channel as Channel));
}
