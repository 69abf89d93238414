/**
 * Deactivates or reactivates a contact: inactive contacts leave pickers but
 * keep their history. Deactivating a contact whose account is not settled
 * succeeds with a warning, because the balance is still to be settled.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import type { FieldIssue } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import { inTransaction, loadContactBusiness } from './business.ts';
import { nextVersion } from './contact-version.ts';
import type { ContactStatus, ContactType } from './model.ts';
import { type ContactJson, serializeWithAssignments } from './serialize.ts';
import { type ContactActor, loadVisibleContact, requireContactPermission } from './visibility.ts';

export async function setContactStatus(
  db: Executor,
  actor: ContactActor,
  id: string,
  status: ContactStatus,
): Promise<{ contact: ContactJson; warnings: FieldIssue[] }> {
  return inTransaction(db, async (trx) => {
    const business = await loadContactBusiness(trx, actor.businessId);
    const row = await loadVisibleContact(trx, actor, id);
    requireContactPermission(actor, row.type as ContactType, 'update');
    const warnings: FieldIssue[] = [];
    if (status === 'inactive' && Number(row.balance) !== 0) {
      const balance = formatDecimal(Number(row.balance), business.currency);
      warnings.push({ path: 'balance', code: 'deactivated_with_balance', params: { name: row.name, balance } });
    }
    if (row.status === status) return { contact: await serializeWithAssignments(trx, row, business), warnings };

    await trx
      .updateTable('contacts')
      .set({ status, ...nextVersion() })
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
    const updated = await trx.selectFrom('contacts').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return { contact: await serializeWithAssignments(trx, updated, business), warnings };
  });
}
