/** Deletes a webhook. */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { loadWebhookRow } from './webhooks.ts';

/** Deletes the webhook; its queued deliveries are cancelled when their turn comes. */
export async function deleteWebhook(db: Db, auth: AuthContext, id: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const row = await loadWebhookRow(trx, auth.businessId, id);
    await trx.deleteFrom('webhooks').where('business_id', '=', auth.businessId).where('id', '=', id).execute();
    await recordAudit(trx, { businessId: auth.businessId, userId: auth.userId, entityType: 'webhook', entityId: id, action: 'delete', changes: { url: row.url } });
  });
}
