/**
 * Customer group prices on sale lines. A line with a product, on a sale to a
 * customer in a group, gets the group's price as its unit price. That is the
 * selling price less the group's percentage, or the product's price in the
 * group's price list (the selling price where the list has none). The line
 * keeps the price it replaced and shows the difference as its group discount.
 *
 * Product prices include tax, and the group's price is worked out on the
 * tax-included price. A tax-included line takes it as is, so the customer
 * pays exactly the group's price times the quantity, and its list price and
 * group discount are tax included too. A line priced before tax gets the
 * group's price brought to its tax rate and rounded to the minor unit, with
 * its list price and group discount before tax. Each step rounds half away
 * from zero, once per line.
 */
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import { beforeTax, type ComputedLine, computeLine, grossOf, isTaxIncluded } from '../documents/lines.ts';
import type { IssueList } from '../shared/errors.ts';
import { percentOf } from '../shared/money.ts';
import type { CustomerGroupRow } from './customer-groups.ts';

export interface SaleParty {
  businessId: string;
  /** `sale` or `purchase`: only sales get group prices. */
  type: string;
  contact: Pick<ContactRow, 'id' | 'customer_group_id'> | null;
}

interface PricedProduct {
  id: string;
  selling_price: number;
}

/**
 * Checks that each line's product belongs to the business, then gives the
 * sale's lines their group price. Lines without a product, purchases,
 * walk-in sales and customers with no group keep the price they were sent.
 */
export async function applyGroupPricing(
  trx: Executor,
  party: SaleParty,
  lines: ComputedLine[],
  issues: IssueList,
): Promise<ComputedLine[]> {
  const productIds = [...new Set(lines.map((l) => l.productId).filter((id): id is string => id !== null))];
  if (productIds.length === 0) return lines;
  const products = await loadProducts(trx, party.businessId, productIds);
  for (const line of lines) {
    if (line.productId && !products.has(line.productId)) {
      issues.add(`lines.${line.position - 1}.productId`, 'not_found_ref', { value: line.productId });
    }
  }

  const group = party.type === 'sale' ? await groupOf(trx, party.businessId, party.contact) : null;
  if (!group) return lines;
  const groupPrices = await groupPricesOf(trx, party.businessId, group, productIds);
  return lines.map((line) => {
    const product = line.productId ? products.get(line.productId) : undefined;
    return product ? priceLine(line, product, group, groupPrices) : line;
  });
}

/**
 * Removes any group price from a line: its unit price goes back to the price
 * the group replaced, in the terms the line was priced in.
 */
export function withoutGroupPrice(line: ComputedLine): ComputedLine {
  if (line.listPrice === null || line.listPrice === undefined) return line;
  const restored = isTaxIncluded(line)
    ? computeLine(line.position, { ...line, unitPriceWithTax: line.listPrice })
    : computeLine(line.position, { ...line, unitPrice: line.listPrice });
  return { ...restored, listPrice: null, groupDiscount: 0 };
}

/** Loads the customer group of a sale's customer, or null for a walk-in sale or a customer with no group. */
export async function groupOf(
  trx: Executor,
  businessId: string,
  contact: Pick<ContactRow, 'customer_group_id'> | null,
): Promise<CustomerGroupRow | null> {
  if (!contact?.customer_group_id) return null;
  const group = await trx
    .selectFrom('customer_groups')
    .where('business_id', '=', businessId)
    .where('id', '=', contact.customer_group_id)
    .selectAll()
    .executeTakeFirst();
  return group ?? null;
}

async function loadProducts(trx: Executor, businessId: string, ids: string[]): Promise<Map<string, PricedProduct>> {
  const rows = await trx
    .selectFrom('products')
    .where('business_id', '=', businessId)
    .where('id', 'in', ids)
    .select(['id', 'selling_price'])
    .execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, selling_price: Number(r.selling_price) }]));
}

async function groupPricesOf(
  trx: Executor,
  businessId: string,
  group: CustomerGroupRow,
  productIds: string[],
): Promise<Map<string, number>> {
  if (group.calculation !== 'price_group' || !group.price_group_id) return new Map();
  const rows = await trx
    .selectFrom('product_prices')
    .where('business_id', '=', businessId)
    .where('price_group_id', '=', group.price_group_id)
    .where('product_id', 'in', productIds)
    .select(['product_id', 'price'])
    .execute();
  return new Map(rows.map((r) => [r.product_id, Number(r.price)]));
}

/** Returns the group's price of a product, tax included. */
export function groupPriceOf(sellingPrice: number, group: CustomerGroupRow, listPrice: number | undefined): number {
  if (group.calculation === 'price_group') return listPrice ?? sellingPrice;
  return sellingPrice - percentOf(sellingPrice, group.percentage_bp ?? 0);
}

/**
 * Converts a tax-included price to a unit price before tax at `taxBp`,
 * rounded to the minor unit. Only lines priced before tax use it: a line
 * that goes through it can end a cent away from the shelf price (9.99 at
 * 20 % tax gives 8.33 before tax, so 10.00 tax included).
 */
export function priceBeforeTax(price: number, taxBp: number): number {
  return beforeTax(price, taxBp);
}

function priceLine(
  line: ComputedLine,
  product: PricedProduct,
  group: CustomerGroupRow,
  groupPrices: Map<string, number>,
): ComputedLine {
  const groupPrice = groupPriceOf(product.selling_price, group, groupPrices.get(product.id));
  if (isTaxIncluded(line)) {
    const priced = computeLine(line.position, { ...line, unitPriceWithTax: groupPrice });
    const groupDiscount = grossOf(product.selling_price, line.quantityMilli) - grossOf(groupPrice, line.quantityMilli);
    return { ...priced, listPrice: product.selling_price, groupDiscount };
  }
  const listPrice = priceBeforeTax(product.selling_price, line.taxBp);
  const priced = computeLine(line.position, { ...line, unitPrice: priceBeforeTax(groupPrice, line.taxBp) });
  return { ...priced, listPrice, groupDiscount: grossOf(listPrice, line.quantityMilli) - priced.gross };
}
