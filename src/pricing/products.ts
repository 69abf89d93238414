/** Products as the API shows them, and the reads the other product use cases share. */
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { ProductTable } from '../db/schema.ts';
import { formatScaled } from '../documents/lines.ts';
import { notFound } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';

export type ProductRow = Selectable<ProductTable>;

export interface ProductPriceView {
  priceGroupId: string;
  priceGroupName: string;
  price: string;
}

export interface ProductView {
  id: string;
  sku: string;
  name: string;
  sellingPrice: string;
  taxRate: string;
  isActive: boolean;
  prices: ProductPriceView[];
  createdAt: string;
  updatedAt: string;
}

export async function loadProduct(db: Executor, businessId: string, id: string): Promise<ProductRow> {
  const row = await db
    .selectFrom('products')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('product');
  return row;
}

/** Loads the group prices of each product, keyed by product id. */
export async function pricesOf(
  db: Executor,
  businessId: string,
  productIds: string[],
  currency: string,
): Promise<Map<string, ProductPriceView[]>> {
  const byProduct = new Map<string, ProductPriceView[]>();
  if (productIds.length === 0) return byProduct;
  const rows = await db
    .selectFrom('product_prices')
    .innerJoin('price_groups', 'price_groups.id', 'product_prices.price_group_id')
    .where('product_prices.business_id', '=', businessId)
    .where('product_prices.product_id', 'in', productIds)
    .orderBy('price_groups.name')
    .select(['product_prices.product_id', 'product_prices.price_group_id', 'price_groups.name', 'product_prices.price'])
    .execute();
  for (const row of rows) {
    const list = byProduct.get(row.product_id) ?? [];
    list.push({
      priceGroupId: row.price_group_id,
      priceGroupName: row.name,
      price: formatDecimal(Number(row.price), currency),
    });
    byProduct.set(row.product_id, list);
  }
  return byProduct;
}

export function productView(row: ProductRow, prices: ProductPriceView[], currency: string): ProductView {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    sellingPrice: formatDecimal(Number(row.selling_price), currency),
    taxRate: formatScaled(row.tax_bp, 2),
    isActive: row.is_active === 1,
    prices,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function readProduct(db: Executor, businessId: string, id: string, currency: string): Promise<ProductView> {
  const row = await loadProduct(db, businessId, id);
  const prices = await pricesOf(db, businessId, [id], currency);
  return productView(row, prices.get(id) ?? [], currency);
}
