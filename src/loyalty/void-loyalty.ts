/**
 * Points movements of voiding a final sale. The points it redeemed go back
 * to the customer, then the points it earned are taken back, from its own
 * lot first. When the balance cannot cover them, what is left is taken and
 * the rest recorded as the movement's shortfall. A parked sale moved no
 * points, so voiding it moves none.
 */
import type { Executor } from '../db/database.ts';
import type { DocumentTable } from '../db/schema.ts';
import type { Actor } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { todayIn } from '../ledger/dates.ts';
import { expireContactLots, givePointsBack, type MovementInput, takePoints } from './lots.ts';
import { clawedBackFrom, earnedBy, lotsOfSale, redeemedBy } from './sale-movements.ts';

type VoidedDocument = Pick<DocumentTable, 'id' | 'business_id' | 'type' | 'status' | 'contact_id'>;

/** Moves the points of a voided sale, in the void's transaction, given the sale as it was before. */
export async function voidSaleLoyalty(
  trx: Executor,
  actor: Actor,
  document: VoidedDocument,
  date: string,
  reason: string | null,
): Promise<void> {
  if (document.type !== 'sale' || document.status !== 'final' || document.contact_id === null) return;
  const { business_id: businessId, id: saleId } = document;
  const contactId = document.contact_id;
  const today = todayIn((await loadBusiness(trx, businessId)).timezone);
  const movement: MovementInput = {
    businessId,
    contactId,
    date,
    type: 'void',
    documentId: saleId,
    sourceDocumentId: saleId,
    reason,
    userId: actor.userId,
  };

  await expireContactLots(trx, businessId, contactId, today);
  await givePointsBack(trx, movement, await redeemedBy(trx, businessId, saleId), today);
  const due = (await earnedBy(trx, businessId, saleId)) - (await clawedBackFrom(trx, businessId, saleId));
  if (due > 0) await takePoints(trx, movement, due, today, await lotsOfSale(trx, businessId, saleId));
}
