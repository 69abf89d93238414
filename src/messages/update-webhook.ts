/** Changes a webhook's URL, events, description or state, or replaces its secret. */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import { nowIso } from '../shared/ids.ts';
import { secretBox } from './secrets.ts';
import { webhookSecretContext } from './transports/webhook.ts';
import { checkWebhookUrl, loadWebhookRow, newWebhookSecret, toWebhookView, type WebhookPatch, type WebhookView } from './webhooks.ts';

export async function updateWebhook(db: Db, auth: AuthContext, id: string, patch: WebhookPatch): Promise<WebhookView> {
  checkWebhookUrl(patch.url);
  return db.kysely.transaction().execute(async (trx) => {
    const before = await loadWebhookRow(trx, auth.businessId, id);
    await trx
      .updateTable('webhooks')
      .set({
        url: patch.url ?? before.url,
        events: patch.events ? JSON.stringify([...new Set(patch.events)]) : before.events,
        description: patch.description === undefined ? before.description : patch.description || null,
        is_active: patch.isActive === undefined ? before.is_active : Number(patch.isActive),
        updated_at: nowIso(),
      })
      .where('business_id', '=', auth.businessId)
      .where('id', '=', id)
      .execute();
    const after = await loadWebhookRow(trx, auth.businessId, id);
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'webhook',
      entityId: id,
      action: 'update',
      changes: { before: toWebhookView(before), after: toWebhookView(after) },
    });
    return toWebhookView(after);
  });
}

/** Replaces the signing secret; deliveries still queued are signed with the new one. */
export async function rotateWebhookSecret(db: Db, auth: AuthContext, id: string) {
  const secret = newWebhookSecret();
  const sealed = secretBox(db).seal(secret, webhookSecretContext(auth.businessId, id));
  return db.kysely.transaction().execute(async (trx) => {
    await loadWebhookRow(trx, auth.businessId, id);
    await trx.updateTable('webhooks').set({ secret: sealed, updated_at: nowIso() }).where('business_id', '=', auth.businessId).where('id', '=', id).execute();
    await recordAudit(trx, { businessId: auth.businessId, userId: auth.userId, entityType: 'webhook', entityId: id, action: 'rotate_secret', changes: {} });
    return { ...toWebhookView(await loadWebhookRow(trx, auth.businessId, id)), secret };
  });
}
