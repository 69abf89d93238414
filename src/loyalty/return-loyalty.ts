/**
 * What a return does to the points of the sale it gives goods back from.
 * The return's share of the goods (its line totals over the sale's goods)
 * decides everything, counted over all the sale's returns so far, so the
 * sale's last return lands exactly on what the sale earned and redeemed:
 * - the same share of the sale's redemption goes back to the customer as
 *   points, and comes off the money the return pays back, as a line;
 * - the same share of the points the sale earned is taken back, from that
 *   sale's lot first. When the balance cannot cover it, what is left is
 *   taken and the rest recorded as the movement's shortfall.
 */
import type { Executor } from '../db/database.ts';
import type { DocumentTable } from '../db/schema.ts';
import { insertLines } from '../documents/create-document.ts';
import { divideRounded } from '../documents/lines.ts';
import type { Actor } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { todayIn } from '../ledger/dates.ts';
import { invalid } from '../shared/errors.ts';
import { expireContactLots, givePointsBack, type MovementInput, takePoints } from './lots.ts';
import { earnedBy, clawedBackFrom, lotsOfSale } from './sale-movements.ts';

interface ReturnShares {
  /** Goods given back by every return of the sale so far, this one included. */
  returnedGoods: number;
  goods: number;
}

/** Moves the points of a return just inserted, in its transaction, and returns the return with its totals adjusted. */
export async function applyReturnLoyalty(
  trx: Executor,
  actor: Actor,
  parent: DocumentTable,
  document: DocumentTable,
): Promise<DocumentTable> {
  if (parent.type !== 'sale') return document;
  const parentLines = await trx
    .selectFrom('document_lines')
    .where('business_id', '=', parent.business_id)
    .where('document_id', '=', parent.id)
    .select(['id', 'total', 'unit_price', 'description', 'loyalty_points'])
    .execute();
  const returned = await trx
    .selectFrom('document_lines')
    .innerJoin('documents', 'documents.id', 'document_lines.document_id')
    .where('documents.business_id', '=', parent.business_id)
    .where('documents.parent_id', '=', parent.id)
    .where('documents.status', '=', 'final')
    .select([
      'document_lines.document_id',
      'document_lines.position',
      'document_lines.returned_line_id',
      'document_lines.total',
      'document_lines.quantity_milli',
      'document_lines.loyalty_points',
    ])
    .execute();

  const redemptionLine = parentLines.find((l) => l.loyalty_points !== null && l.loyalty_points !== undefined);
  const own = returned.filter((l) => l.document_id === document.id);
  const rejected = own.find((l) => redemptionLine && l.returned_line_id === redemptionLine.id);
  if (rejected) {
    throw invalid([{ path: `lines.${rejected.position - 1}.lineId`, code: 'loyalty_line_not_returnable' }]);
  }

  const shares: ReturnShares = {
    goods: sum(parentLines.filter((l) => l !== redemptionLine).map((l) => l.total)),
    returnedGoods: sum(returned.filter((l) => !redemptionLine || l.returned_line_id !== redemptionLine.id).map((l) => l.total)),
  };
  let adjusted = { ...document, customer_group_id: parent.customer_group_id ?? null };
  let pointsBack = 0;
  if (redemptionLine && shares.goods > 0) {
    const earlier = returned.filter((l) => l.returned_line_id === redemptionLine.id);
    const part = (whole: number, done: number) => share(whole, shares) - done;
    const amount = part(-Number(redemptionLine.total), -sum(earlier.map((l) => l.total)));
    pointsBack = part(Number(redemptionLine.loyalty_points), sum(earlier.map((l) => l.loyalty_points ?? 0)));
    const quantity = part(1000, sum(earlier.map((l) => l.quantity_milli)));
    if (amount > 0 || pointsBack > 0) {
      await insertLines(trx, document.business_id, document.id, [
        {
          position: Math.max(0, ...own.map((l) => l.position)) + 1,
          productId: null,
          description: redemptionLine.description,
          quantityMilli: quantity,
          unitPrice: Number(redemptionLine.unit_price),
          discountBp: 0,
          taxBp: 0,
          gross: -amount,
          discount: 0,
          tax: 0,
          total: -amount,
          loyaltyPoints: pointsBack,
          returnedLineId: redemptionLine.id,
        },
      ]);
      adjusted = { ...adjusted, subtotal: Number(document.subtotal) - amount, total: Number(document.total) - amount };
    }
  }
  await trx
    .updateTable('documents')
    .set({ subtotal: adjusted.subtotal, total: adjusted.total, customer_group_id: adjusted.customer_group_id })
    .where('business_id', '=', document.business_id)
    .where('id', '=', document.id)
    .execute();

  if (parent.contact_id) await moveReturnPoints(trx, actor, parent, adjusted, shares, pointsBack);
  return adjusted;
}

async function moveReturnPoints(
  trx: Executor,
  actor: Actor,
  parent: DocumentTable,
  document: DocumentTable,
  shares: ReturnShares,
  pointsBack: number,
): Promise<void> {
  const contactId = parent.contact_id as string;
  const today = todayIn((await loadBusiness(trx, parent.business_id)).timezone);
  const movement = (type: MovementInput['type']): MovementInput => ({
    businessId: parent.business_id,
    contactId,
    date: document.date,
    type,
    documentId: document.id,
    sourceDocumentId: parent.id,
    userId: actor.userId,
  });
  await expireContactLots(trx, parent.business_id, contactId, today);
  await givePointsBack(trx, movement('return_refund'), pointsBack, today);

  const earned = await earnedBy(trx, parent.business_id, parent.id);
  if (earned === 0 || shares.goods <= 0) return;
  const due = share(earned, shares) - (await clawedBackFrom(trx, parent.business_id, parent.id));
  const preferred = await lotsOfSale(trx, parent.business_id, parent.id);
  if (due > 0) await takePoints(trx, movement('return_clawback'), due, today, preferred);
}

/** `whole` x returned goods / goods, rounded half away from zero. */
function share(whole: number, shares: ReturnShares): number {
  return divideRounded(BigInt(whole) * BigInt(shares.returnedGoods), BigInt(shares.goods));
}

function sum(values: (number | string | null | undefined)[]): number {
  return values.reduce<number>((total, value) => total + Number(value ?? 0), 0);
}
