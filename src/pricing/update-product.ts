/** Changes part of a product; `prices`, when sent, replaces all its group prices. */
import { diffFields, recordAudit } from '../auth/audit.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { nowIso } from '../shared/ids.ts';
import { checkProduct, skuTaken, writePrices } from './product-input.ts';
import { loadProduct, type ProductView, readProduct } from './products.ts';
import type { ProductUpdate } from './schemas.ts';

export async function updateProduct(trx: Executor, actor: Actor, id: string, input: ProductUpdate): Promise<ProductView> {
  requireActorPermission(actor, 'product.manage');
  const business = await loadBusiness(trx, actor.businessId);
  const existing = await loadProduct(trx, actor.businessId, id);
  const checked = await checkProduct(trx, actor.businessId, business.currency, input, existing);

  await trx
    .updateTable('products')
    .set({ ...checked.columns, updated_at: nowIso() })
    .where('business_id', '=', actor.businessId)
    .where('id', '=', id)
    .execute()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw skuTaken(checked.columns.sku, checked.columns.name);
      throw error;
    });
  if (checked.prices) await writePrices(trx, actor.businessId, id, checked.prices);

  const { search_key: _before, ...before } = existing;
  const { search_key: _after, ...after } = checked.columns;
  const changes = diffFields(before, after);
  if (checked.prices) changes.push({ field: 'prices', from: null, to: checked.prices });
  if (changes.length > 0) {
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'product',
      entityId: id,
      action: 'update',
      changes,
    });
  }
  return readProduct(trx, actor.businessId, id, business.currency);
}
