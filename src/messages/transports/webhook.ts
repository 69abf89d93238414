/**
 * Posts one webhook delivery: the stored JSON body, signed with the
 * webhook's secret. Redirects are not followed, so nothing but the
 * registered URL is fetched. Any status outside 2xx is retried.
 */
import type { Db } from '../../db/database.ts';
import type { MessageTable } from '../../db/schema.ts';
import { secretBox, secretContext } from '../secrets.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from '../webhook-signature.ts';
import { CancelledDelivery, DeliveryError } from './delivery-error.ts';
import { describeFetchError } from './gateway.ts';

const TIMEOUT_MS = 10_000;

export function webhookSecretContext(businessId: string, webhookId: string): string {
  return secretContext(businessId, `webhook:${webhookId}`);
}

export async function sendWebhook(db: Db, row: MessageTable): Promise<{ providerId: null; responseStatus: number }> {
  const webhook = await db.kysely
    .selectFrom('webhooks')
    .where('business_id', '=', row.business_id)
    .where('id', '=', row.webhook_id ?? '')
    .select(['secret', 'is_active'])
    .executeTakeFirst();
  if (!webhook || webhook.is_active !== 1) throw new CancelledDelivery('webhook was removed or switched off');

  const secret = secretBox(db).open(webhook.secret, webhookSecretContext(row.business_id, row.webhook_id ?? ''));
  let response: Response;
  try {
    response = await fetch(row.recipient, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Comptoir-Webhooks/1',
        [SIGNATURE_HEADER]: signBody(secret, row.text),
        [TIMESTAMP_HEADER]: String(Math.floor(Date.now() / 1000)),
        [EVENT_HEADER]: row.event ?? '',
        [DELIVERY_HEADER]: row.id,
      },
      body: row.text,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    throw new DeliveryError(`webhook request failed: ${describeFetchError(error)}`, false);
  }
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status >= 300) {
    throw new DeliveryError(`webhook response was HTTP ${response.status}`, false, response.status);
  }
  return { providerId: null, responseStatus: response.status };
}
