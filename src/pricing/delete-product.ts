/**
 * Deletes a product that no document line uses. A product already sold or
 * bought stays, because its lines point to it: deactivate it instead.
 */
import { recordAudit } from '../auth/audit.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { AppError } from '../shared/errors.ts';
import { loadProduct } from './products.ts';

export async function deleteProduct(trx: Executor, actor: Actor, id: string): Promise<void> {
  requireActorPermission(actor, 'product.manage');
  const product = await loadProduct(trx, actor.businessId, id);
  const used = await trx
    .selectFrom('document_lines')
    .where('business_id', '=', actor.businessId)
    .where('product_id', '=', id)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const count = Number(used.count);
  if (count > 0) throw new AppError('product_in_use', { sku: product.sku, count }, [], { count });

  await trx.deleteFrom('product_prices').where('business_id', '=', actor.businessId).where('product_id', '=', id).execute();
  await trx.deleteFrom('products').where('business_id', '=', actor.businessId).where('id', '=', id).execute();
  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'product',
    entityId: id,
    action: 'delete',
    changes: { sku: product.sku, name: product.name },
  });
}
