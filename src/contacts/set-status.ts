/** Deactivates or reactivates a contact: inactive contacts leave pickers but keep their history. */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { nowIso } from '../shared/ids.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import type { ContactStatus, ContactType } from './model.ts';
import { type ContactJson, serializeWithAssignments } from './serialize.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';

export async function setContactStatus(
  db: Executor,
  actor: ContactActor,
  id: string,
  status: ContactStatus,
): Promise<ContactJson> {
  return inTransaction(db, async (trx) => {
    const business = await loadContactBusiness(trx, actor.businessId);
    const row = await loadVisibleContact(trx, actor, id);
    requireContactPermission(actor, row.type as ContactType, 'update');
    if (row.status === status) return serializeWithAssignments(trx, row, business);

    const updatedAt = nowIso();
    await trx
      .updateTable('contacts')
      .set({ status, updated_at: updatedAt })
      .where('business_id', '=', actor.businessId)
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'contact',
      entityId: row.id,
      action: status === 'inactive' ? 'deactivated' : 'reactivated',
      changes: [{ field: 'status', from: row.status, to: status }],
    });
    return serializeWithAssignments(trx, { ...row, status, updated_at: updatedAt }, business);
  });
}
