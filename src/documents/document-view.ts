/** The JSON form of a sale or purchase, with its lines, returns and settlements. */
import { voidReversesMoney } from './void-permission.ts';
import type { Executor } from '../db/database.ts';
import type { DocumentLineTable, DocumentTable } from '../db/schema.ts';
import type { Actor } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { todayIn } from '../ledger/dates.ts';
import { requireVisibleRecord } from '../ledger/record-visibility.ts';
import { notFound } from '../shared/errors.ts';
import { formatDecimal } from '../shared/money.ts';
import type { CreditWarning } from './credit-limit.ts';
import { formatScaled, withTax } from './lines.ts';
import { payTermLabel, payTermOfRow } from './pay-terms.ts';

export interface LineView {
  id: string;
  position: number;
  productId: string | null;
  description: string;
  quantity: string;
  /** Price per unit before tax; derived for display when the line was priced tax included. */
  unitPrice: string;
  /** Price per unit tax included; derived for display when the line was priced before tax. */
  unitPriceWithTax: string;
  /** The price the line was given in, which its amounts come from. */
  priceGiven: PriceGiven;
  discountPercent: string;
  taxRate: string;
  discount: string;
  tax: string;
  total: string;
  /** On a sold or bought line: the quantity already given back. */
  returnedQuantity?: string;
  /** On a return line: the line it gives back. */
  returnedLineId?: string | null;
  listPrice: string | null;
  groupDiscount: string;
  loyaltyPoints: number | null;
}

export type PriceGiven = 'unitPrice' | 'unitPriceWithTax';

export interface SettlementView {
  allocationId: string;
  itemId: string;
  kind: string;
  reference: string;
  sourceType: string;
  sourceId: string;
  date: string;
  amount: string;
}

export interface ReturnView {
  id: string;
  type: string;
  reference: string;
  date: string;
  /** `final`, or `void` once its document was voided. */
  status: string;
  total: string;
  lines: LineView[];
}

export interface DocumentView {
  id: string;
  type: string;
  reference: string;
  contactId: string | null;
  locationId: string;
  date: string;
  status: string;
  payTerm: { number: number; unit: string; endOfMonth: boolean; label: string } | null;
  dueDate: string;
  overdue: boolean;
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  total: string;
  paidAmount: string;
  openAmount: string;
  note: string | null;
  lines: LineView[];
  returns: ReturnView[];
  settlements: SettlementView[];
  payments: { id: string; reference: string; amount: string; method: string; date: string; status: string }[];
  createdAt: string;
  finalisedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  /** True when voiding this document would reverse payments or allocations, which needs `payment.reverse`. */
  voidReversesPayments: boolean;
  /** The import that created the document, and the document's reference in that file; null when typed or sent to the API. */
  importId: string | null;
  sourceReference: string | null;
  warnings: CreditWarning[];
}

export async function loadDocumentRow(db: Executor, businessId: string, id: string, types: readonly string[]) {
  const row = await db
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .where('type', 'in', types)
    .selectAll()
    .executeTakeFirst();
  if (!row) throw notFound('document');
  return row;
}

export async function readDocument(
  db: Executor,
  actor: Actor,
  id: string,
  types: readonly string[],
  warnings: CreditWarning[] = [],
): Promise<DocumentView> {
  const row = await loadDocumentRow(db, actor.businessId, id, types);
  await requireVisibleRecord(db, actor, row.contact_id, 'document');
  const business = await loadBusiness(db, actor.businessId);
  const money = (minor: number) => formatDecimal(Number(minor), business.currency);

  const lines = await linesOf(db, actor.businessId, [row.id]);
  const returns = await db
    .selectFrom('documents')
    .where('business_id', '=', actor.businessId)
    .where('parent_id', '=', row.id)
    .where('status', 'in', ['final', 'void'])
    .orderBy('created_at')
    .selectAll()
    .execute();
  const returnLines = await linesOf(db, actor.businessId, returns.map((r) => r.id));
  const finalReturns = new Set(returns.filter((r) => r.status === 'final').map((r) => r.id));
  const returnedByLine = new Map<string, number>();
  for (const line of returnLines) {
    if (line.returned_line_id && finalReturns.has(line.document_id)) {
      returnedByLine.set(line.returned_line_id, (returnedByLine.get(line.returned_line_id) ?? 0) + Number(line.quantity_milli));
    }
  }

  const item = await db
    .selectFrom('open_items')
    .where('business_id', '=', actor.businessId)
    .where('source_type', '=', 'document')
    .where('source_id', '=', row.id)
    .selectAll()
    .executeTakeFirst();
  const settlements = item ? await settlementsOf(db, actor.businessId, item.id, item.side, money) : [];
  const payments = await db
    .selectFrom('payments')
    .where('business_id', '=', actor.businessId)
    .where('document_id', '=', row.id)
    .orderBy('created_at')
    .select(['id', 'number', 'amount', 'method', 'date', 'status'])
    .execute();

  const voidReversesPayments = await voidReversesMoney(db, actor.businessId, row, [...finalReturns]);
  const open = openAmountOf(row, item ? Number(item.open_amount) : null);
  const term = payTermOfRow(row);
  const today = todayIn(business.timezone);
  return {
    id: row.id,
    type: row.type,
    reference: row.number,
    contactId: row.contact_id,
    locationId: row.location_id,
    date: row.date,
    status: row.status,
    payTerm: term ? { ...term, label: payTermLabel(term, actor.locale) } : null,
    dueDate: row.due_date,
    overdue: row.status === 'final' && open > 0 && row.due_date < today,
    subtotal: money(row.subtotal),
    discountTotal: money(row.discount_total),
    taxTotal: money(row.tax_total),
    total: money(row.total),
    paidAmount: money(row.status === 'final' ? Number(row.total) - open : 0),
    openAmount: money(open),
    note: row.note,
    lines: lines
      .filter((l) => l.document_id === row.id)
      .map((l) => ({ ...lineView(l, money), returnedQuantity: formatScaled(returnedByLine.get(l.id) ?? 0, 3) })),
    returns: returns.map((r) => ({
      id: r.id,
      type: r.type,
      reference: r.number,
      date: r.date,
      status: r.status,
      total: money(r.total),
      lines: returnLines.filter((l) => l.document_id === r.id).map((l) => lineView(l, money)),
    })),
    settlements,
    payments: payments.map((p) => ({
      id: p.id,
      reference: p.number,
      amount: money(p.amount),
      method: p.method,
      date: p.date,
      status: p.status,
    })),
    createdAt: row.created_at,
    finalisedAt: row.finalised_at,
    voidedAt: row.voided_at,
    voidReason: row.void_reason,
    voidReversesPayments,
    importId: row.import_id ?? null,
    sourceReference: row.source_reference ?? null,
    warnings,
  };
}

/**
 * Returns what is still to settle: the open item's amount for a final document, the
 * total for a parked one (not yet due), nothing for a void or walk-in one.
 */
function openAmountOf(row: DocumentTable, itemOpen: number | null): number {
  if (row.status === 'parked') return Number(row.total);
  if (row.status !== 'final') return 0;
  return itemOpen ?? 0;
}

async function linesOf(db: Executor, businessId: string, documentIds: string[]) {
  if (documentIds.length === 0) return [];
  return db
    .selectFrom('document_lines')
    .where('business_id', '=', businessId)
    .where('document_id', 'in', documentIds)
    .orderBy('document_id')
    .orderBy('position')
    .selectAll()
    .execute();
}

function lineView(line: DocumentLineTable, money: (minor: number) => string): LineView {
  const priceWithTax = line.unit_price_with_tax;
  const taxIncluded = priceWithTax !== null && priceWithTax !== undefined;
  return {
    id: line.id,
    position: line.position,
    productId: line.product_id,
    description: line.description,
    quantity: formatScaled(Number(line.quantity_milli), 3),
    unitPrice: money(line.unit_price),
    unitPriceWithTax: money(taxIncluded ? Number(priceWithTax) : withTax(Number(line.unit_price), line.tax_bp)),
    priceGiven: taxIncluded ? 'unitPriceWithTax' : 'unitPrice',
    discountPercent: formatScaled(line.discount_bp, 2),
    taxRate: formatScaled(line.tax_bp, 2),
    discount: money(line.discount),
    tax: money(line.tax),
    total: money(line.total),
    returnedLineId: line.returned_line_id,
    listPrice: line.list_price === null || line.list_price === undefined ? null : money(line.list_price),
    groupDiscount: money(line.group_discount ?? 0),
    loyaltyPoints: line.loyalty_points === null || line.loyalty_points === undefined ? null : Number(line.loyalty_points),
  };
}

export async function settlementsOf(
  db: Executor,
  businessId: string,
  itemId: string,
  side: string,
  money: (minor: number) => string,
): Promise<SettlementView[]> {
  const own = side === 'debit' ? 'allocations.debit_item_id' : 'allocations.credit_item_id';
  const other = side === 'debit' ? 'allocations.credit_item_id' : 'allocations.debit_item_id';
  const rows = await db
    .selectFrom('allocations')
    .innerJoin('open_items', 'open_items.id', other)
    .where('allocations.business_id', '=', businessId)
    .where(own, '=', itemId)
    .where('allocations.undone_at', 'is', null)
    .orderBy('allocations.created_at')
    .orderBy('allocations.id')
    .select([
      'allocations.id as allocationId',
      'open_items.id as itemId',
      'open_items.kind',
      'open_items.reference',
      'open_items.source_type',
      'open_items.source_id',
      'allocations.date',
      'allocations.amount',
    ])
    .execute();
  return rows.map((r) => ({
    allocationId: r.allocationId,
    itemId: r.itemId,
    kind: r.kind,
    reference: r.reference,
    sourceType: r.source_type,
    sourceId: r.source_id,
    date: r.date,
    amount: money(r.amount),
  }));
}
