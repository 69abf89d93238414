/**
 * Turns a sale of the file into the input of the sale use case. It finds
 * the customer, location and products the cells name. It fills what the
 * file leaves empty as a sale typed in the app would have it: the product's
 * name, tax rate and price, a quantity of 1, the customer's pay term. A
 * price including tax, or the product's selling price, prices the line tax
 * included, so the sale charges exactly that price times the quantity. A
 * payment method with no amount pays the sale in full, whatever
 * its total comes to after group prices and points. What cannot be found or
 * is missing is reported on its row.
 */
import type { DocumentInput } from '../../../documents/schemas.ts';
import { formatScaled } from '../../../documents/lines.ts';
import type { MessageParams } from '../../../shared/messages.ts';
import { formatDecimal } from '../../../shared/money.ts';
import type { SaleImportField } from './fields.ts';
import type { ProductMatch, SaleLookups } from './lookups.ts';
import type { SaleDraft } from './sale-drafts.ts';
import type { SaleRow } from './sale-rows.ts';

/** Maximum lines of one sale, as for a sale sent to the API. */
export const MAX_SALE_LINES = 500;

/** An issue on a row of the sale, and the field whose column it concerns (null: the whole row). */
export interface SaleIssue {
  row: SaleRow;
  field: SaleImportField | null;
  code: string;
  params?: MessageParams;
}

export type PreparedSale =
  | { ok: true; input: DocumentInput; products: (ProductMatch | null)[]; paidInFullBy: string | null }
  | { ok: false; issues: SaleIssue[] };

export async function prepareSale(draft: SaleDraft, lookups: SaleLookups, currency: string): Promise<PreparedSale> {
  const issues: SaleIssue[] = [];
  const first = draft.rows[0] as SaleRow;
  const { values, sources } = draft;

  if (draft.rows.length > MAX_SALE_LINES) {
    issues.push({ row: draft.rows[MAX_SALE_LINES] ?? first, field: 'reference', code: 'import_sale_too_many_lines', params: { max: MAX_SALE_LINES } });
  }
  if (values.date === undefined) issues.push({ row: first, field: 'date', code: 'import_sale_date_missing' });
  const used = await lookups.usedReference(draft.reference);
  if (used) issues.push({ row: first, field: 'reference', code: 'import_sale_reference_used', params: { value: draft.reference, number: used } });

  const contactId = await findCustomer(draft, lookups, issues);
  let locationId: string | undefined;
  if (values.location !== undefined) {
    locationId = lookups.location(values.location) ?? undefined;
    if (!locationId) issues.push({ row: sources.location ?? first, field: 'location', code: 'import_location_not_found', params: { value: values.location } });
  }
  const status = values.status ?? 'final';
  const payment = salePayment(draft, lookups, status, issues);
  if (status === 'final' && values.customer === undefined && payment.method === null) {
    issues.push({ row: sources.status ?? first, field: values.status ? 'status' : null, code: 'import_sale_walk_in_final' });
  }

  const products: (ProductMatch | null)[] = [];
  for (const row of draft.rows) products.push(await checkLine(row, lookups, issues));
  if (issues.length > 0) return { ok: false, issues };

  const input: DocumentInput = {
    contactId,
    date: values.date as string,
    status,
    lines: draft.rows.map((row, index) => lineInput(row, products[index] ?? null, currency)),
    ...(locationId ? { locationId } : {}),
    ...(values.payTerm !== undefined ? { payTerm: values.payTerm } : {}),
    ...(values.note !== undefined ? { note: values.note } : {}),
    ...(values.redeemPoints ? { redeemPoints: values.redeemPoints } : {}),
    ...(payment.method !== null && payment.amount !== null && payment.amount > 0
      ? { payments: [{ amount: formatDecimal(payment.amount, currency), method: payment.method }] }
      : {}),
  };
  const paidInFullBy = payment.amount === null ? payment.method : null;
  return { ok: true, input, products, paidInFullBy };
}

/**
 * Reads the payment a sale was taken with: a method and an amount, or a
 * method alone for a sale paid in full (amount null). An amount needs its
 * method, and a parked sale takes no payment.
 */
function salePayment(
  draft: SaleDraft,
  lookups: SaleLookups,
  status: 'final' | 'parked',
  issues: SaleIssue[],
): { method: string | null; amount: number | null } {
  const { values, sources } = draft;
  const first = draft.rows[0] as SaleRow;
  let method: string | null = null;
  if (values.paymentMethod !== undefined) {
    method = lookups.paymentMethod(values.paymentMethod);
    if (method === null) {
      issues.push({ row: sources.paymentMethod ?? first, field: 'paymentMethod', code: 'unknown_payment_method', params: { value: values.paymentMethod } });
    }
  } else if (values.paid !== undefined && values.paid > 0) {
    issues.push({ row: sources.paid ?? first, field: 'paid', code: 'import_sale_payment_method_missing' });
  }
  const paying = values.paymentMethod !== undefined && values.paid !== 0;
  if (status === 'parked' && paying) {
    const field = values.paid !== undefined ? 'paid' : 'paymentMethod';
    issues.push({ row: sources[field] ?? first, field, code: 'parked_with_payments' });
  }
  return { method, amount: values.paid ?? null };
}

async function findCustomer(draft: SaleDraft, lookups: SaleLookups, issues: SaleIssue[]): Promise<string | null> {
  const text = draft.values.customer;
  if (text === undefined) return null;
  const row = draft.sources.customer as SaleRow;
  const match = await lookups.customer(text);
  if (match.kind === 'one') return match.id;
  if (match.kind === 'none') issues.push({ row, field: 'customer', code: 'import_customer_not_found', params: { value: text } });
  else issues.push({ row, field: 'customer', code: 'import_customer_ambiguous', params: { value: text, codes: match.codes.join(', ') } });
  return null;
}

/** Finds the line's product and checks the line names one or has a description and a price. */
async function checkLine(row: SaleRow, lookups: SaleLookups, issues: SaleIssue[]): Promise<ProductMatch | null> {
  const { item } = row;
  if (item.unitPrice !== null && item.unitPriceWithTax !== null) {
    issues.push({ row, field: 'unitPriceWithTax', code: 'import_sale_two_prices' });
  }
  if (item.sku !== null) {
    const product = await lookups.product(item.sku);
    if (!product) issues.push({ row, field: 'sku', code: 'import_product_not_found', params: { value: item.sku } });
    return product;
  }
  if (item.description === null) issues.push({ row, field: 'description', code: 'import_sale_line_product_missing' });
  else if (item.unitPrice === null && item.unitPriceWithTax === null) {
    issues.push({ row, field: 'unitPrice', code: 'import_sale_line_price_missing' });
  }
  return null;
}

function lineInput(row: SaleRow, product: ProductMatch | null, currency: string): DocumentInput['lines'][number] {
  const { item } = row;
  const taxRate = item.taxRate ?? (product ? formatScaled(product.taxBp, 2) : undefined);
  const price = (amount: number) => formatDecimal(amount, currency);
  let linePrice: Pick<DocumentInput['lines'][number], 'unitPrice' | 'unitPriceWithTax'> = { unitPrice: price(0) };
  if (item.unitPrice !== null) linePrice = { unitPrice: price(item.unitPrice) };
  else if (item.unitPriceWithTax !== null) linePrice = { unitPriceWithTax: price(item.unitPriceWithTax) };
  else if (product) linePrice = { unitPriceWithTax: price(product.sellingPrice) };
  return {
    description: item.description ?? product?.name ?? '',
    quantity: item.quantity ?? '1',
    ...linePrice,
    ...(item.discountPercent !== null ? { discountPercent: item.discountPercent } : {}),
    ...(taxRate !== undefined ? { taxRate } : {}),
    productId: product?.id ?? null,
  };
}
