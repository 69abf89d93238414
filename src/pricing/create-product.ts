/** Creates a product with its group prices. The importer calls it for each new row. */
import { recordAudit } from '../auth/audit.ts';
import { isUniqueViolation } from '../auth/db-errors.ts';
import type { Executor } from '../db/database.ts';
import { type Actor, requireActorPermission } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { checkProduct, skuTaken, writePrices } from './product-input.ts';
import { type ProductView, readProduct } from './products.ts';
import type { ProductCreate } from './schemas.ts';

export async function createProduct(trx: Executor, actor: Actor, input: ProductCreate): Promise<ProductView> {
  requireActorPermission(actor, 'product.manage');
  const business = await loadBusiness(trx, actor.businessId);
  const checked = await checkProduct(trx, actor.businessId, business.currency, input, null);

  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('products')
    .values({ id, business_id: actor.businessId, ...checked.columns, created_at: now, updated_at: now })
    .execute()
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw skuTaken(checked.columns.sku, checked.columns.name);
      throw error;
    });
  if (checked.prices) await writePrices(trx, actor.businessId, id, checked.prices);

  await recordAudit(trx, {
    businessId: actor.businessId,
    userId: actor.userId,
    entityType: 'product',
    entityId: id,
    action: 'create',
    changes: { sku: checked.columns.sku, name: checked.columns.name, sellingPrice: checked.columns.selling_price },
  });
  return readProduct(trx, actor.businessId, id, business.currency);
}
