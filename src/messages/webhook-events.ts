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

export async function webhookDeliveries(
  trx: Executor,
  businessId: string,
  event: WebhookEvent,
  now: Date,
): Promise<NewMessage[]> {
  const hooks = await trx
    .selectFrom('webhooks')
    .where('business_id', '=', businessId)
    .where('is_active', '=', 1)
    .select(['id', 'url', 'events'])
    .execute();
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
