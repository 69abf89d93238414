/**
 * Sends one claimed outbox message on its channel. Channel settings and SMTP
 * connections are opened once per business for a whole batch.
 */
import type { Db } from '../db/database.ts';
import type { MessageTable } from '../db/schema.ts';
import { resolveAttachments } from './attachments.ts';
import {
  type EmailConfig,
  type GatewayConfig,
  type GatewaySecrets,
  loadEmailChannel,
  loadGatewayChannel,
} from './channel-store.ts';
import type { AttachmentReference } from './enqueue.ts';
import { CancelledDelivery, DeliveryError } from './transports/delivery-error.ts';
import { createEmailSender, type EmailSender } from './transports/email.ts';
import { buildGatewayRequest, sendThroughGateway } from './transports/gateway.ts';
import { sendWebhook } from './transports/webhook.ts';

export interface DeliveryResult {
  providerId: string | null;
  responseStatus: number | null;
}

type Gateway = { config: GatewayConfig; secrets: GatewaySecrets };

export class ChannelCache {
  private readonly senders = new Map<string, Promise<{ sender: EmailSender; config: EmailConfig } | null>>();
  private readonly gateways = new Map<string, Promise<Gateway | null>>();

  constructor(private readonly db: Db) {}

  email(businessId: string) {
    let entry = this.senders.get(businessId);
    if (!entry) {
      entry = loadEmailChannel(this.db.kysely, this.db, businessId).then((stored) => {
        if (!stored?.enabled) return null;
        return { sender: createEmailSender(stored.config, stored.openSecrets()), config: stored.config };
      });
      this.senders.set(businessId, entry);
    }
    return entry;
  }

  gateway(businessId: string, channel: 'sms' | 'whatsapp') {
    const key = `${businessId}:${channel}`;
    let entry = this.gateways.get(key);
    if (!entry) {
      entry = loadGatewayChannel(this.db.kysely, this.db, businessId, channel).then((stored) =>
        stored?.enabled ? { config: stored.config, secrets: stored.openSecrets() } : null,
      );
      this.gateways.set(key, entry);
    }
    return entry;
  }

  async close(): Promise<void> {
    for (const entry of this.senders.values()) {
      const opened = await entry.catch(() => null);
      opened?.sender.close();
    }
  }
}

export async function deliver(db: Db, cache: ChannelCache, row: MessageTable): Promise<DeliveryResult> {
  if (row.contact_id && row.channel !== 'webhook') await checkConsent(db, row);
  switch (row.channel) {
    case 'email':
      return deliverEmail(db, cache, row);
    case 'sms':
    case 'whatsapp':
      return deliverText(cache, row, row.channel);
    case 'webhook':
      return sendWebhook(db, row);
    default:
      throw new DeliveryError(`unknown channel ${row.channel}`, true);
  }
}

async function checkConsent(db: Db, row: MessageTable): Promise<void> {
  const refusal = await db.kysely
    .selectFrom('contact_channel_consents')
    .where('business_id', '=', row.business_id)
    .where('contact_id', '=', row.contact_id ?? '')
    .where('channel', '=', row.channel)
    .select('refused_at')
    .executeTakeFirst();
  if (refusal) throw new CancelledDelivery(`contact opted out of ${row.channel} on ${refusal.refused_at}`);
}

async function deliverEmail(db: Db, cache: ChannelCache, row: MessageTable): Promise<DeliveryResult> {
  const opened = await cache.email(row.business_id);
  if (!opened) throw new DeliveryError('email channel is not set up or is switched off', false);
  const references = JSON.parse(row.attachments) as AttachmentReference[];
  const attachments = await resolveAttachments(db, row.business_id, row.locale, references);
  const { providerId } = await opened.sender.send({
    to: row.recipient,
    subject: row.subject ?? '',
    text: row.text,
    html: row.html,
    attachments,
  });
  return { providerId, responseStatus: null };
}

async function deliverText(cache: ChannelCache, row: MessageTable, channel: 'sms' | 'whatsapp'): Promise<DeliveryResult> {
  const gateway = await cache.gateway(row.business_id, channel);
  if (!gateway) throw new DeliveryError(`${channel} channel is not set up or is switched off`, false);
  const request = buildGatewayRequest(gateway.config, gateway.secrets, { number: row.recipient, text: row.text });
  const { status, providerId } = await sendThroughGateway(request);
  return { providerId, responseStatus: status };
}
