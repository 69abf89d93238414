/**
 * Webhooks a business registers: an http(s) URL, the events it wants, and a
 * signing secret that Comptoir generates, shows once and keeps sealed.
 * Registering a URL fetches nothing; only deliveries are sent to it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import type { WebhookTable } from '../db/schema.ts';
import { IssueList, notFound } from '../shared/errors.ts';
import { checkHttpUrl } from './urls.ts';
import { webhookEventTypes } from './webhook-events.ts';

export const webhookInput = z.object({
  url: z.string().trim().min(1).max(2000),
  events: z.array(z.enum(webhookEventTypes)).min(1).max(webhookEventTypes.length),
  description: z.string().trim().max(200).nullable().optional(),
  isActive: z.boolean().default(true),
});
export type WebhookInput = z.infer<typeof webhookInput>;

// isActive is declared again without its default, which would switch a webhook back on at any change.
export const webhookPatch = webhookInput.partial().extend({ isActive: z.boolean().optional() });
export type WebhookPatch = z.infer<typeof webhookPatch>;

export const webhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(webhookEventTypes)),
  description: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const webhookWithSecret = webhookView.extend({
  secret: z.string().describe('shown only in this answer: keep it to check X-Comptoir-Signature'),
});
export type WebhookView = z.infer<typeof webhookView>;

export function toWebhookView(row: WebhookTable): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookView['events'],
    description: row.description,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

export function checkWebhookUrl(url: string | undefined): void {
  if (url === undefined) return;
  const issues = new IssueList();
  checkHttpUrl(url, 'url', issues);
  if (/\{\{/.test(url)) issues.add('url', 'invalid_url', { value: url });
  issues.throwIfAny();
}

export async function loadWebhookRow(db: Executor, businessId: string, id: string): Promise<WebhookTable> {
  const row = await db.selectFrom('webhooks').where('business_id', '=', businessId).where('id', '=', id).selectAll().executeTakeFirst();
  if (!row) throw notFound('webhook');
  return row;
}
