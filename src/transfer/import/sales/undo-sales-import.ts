/**
 * Undoes a committed sales import in one transaction by voiding its sales
 * through the void use case: the ledger keeps every entry and gets a
 * reversal, and the points the sales earned or spent go back. Nothing is
 * undone when one of the sales has had, since the import, a payment or a
 * credit allocated to it, a return, or its earned points spent on another
 * sale: the refusal names those sales. Sales voided by hand are left as
 * they are. The payments a customer's sale was imported with are reversed
 * before the sale is voided, so they do not stay behind as an advance. The
 * void itself gives back those of a walk-in sale.
 */
import { recordAudit } from '../../../auth/audit.ts';
import type { Db, Executor } from '../../../db/database.ts';
import { voidDocument } from '../../../documents/void-document.ts';
import { reversePayment } from '../../../payments/reverse-payment.ts';
import { type Actor, requireActorPermission } from '../../../ledger/actor.ts';
import { AppError } from '../../../shared/errors.ts';
import { nowIso } from '../../../shared/ids.ts';
import { translate } from '../../../shared/messages.ts';
import { type ImportRecord, loadImport, setStatus } from '../store.ts';

/** Sales named in a refusal; the count covers them all. */
const NAMED_SALES = 10;

interface ImportedSale {
  id: string;
  number: string;
  source_reference: string | null;
  status: string;
}

export type BlockReason = 'allocation' | 'return' | 'points';

export async function undoSalesImport(db: Db, actor: Actor, record: ImportRecord): Promise<ImportRecord> {
  requireActorPermission(actor, 'sale.create');
  await db.kysely.transaction().execute(async (trx) => {
    const sales = await importedSales(trx, actor.businessId, record);
    const open = sales.filter((sale) => sale.status !== 'void');
    const blocked = await blockedSales(trx, actor.businessId, record, { open, all: sales });
    if (blocked.length > 0) {
      const named = blocked.slice(0, NAMED_SALES).map(({ sale }) => describe(sale)).join(', ');
      const sales = blocked.map(({ sale, reasons }) => ({ id: sale.id, reference: sale.number, sourceReference: sale.source_reference, reasons }));
      throw new AppError('import_undo_sales_blocked', { count: blocked.length, sales: named }, [], { sales });
    }

    // Newest first, so a sale that spent points earned by an earlier one
    // gives them back before the earlier one takes its points back.
    const reason = translate('import_undo_void_reason', actor.locale, { file: record.fileName });
    for (const sale of [...open].reverse()) {
      await reverseTillPayments(trx, actor, sale.id, reason);
      await voidDocument(trx, actor, 'sale', sale.id, { reason });
    }
    await setStatus(trx, record.id, 'undone', { undone_at: nowIso() });
    await recordAudit(trx, {
      businessId: actor.businessId,
      userId: actor.userId,
      entityType: 'import',
      entityId: record.id,
      action: 'undone',
      changes: { voided: open.length, alreadyVoid: sales.length - open.length },
    });
  });
  return loadImport(db.kysely, actor.businessId, record.id);
}

/** Reverses the posted payments taken with a customer's sale. */
async function reverseTillPayments(trx: Executor, actor: Actor, saleId: string, reason: string): Promise<void> {
  const payments = await trx
    .selectFrom('payments')
    .where('business_id', '=', actor.businessId)
    .where('document_id', '=', saleId)
    .where('contact_id', 'is not', null)
    .where('status', '=', 'posted')
    .select('id')
    .orderBy('number')
    .execute();
  for (const payment of payments) await reversePayment(trx, actor, payment.id, { reason });
}

function describe(sale: ImportedSale): string {
  return sale.source_reference ? `${sale.number} (${sale.source_reference})` : sale.number;
}

/**
 * Loads the import's sales, in the order they were created. An import
 * creates its sales in one process, where ids (UUIDv7) increase with each
 * new one, so sorting by id gives that order.
 */
// NOTE: the uuidv7 package keeps ids increasing unless the clock goes back more than 10 s during the import.
async function importedSales(trx: Executor, businessId: string, record: ImportRecord): Promise<ImportedSale[]> {
  const rows = await trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('type', '=', 'sale')
    .where('import_id', '=', record.id)
    .select(['id', 'number', 'source_reference', 'status'])
    .execute();
  const sales = rows.map((row) => ({ ...row, source_reference: row.source_reference ?? null }));
  // Sorted here rather than by the database, whose collation may not order text by code point.
  return sales.sort(compareIds);
}

function compareIds(a: { id: string }, b: { id: string }): number {
  if (a.id < b.id) return -1;
  if (a.id > b.id) return 1;
  return 0;
}

/** Lists the sales with history of their own since the import, and what history each has. */
async function blockedSales(
  trx: Executor,
  businessId: string,
  record: ImportRecord,
  sales: { open: ImportedSale[]; all: ImportedSale[] },
): Promise<{ sale: ImportedSale; reasons: BlockReason[] }[]> {
  const importedIds = new Set(sales.all.map((sale) => sale.id));
  const blocked: { sale: ImportedSale; reasons: BlockReason[] }[] = [];
  for (const sale of sales.open) {
    const reasons: BlockReason[] = [];
    if (await hasLaterAllocation(trx, businessId, sale.id, record.committedAt ?? '')) reasons.push('allocation');
    if (await hasReturn(trx, businessId, sale.id)) reasons.push('return');
    if (await pointsSpentElsewhere(trx, businessId, sale.id, importedIds)) reasons.push('points');
    if (reasons.length > 0) blocked.push({ sale, reasons });
  }
  return blocked;
}

/**
 * Tells whether a payment or credit has been allocated to the sale since
 * the import. Allocations the import made itself, when the customer's
 * advance settled the new sale at once, date from before its commit and
 * are undone with the void.
 */
async function hasLaterAllocation(trx: Executor, businessId: string, saleId: string, committedAt: string): Promise<boolean> {
  const row = await trx
    .selectFrom('allocations')
    .innerJoin('open_items', 'open_items.id', 'allocations.debit_item_id')
    .where('allocations.business_id', '=', businessId)
    .where('open_items.business_id', '=', businessId)
    .where('open_items.source_type', '=', 'document')
    .where('open_items.source_id', '=', saleId)
    .where('allocations.undone_at', 'is', null)
    .where('allocations.created_at', '>', committedAt)
    .select('allocations.id')
    .executeTakeFirst();
  return row !== undefined;
}

async function hasReturn(trx: Executor, businessId: string, saleId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('documents')
    .where('business_id', '=', businessId)
    .where('parent_id', '=', saleId)
    .where('status', '=', 'final')
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Tells whether a sale outside the import still has points taken from
 * the lots this sale earned: what it redeemed, less what its void or
 * returns gave back. Expiry and manual adjustments spend no points on a sale.
 */
async function pointsSpentElsewhere(trx: Executor, businessId: string, saleId: string, importedIds: Set<string>): Promise<boolean> {
  const rows = await trx
    .selectFrom('loyalty_lot_changes')
    .innerJoin('loyalty_lots', 'loyalty_lots.id', 'loyalty_lot_changes.lot_id')
    .innerJoin('loyalty_movements', 'loyalty_movements.id', 'loyalty_lot_changes.movement_id')
    .where('loyalty_lot_changes.business_id', '=', businessId)
    .where('loyalty_lots.business_id', '=', businessId)
    .where('loyalty_lots.document_id', '=', saleId)
    .where('loyalty_movements.source_document_id', 'is not', null)
    .select(['loyalty_movements.source_document_id as spender', 'loyalty_lot_changes.points'])
    .execute();
  const held = new Map<string, number>();
  for (const row of rows) {
    if (!row.spender || importedIds.has(row.spender)) continue;
    held.set(row.spender, (held.get(row.spender) ?? 0) + Number(row.points));
  }
  return [...held.values()].some((points) => points < 0);
}
