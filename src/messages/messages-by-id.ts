/** Reads messages back by id, or by dedupe key when a repeated request stored nothing new. */
import type { Executor } from '../db/database.ts';
import { type MessageView, toMessageView } from './message-view.ts';

export async function listMessagesByIds(
  db: Executor,
  businessId: string,
  ids: string[],
  dedupeKeys: (string | null | undefined)[] = [],
): Promise<MessageView[]> {
  const keys = dedupeKeys.filter((k): k is string => typeof k === 'string');
  if (ids.length === 0 && keys.length === 0) return [];
  const rows = await db
    .selectFrom('messages')
    .leftJoin('message_templates', 'message_templates.id', 'messages.template_id')
    .where('messages.business_id', '=', businessId)
    .where((eb) => {
      const matches = [];
      if (ids.length > 0) matches.push(eb('messages.id', 'in', ids));
      if (keys.length > 0) matches.push(eb('messages.dedupe_key', 'in', keys));
      return eb.or(matches);
    })
    .selectAll('messages')
    .select('message_templates.name as template_name')
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute();
  return rows.map(({ template_name, ...row }) => toMessageView(row, template_name));
}
