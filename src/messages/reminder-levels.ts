/**
 * Reminder levels: "N days before due", "on the due date" or "N days after
 * due", each with a payment reminder template and its channels.
 */
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import type { ReminderLevelTable } from '../db/schema.ts';
import { IssueList, notFound } from '../shared/errors.ts';
import { type Channel, channels } from './catalogue.ts';

export const reminderTimings = ['before_due', 'on_due', 'after_due'] as const;
export type ReminderTiming = (typeof reminderTimings)[number];

export const reminderLevelInput = z.object({
  name: z.string().trim().min(1).max(120),
  timing: z.enum(reminderTimings),
  days: z.number().int().min(0).max(365).default(0).describe('ignored for on_due'),
  templateId: z.string().min(1).max(64),
  channels: z.array(z.enum(channels)).min(1).max(3),
  isActive: z.boolean().default(true),
});
export type ReminderLevelInput = z.infer<typeof reminderLevelInput>;

export const reminderLevelView = z.object({
  id: z.string(),
  name: z.string(),
  timing: z.enum(reminderTimings),
  days: z.number(),
  /** Days from the due date: negative before it, positive after. */
  offsetDays: z.number(),
  templateId: z.string(),
  channels: z.array(z.enum(channels)),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReminderLevel = z.infer<typeof reminderLevelView>;

export function offsetOf(timing: ReminderTiming, days: number): number {
  if (timing === 'on_due') return 0;
  return timing === 'before_due' ? -days : days;
}

export function toLevel(row: ReminderLevelTable): ReminderLevel {
  const timing = row.timing as ReminderTiming;
  return {
    id: row.id,
    name: row.name,
    timing,
    days: row.days,
    offsetDays: offsetOf(timing, row.days),
    templateId: row.template_id,
    channels: JSON.parse(row.channels) as Channel[],
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Levels from the earliest (most days before due) to the latest. */
export async function loadLevels(db: Executor, businessId: string, activeOnly = false): Promise<ReminderLevel[]> {
  let query = db.selectFrom('reminder_levels').where('business_id', '=', businessId);
  if (activeOnly) query = query.where('is_active', '=', 1);
  const rows = await query.selectAll().execute();
  return rows.map(toLevel).sort((a, b) => a.offsetDays - b.offsetDays || a.id.localeCompare(b.id));
}

export async function loadLevel(db: Executor, businessId: string, id: string): Promise<ReminderLevel> {
  const row = await db
    .selectFrom('reminder_levels')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('reminder level');
  return toLevel(row);
}

/** Checks the days and that the template is a payment reminder of the business. */
export async function checkLevel(db: Executor, businessId: string, input: ReminderLevelInput): Promise<void> {
  const issues = new IssueList();
  if (input.timing !== 'on_due' && input.days < 1) issues.add('days', 'out_of_range', { value: input.days, min: 1, max: 365 });
  const template = await db
    .selectFrom('message_templates')
    .where('business_id', '=', businessId)
    .where('id', '=', input.templateId)
    .select('event')
    .executeTakeFirst();
  if (!template) issues.add('templateId', 'not_found_ref', { value: input.templateId });
  else if (template.event !== 'payment_reminder') {
    issues.add('templateId', 'template_event_mismatch', { actual: template.event, expected: 'payment_reminder' });
  }
  issues.throwIfAny();
}

export function levelRow(input: ReminderLevelInput) {
  return {
    name: input.name,
    timing: input.timing,
    days: input.timing === 'on_due' ? 0 : input.days,
    template_id: input.templateId,
    channels: JSON.stringify([...new Set(input.channels)]),
    is_active: input.isActive ? 1 : 0,
  };
}
