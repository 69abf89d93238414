/**
 * Stores messages in the outbox. Nothing is sent here: the outbox worker
 * sends what is due. A message with a dedupe key that the business already
 * has is skipped, so the same reminder or receipt is never queued twice.
 */
import type { Executor } from '../db/database.ts';
import type { MessageTable } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { Channel } from './catalogue.ts';

export type OutboxChannel = Channel | 'webhook';
export type MessageOrigin = 'event' | 'reminder' | 'manual' | 'webhook';

/** A file made when the message is sent, from current data. */
export interface AttachmentReference {
  kind: 'statement';
  contactId: string;
  from?: string | null;
  to?: string | null;
}

export interface NewMessage {
  businessId: string;
  contactId: string | null;
  channel: OutboxChannel;
  origin: MessageOrigin;
  templateId?: string | null;
  event?: string | null;
  sourceType?: string | null;
  sourceId?: string | null;
  webhookId?: string | null;
  recipient: string;
  locale: string;
  subject?: string | null;
  text: string;
  html?: string | null;
  attachments?: AttachmentReference[];
  dedupeKey?: string | null;
  createdBy?: string | null;
  /** ISO time before which the message waits (quiet hours). */
  notBefore?: string;
}

/** Rows per INSERT: well under both engines' limits on bound parameters. */
const CHUNK = 500;

/** Inserts the messages and returns the ids of those stored (duplicates left out). */
export async function enqueueMessages(trx: Executor, messages: NewMessage[], now = new Date()): Promise<string[]> {
  const stored: string[] = [];
  const created = now.toISOString();
  for (let start = 0; start < messages.length; start += CHUNK) {
    const rows = messages.slice(start, start + CHUNK).map((m) => toRow(m, created));
    const inserted = await trx
      .insertInto('messages')
      .values(rows)
      .onConflict((oc) => oc.columns(['business_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    for (const row of inserted) stored.push(row.id);
  }
  return stored;
}

function toRow(message: NewMessage, created: string): MessageTable {
  return {
    id: newId(),
    business_id: message.businessId,
    contact_id: message.contactId,
    channel: message.channel,
    origin: message.origin,
    template_id: message.templateId ?? null,
    event: message.event ?? null,
    source_type: message.sourceType ?? null,
    source_id: message.sourceId ?? null,
    webhook_id: message.webhookId ?? null,
    recipient: message.recipient,
    locale: message.locale,
    subject: message.subject ?? null,
    text: message.text,
    html: message.html ?? null,
    attachments: JSON.stringify(message.attachments ?? []),
    status: 'queued',
    attempts: 0,
    next_attempt_at: message.notBefore ?? created,
    claim_token: null,
    last_error: null,
    sent_at: null,
    provider_id: null,
    dedupe_key: message.dedupeKey ?? null,
    created_by: message.createdBy ?? null,
    created_at: created,
    updated_at: created,
  };
}
