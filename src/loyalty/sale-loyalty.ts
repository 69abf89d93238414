/**
 * Points movements of a sale once it is final. The sale spends the points
 * its redemption line names, then earns on the amount charged (after every
 * discount, the redemption included). It also records the customer's group
 * on the sale for the sales-by-group report. A walk-in sale earns nothing.
 */
import type { Executor } from '../db/database.ts';
import type { DocumentTable } from '../db/schema.ts';
import type { Actor } from '../ledger/actor.ts';
import { todayIn } from '../ledger/dates.ts';
import { invalid, IssueList } from '../shared/errors.ts';
import { addLot, expireContactLots, type MovementInput, takePoints, usableBalance } from './lots.ts';
import { checkRedemption } from './redemption.ts';
import { expiryDateOf, loadLoyaltyContext, pointsEarned } from './settings.ts';

type SaleDocument = Pick<DocumentTable, 'id' | 'business_id' | 'type' | 'contact_id' | 'date' | 'total'>;

/** Moves a sale's points as it becomes final; runs in that transaction, under the contact's lock. */
export async function recordFinalSale(trx: Executor, actor: Actor, document: SaleDocument): Promise<void> {
  if (document.type !== 'sale') return;
  const redemption = await trx
    .selectFrom('document_lines')
    .where('business_id', '=', document.business_id)
    .where('document_id', '=', document.id)
    .where('loyalty_points', 'is not', null)
    .select(['loyalty_points', 'total'])
    .executeTakeFirst();
  if (document.contact_id === null) {
    // A parked sale whose customer was cleared cannot keep its redemption.
    if (redemption) throw invalid([{ path: 'redeemPoints', code: 'loyalty_walk_in' }]);
    return;
  }
  const contactId = document.contact_id;
  await stampCustomerGroup(trx, document.business_id, document.id, contactId);

  const business = await loadLoyaltyContext(trx, document.business_id);
  const settings = business.settings;
  const today = todayIn(business.timezone);
  const movement = (type: MovementInput['type']): MovementInput => ({
    businessId: document.business_id,
    contactId,
    date: document.date,
    type,
    documentId: document.id,
    sourceDocumentId: document.id,
    userId: actor.userId,
  });

  if (redemption?.loyalty_points) {
    const points = Number(redemption.loyalty_points);
    await expireContactLots(trx, document.business_id, contactId, today);
    const balance = await usableBalance(trx, document.business_id, contactId, today);
    const issues = new IssueList();
    const amount = -Number(redemption.total);
    const total = Number(document.total) + amount;
    checkRedemption(settings, { points, balance, total, amount }, business.currency, issues);
    issues.throwIfAny();
    await takePoints(trx, movement('redeem'), points, today);
  }

  const earned = pointsEarned(settings, Number(document.total));
  if (earned === 0) return;
  const expiresOn = expiryDateOf(settings, document.date);
  await addLot(trx, movement('earn'), earned, expiresOn);
  if (expiresOn !== null && expiresOn <= today) await expireContactLots(trx, document.business_id, contactId, today);
}

/** Copies the customer's group (or none) onto the sale, in one statement. */
async function stampCustomerGroup(trx: Executor, businessId: string, documentId: string, contactId: string): Promise<void> {
  await trx
    .updateTable('documents')
    .set((eb) => ({
      customer_group_id: eb
        .selectFrom('contacts')
        .where('contacts.business_id', '=', businessId)
        .where('contacts.id', '=', contactId)
        .select('contacts.customer_group_id'),
    }))
    .where('business_id', '=', businessId)
    .where('id', '=', documentId)
    .execute();
}
