/** Translation keys of message values the server returns as codes. */
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';
import { errorMessage } from '../shared/errors.ts';
import type { Channel, MessageStatus, ReminderTiming, TemplateEvent } from './api.ts';

export const eventLabel = (t: TFunction, event: TemplateEvent | string) => t(`msg.events.${event}`);
export const channelLabel = (t: TFunction, channel: Channel | 'webhook') => t(`msg.channel.${channel}`);
export const statusLabel = (t: TFunction, status: MessageStatus) => t(`msg.status.${status}`);

export const statusColor: Record<MessageStatus, string> = {
  queued: 'blue',
  sending: 'cyan',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

export function timingLabel(t: TFunction, timing: ReminderTiming, days: number): string {
  if (timing === 'on_due') return t('msg.reminders.timing.on_due');
  return t(`msg.reminders.timing.${timing}`, { count: days });
}

/** Returns what a form must show above its buttons: the issues no field shows, or the whole error when it named no field. */
export function leftoverErrors(error: unknown, unshown: string[], t: TFunction): string[] {
  if (isApiError(error) && error.issues.length > 0) return unshown;
  return [errorMessage(error, t)];
}
