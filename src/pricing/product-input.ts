/**
 * Checks a product as sent by the API or read from an import row, and turns
 * it into column values. Every issue is collected, so the caller gets them
 * all at once.
 */
import type { Executor } from '../db/database.ts';
import { parseScaled } from '../documents/lines.ts';
import { AppError, IssueList } from '../shared/errors.ts';
import type { ProductRow } from './products.ts';
import type { ProductUpdate } from './schemas.ts';
import { nameKey, readAmount } from './values.ts';

export interface ProductColumns {
  sku: string;
  name: string;
  search_key: string;
  selling_price: number;
  tax_bp: number;
  is_active: number;
}

export interface ProductPriceColumns {
  priceGroupId: string;
  price: number;
}

export interface CheckedProduct {
  columns: ProductColumns;
  /** Null when the input leaves the group prices as they are. */
  prices: ProductPriceColumns[] | null;
}

/** Validates `input` over `existing` (absent fields keep their value) and returns the columns. */
export async function checkProduct(
  db: Executor,
  businessId: string,
  currency: string,
  input: ProductUpdate,
  existing: ProductRow | null,
): Promise<CheckedProduct> {
  const issues = new IssueList();
  const sku = (input.sku ?? existing?.sku ?? '').trim();
  const name = (input.name ?? existing?.name ?? '').trim();
  if (!sku) issues.add('sku', 'required');
  if (!name) issues.add('name', 'required');

  const price =
    input.sellingPrice === undefined
      ? (existing ? Number(existing.selling_price) : null)
      : readAmount(input.sellingPrice, currency, 'sellingPrice', issues);
  if (price === null && input.sellingPrice === undefined) issues.add('sellingPrice', 'required');

  const taxBp = input.taxRate === undefined ? (existing?.tax_bp ?? 0) : readTaxRate(input.taxRate, issues);
  const prices = input.prices === undefined ? null : await checkPrices(db, businessId, currency, input.prices, issues);
  if (sku) await checkSkuFree(db, businessId, sku, existing?.id ?? null, issues);
  issues.throwIfAny('product_sku_taken');

  return {
    columns: {
      sku,
      name,
      search_key: nameKey(`${sku} ${name}`),
      selling_price: price ?? 0,
      tax_bp: taxBp ?? 0,
      is_active: (input.isActive ?? (existing ? existing.is_active === 1 : true)) ? 1 : 0,
    },
    prices,
  };
}

function readTaxRate(text: string, issues: IssueList): number | null {
  const basisPoints = text.trim() === '' ? 0 : parseScaled(text, 2);
  if (basisPoints === null || basisPoints > 10_000) {
    issues.add('taxRate', 'invalid_percent', { value: text });
    return null;
  }
  return basisPoints;
}

async function checkPrices(
  db: Executor,
  businessId: string,
  currency: string,
  prices: { priceGroupId: string; price: string }[],
  issues: IssueList,
): Promise<ProductPriceColumns[]> {
  const ids = [...new Set(prices.map((p) => p.priceGroupId))];
  const known = ids.length
    ? await db
        .selectFrom('price_groups')
        .where('business_id', '=', businessId)
        .where('id', 'in', ids)
        .select('id')
        .execute()
    : [];
  const knownIds = new Set(known.map((row) => row.id));
  const seen = new Set<string>();
  const checked: ProductPriceColumns[] = [];
  prices.forEach((entry, index) => {
    const path = `prices.${index}`;
    if (!knownIds.has(entry.priceGroupId)) {
      issues.add(`${path}.priceGroupId`, 'not_found_ref', { value: entry.priceGroupId });
    } else if (seen.has(entry.priceGroupId)) {
      issues.add(`${path}.priceGroupId`, 'duplicate_price_group', { value: entry.priceGroupId });
    }
    seen.add(entry.priceGroupId);
    const price = readAmount(entry.price, currency, `${path}.price`, issues);
    if (price !== null) checked.push({ priceGroupId: entry.priceGroupId, price });
  });
  return checked;
}

async function checkSkuFree(db: Executor, businessId: string, sku: string, ownId: string | null, issues: IssueList): Promise<void> {
  const other = await db
    .selectFrom('products')
    .where('business_id', '=', businessId)
    .where('sku', '=', sku)
    .select(['id', 'name'])
    .executeTakeFirst();
  if (other && other.id !== ownId) issues.add('sku', 'product_sku_taken', { sku, name: other.name });
}

export function skuTaken(sku: string, name: string): AppError {
  return new AppError('product_sku_taken', { sku, name });
}

/** Replaces the group prices of a product. */
export async function writePrices(
  db: Executor,
  businessId: string,
  productId: string,
  prices: ProductPriceColumns[],
): Promise<void> {
  await db
    .deleteFrom('product_prices')
    .where('business_id', '=', businessId)
    .where('product_id', '=', productId)
    .execute();
  if (prices.length === 0) return;
  await db
    .insertInto('product_prices')
    .values(prices.map((p) => ({ business_id: businessId, product_id: productId, price_group_id: p.priceGroupId, price: p.price })))
    .execute();
}
