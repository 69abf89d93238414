/** Registers a webhook with a new signing secret, returned once. */
import { recordAudit } from '../auth/audit.ts';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/database.ts';
import type { WebhookTable } from '../db/schema.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { secretBox } from './secrets.ts';
import { webhookSecretContext } from './transports/webhook.ts';
import { checkWebhookUrl, newWebhookSecret, toWebhookView, type WebhookInput } from './webhooks.ts';

export async function createWebhook(db: Db, auth: AuthContext, input: WebhookInput) {
  checkWebhookUrl(input.url);
  const id = newId();
  const secret = newWebhookSecret();
  const sealed = secretBox(db).seal(secret, webhookSecretContext(auth.businessId, id));
  const now = nowIso();
  const row: WebhookTable = {
    id,
    business_id: auth.businessId,
    url: input.url,
    events: JSON.stringify([...new Set(input.events)]),
    secret: sealed,
    description: input.description || null,
    is_active: input.isActive ? 1 : 0,
    created_by: auth.userId,
    created_at: now,
    updated_at: now,
  };
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('webhooks').values(row).execute();
    await recordAudit(trx, {
      businessId: auth.businessId,
      userId: auth.userId,
      entityType: 'webhook',
      entityId: id,
      action: 'create',
      changes: { url: row.url, events: input.events },
    });
  });
  return { ...toWebhookView(row), secret };
}
