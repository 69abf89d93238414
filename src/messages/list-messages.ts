/** Lists outbox messages, newest first: a contact's history, a webhook's deliveries, or the whole outbox. */
import type { SelectQueryBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import {
  beforeCursor,
  decodeMessageCursor,
  encodeMessageCursor,
  type MessageView,
  toMessageView,
} from './message-view.ts';

export interface MessageFilter {
  businessId: string;
  contactId?: string;
  webhookId?: string;
  status?: string;
  channel?: string;
  limit: number;
  cursor?: string;
  /** Keeps the messages of these contacts only (a user who sees some contacts). */
  visibleContacts?: SelectQueryBuilder<Database, 'contacts', { id: string }> | null;
}

export async function listMessages(db: Executor, filter: MessageFilter): Promise<{ items: MessageView[]; nextCursor: string | null }> {
  const after = decodeMessageCursor(filter.cursor);
  let query = db
    .selectFrom('messages')
    .leftJoin('message_templates', (join) =>
      join.onRef('message_templates.id', '=', 'messages.template_id').onRef('message_templates.business_id', '=', 'messages.business_id'),
    )
    .where('messages.business_id', '=', filter.businessId)
    .selectAll('messages')
    .select('message_templates.name as template_name')
    .orderBy('messages.created_at', 'desc')
    .orderBy('messages.id', 'desc')
    .limit(filter.limit + 1);
  if (filter.contactId) query = query.where('messages.contact_id', '=', filter.contactId);
  if (filter.webhookId) query = query.where('messages.webhook_id', '=', filter.webhookId);
  if (filter.status) query = query.where('messages.status', '=', filter.status);
  if (filter.channel) query = query.where('messages.channel', '=', filter.channel);
  if (filter.visibleContacts) query = query.where('messages.contact_id', 'in', filter.visibleContacts);
  if (after) query = query.where(beforeCursor(after));

  const rows = await query.execute();
  const more = rows.length > filter.limit;
  const kept = more ? rows.slice(0, filter.limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(({ template_name, ...row }) => toMessageView(row, template_name)),
    nextCursor: more && last ? encodeMessageCursor(last) : null,
  };
}
