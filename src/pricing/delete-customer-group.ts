/**
 * Deletes a customer group. While contacts are in it, the request fails
 * with 409 and their count, unless `moveTo` names where they go first:
 * another group of the business, or `none` for no group.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { AppError, invalid } from '../shared/errors.ts';
import { quotedValue } from '../shared/text.ts';
import { nextVersion } from '../contacts/contact-version.ts';
import { countGroupContacts, loadCustomerGroup } from './customer-groups.ts';

export interface DeletedGroup {
  movedContacts: number;
  movedTo: string | null;
}

export async function deleteCustomerGroup(
  trx: Executor,
  actor: Actor,
  id: string,
  moveTo: string | undefined,
): Promise<DeletedGroup> {
  requireActorPermission(actor, 'pricing.manage');
  const group = await loadCustomerGroup(trx, actor.businessId, id);
  const count = (await countGroupContacts(trx, actor.businessId, [id])).get(id) ?? 0;
  if (count > 0 && moveTo === undefined) {
    throw new AppError('customer_group_in_use', { name: group.name, count }, [], { count });
  }
  const target = await moveTarget(trx, actor.businessId, id, moveTo);

  if (count > 0) {
    await trx
      .updateTable('contacts')
      .set({ customer_group_id: target, ...nextVersion() })
      .where('business_id', '=', actor.businessId)
      .where('customer_group_id', '=', id)
      .execute();
  }
  await trx.deleteFrom('customer_groups').where('business_id', '=', actor.businessId).where('id', '=', id).execute();
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'customer_group',
    entityId: id,
    action: 'delete',
    changes: { name: group.name, movedContacts: count, movedTo: target },
  });
  return { movedContacts: count, movedTo: target };
}

async function moveTarget(trx: Executor, businessId: string, id: string, moveTo: string | undefined): Promise<string | null> {
  if (moveTo === undefined || moveTo === 'none') return null;
  const target = await trx
    .selectFrom('customer_groups')
    .where('business_id', '=', businessId)
    .where('id', '=', moveTo)
    .select('id')
    .executeTakeFirst();
  if (!target || target.id === id) throw invalid([{ path: 'moveTo', code: 'not_found_ref', params: { parameter: 'moveTo', value: quotedValue(moveTo) } }]);
  return target.id;
}
