/** Lists and reads a business's webhooks. */
import type { Db } from '../db/database.ts';
import { loadWebhookRow, toWebhookView, type WebhookView } from './webhooks.ts';

export async function listWebhooks(db: Db, businessId: string): Promise<WebhookView[]> {
  const rows = await db.kysely.selectFrom('webhooks').where('business_id', '=', businessId).selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toWebhookView);
}

export async function getWebhook(db: Db, businessId: string, id: string): Promise<WebhookView> {
  return toWebhookView(await loadWebhookRow(db.kysely, businessId, id));
}
