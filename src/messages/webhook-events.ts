/**
 * The webhook events integrators can subscribe to, and the outbox rows of
 * one event: one delivery per active webhook of the business that wants it.
 */
import type { Executor } from '../db/database.ts';
import type { NewMessage } from './enqueue.ts';

export const webhookEventTypes = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'sale.finalised',
  'payment.recorded',
  'balance.changed',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export interface WebhookEvent {
  /** Shared by every delivery of the event, so receivers can drop repeats. */
  id: string;
  type: WebhookEventType;
  data: Record<string, unknown>;
}

export interface ActiveWebhook {
  id: string;
  url: string;
  /** JSON array of the event types the webhook wants. */
  events: string;
}

export async function activeWebhooks(trx: Executor, businessId: string): Promise<ActiveWebhook[]> {
  return trx
    .selectFrom('webhooks')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .select(['id', 'url', 'events'])
    .execute();
}

export async function webhookDeliveries(
  trx: Executor,
  businessId: string,
  event: WebhookEvent,
  now: Date,
): Promise<NewMessage[]> {
  return deliveriesOf(await activeWebhooks(trx, businessId), businessId, event, now);
}

/** Builds the outbox rows of one event: one delivery per webhook of `hooks` subscribed to its type. */
export function deliveriesOf(hooks: readonly ActiveWebhook[], businessId: string, event: WebhookEvent, now: Date): NewMessage[] {
  const subscribed = hooks.filter((hook) => (JSON.parse(hook.events) as string[]).includes(event.type));
  if (subscribed.length === 0) return [];
  const body = JSON.stringify({ id: event.id, type: event.type, createdAt: now.toISOString(), businessId, data: event.data });
  return subscribed.map((hook) => ({
    businessId,
    contactId: null,
    channel: 'webhook' as const,
    origin: 'webhook' as const,
    event: event.type,
    sourceType: 'event',
    sourceId: event.id,
    webhookId: hook.id,
    recipient: hook.url,
    locale: 'en',
    text: body,
    dedupeKey: `webhook:${hook.id}:${event.id}`,
  }));
}
