/**
 * Deletes a contact that has no history, with its notes, attachments and
 * assignments. A contact with history is refused with 409 and its count.
 */
import { recordAudit } from '../auth/audit.ts';
import { enqueueEventMessages } from '../messages/events.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';
import { inTransaction } from './business.ts';
import { countContactHistory } from './history.ts';
import type { ContactType } from './model.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';

export async function deleteContact(db: Executor, actor: ContactActor, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await loadVisibleContact(trx, actor, id);
    requireContactPermission(actor, row.type as ContactType, 'delete');

    const count = await countContactHistory(trx, actor.businessId, row.id);
    if (count > 0) throw new AppError('contact_has_history', { count }, [], { count });
    await enqueueEventMessages(trx, { type: 'contact.deleted', businessId: actor.businessId, contactId: row.id });

    // Children go first and by name: the foreign keys cascade too, but an
    // explicit delete does not depend on the engine enforcing them.
    for (const table of ['contact_notes', 'contact_attachments', 'contact_assignments'] as const) {
      await trx.deleteFrom(table).where('business_id', '=', actor.businessId).where('contact_id', '=', row.id).execute();
    }
    await trx.deleteFrom('contacts').where('business_id', '=', actor.businessId).where('id', '=', row.id).execute();
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: 'deleted',
      changes: { code: row.code, name: row.name, type: row.type },
    });
  });
}
