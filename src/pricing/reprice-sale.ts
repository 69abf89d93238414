/**
 * Reprices a parked sale whose customer changes before it is finalised:
 * every product line loses the previous customer's group price and gets the
 * new customer's, or none when the customer is cleared or has no group. Each
 * line stays priced tax included or before tax, as it was given. A
 * points redemption belonged to the previous customer, so it is removed.
 * Call it in the transaction that changes the sale's contact, before the
 * new contact is written on the sale, holding the new contact's lock.
 */
import type { Executor } from '../db/database.ts';
import type { ContactRow, DocumentLineTable } from '../db/schema.ts';
import type { ComputedLine } from '../documents/lines.ts';
import { totalsOf } from '../documents/lines.ts';
import { AppError, IssueList, notFound } from '../shared/errors.ts';
import { applyGroupPricing, withoutGroupPrice } from './group-pricing.ts';

export async function repriceParkedSale(
  trx: Executor,
  businessId: string,
  documentId: string,
  contact: Pick<ContactRow, 'id' | 'customer_group_id'> | null,
): Promise<void> {
  const document = await trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('id', '=', documentId)
    .where('type', '=', 'sale')
    .select(['id', 'number', 'status', 'contact_id'])
    .executeTakeFirst();
  if (!document) throw notFound('document');
  if (document.status !== 'parked') throw new AppError('document_status', { reference: document.number, status: document.status });

  const rows = await trx
    .selectFrom('document_lines')
    .where('business_id', '=', businessId)
    .where('document_id', '=', documentId)
    .orderBy('position')
    .selectAll()
    .execute();
  const goods = rows.filter((row) => row.loyalty_points === null || row.loyalty_points === undefined);
  const redemption = rows.filter((row) => !goods.includes(row));
  const dropRedemption = redemption.length > 0 && document.contact_id !== (contact?.id ?? null);

  const lines = goods.map(lineOf).map(withoutGroupPrice);
  const priced = await applyGroupPricing(trx, { businessId, type: 'sale', contact }, lines, new IssueList());
  for (const line of priced) await updateLine(trx, businessId, documentId, line);
  if (dropRedemption) {
    await trx
      .deleteFrom('document_lines')
      .where('business_id', '=', businessId)
      .where('document_id', '=', documentId)
      .where('loyalty_points', 'is not', null)
      .execute();
  }

  const finalLines = dropRedemption ? priced : [...priced, ...redemption.map(lineOf)];
  const totals = totalsOf(finalLines);
  await trx
    .updateTable('documents')
    .set({ subtotal: totals.subtotal, discount_total: totals.discountTotal, tax_total: totals.taxTotal, total: totals.total })
    .where('business_id', '=', businessId)
    .where('id', '=', documentId)
    .execute();
}

function lineOf(row: DocumentLineTable): ComputedLine {
  return {
    position: row.position,
    productId: row.product_id,
    description: row.description,
    quantityMilli: Number(row.quantity_milli),
    unitPrice: Number(row.unit_price),
    unitPriceWithTax: row.unit_price_with_tax === null || row.unit_price_with_tax === undefined ? null : Number(row.unit_price_with_tax),
    discountBp: row.discount_bp,
    taxBp: row.tax_bp,
    gross: Number(row.gross),
    discount: Number(row.discount),
    tax: Number(row.tax),
    total: Number(row.total),
    listPrice: row.list_price === null || row.list_price === undefined ? null : Number(row.list_price),
    groupDiscount: Number(row.group_discount ?? 0),
    loyaltyPoints: row.loyalty_points ?? null,
  };
}

async function updateLine(trx: Executor, businessId: string, documentId: string, line: ComputedLine): Promise<void> {
  await trx
    .updateTable('document_lines')
    .set({
      unit_price: line.unitPrice,
      unit_price_with_tax: line.unitPriceWithTax ?? null,
      gross: line.gross,
      discount: line.discount,
      tax: line.tax,
      total: line.total,
      list_price: line.listPrice ?? null,
      group_discount: line.groupDiscount ?? 0,
    })
    .where('business_id', '=', businessId)
    .where('document_id', '=', documentId)
    .where('position', '=', line.position)
    .execute();
}
