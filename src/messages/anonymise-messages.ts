/**
 * Erases the personal data a contact's messages hold (address, number,
 * texts) when the contact is anonymised. Queued messages are cancelled, so
 * nothing goes out after the erasure. Channel, template, status and times
 * stay for the history.
 */
import type { Executor } from '../db/database.ts';
import { nowIso } from '../shared/ids.ts';

export async function anonymiseContactMessages(trx: Executor, businessId: string, contactId: string): Promise<void> {
  const now = nowIso();
  await trx
    .updateTable('messages')
    .set({ status: 'cancelled', last_error: 'contact anonymised', updated_at: now })
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('status', '=', 'queued')
    .execute();
  await trx
    .updateTable('messages')
    .set({ recipient: '', subject: null, text: '', html: null, attachments: '[]', updated_at: now })
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .execute();
  await trx
    .updateTable('message_attempts')
    .set({ error: null })
    .where('business_id', '=', businessId)
    .where('message_id', 'in', (eb) =>
      eb.selectFrom('messages').select('id').where('business_id', '=', businessId).where('contact_id', '=', contactId),
    )
    .execute();
}
