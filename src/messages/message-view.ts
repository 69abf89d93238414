/** The API shape of an outbox message, and keyset pages of them (newest first). */
import { sql } from 'kysely';
import { z } from 'zod';
import type { MessageTable } from '../db/schema.ts';
import { decodeCursorJson, malformedCursor } from '../shared/cursor.ts';
import { integerParameter } from '../server/query-parameters.ts';

export const messageStatuses = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;

export const messageView = z.object({
  id: z.string(),
  contactId: z.string().nullable(),
  channel: z.enum(['email', 'sms', 'whatsapp', 'webhook']),
  origin: z.enum(['event', 'reminder', 'manual', 'webhook']),
  templateId: z.string().nullable(),
  templateName: z.string().nullable(),
  event: z.string().nullable(),
  recipient: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  hasAttachments: z.boolean(),
  status: z.enum(messageStatuses),
  attempts: z.number(),
  lastError: z.string().nullable(),
  /** When a queued message is next tried. */
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type MessageView = z.infer<typeof messageView>;

export function toMessageView(row: MessageTable, templateName: string | null): MessageView {
  return {
    id: row.id,
    contactId: row.contact_id,
    channel: row.channel as MessageView['channel'],
    origin: row.origin as MessageView['origin'],
    templateId: row.template_id,
    templateName,
    event: row.event,
    recipient: row.recipient,
    subject: row.subject,
    text: row.text,
    html: row.html,
    hasAttachments: row.attachments !== '[]',
    status: row.status as MessageView['status'],
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at : null,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export const messagePageQuery = z.object({
  limit: integerParameter(1, 200, 50),
  cursor: z.string().max(500).optional(),
});

export function encodeMessageCursor(row: { created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

export function decodeMessageCursor(cursor: string | undefined): { createdAt: string; id: string } | null {
  if (!cursor) return null;
  const value = decodeCursorJson(cursor);
  if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
    return { createdAt: value[0], id: value[1] };
  }
  throw malformedCursor(cursor);
}

/** Rows older than the cursor's row, in (created_at, id) order. */
export function beforeCursor(key: { createdAt: string; id: string }) {
  return sql<boolean>`(messages.created_at, messages.id) < (${key.createdAt}, ${key.id})`;
}
