/**
 * A contact's points as the customer page shows them: the usable balance,
 * the lots with points left, and the history of movements. Lots past their
 * date are expired first, so the history always adds up to the balance.
 */
import { sql } from 'kysely';
import { loadVisibleContact } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import type { Actor } from '../ledger/actor.ts';
import { loadBusiness } from '../ledger/business.ts';
import { lockContact } from '../ledger/contact-lock.ts';
import { todayIn } from '../ledger/dates.ts';
import { expireContactLots, usableBalance } from './lots.ts';

export interface ContactLoyaltyView {
  points: number;
  lots: { earnedOn: string; expiresOn: string | null; points: number; remaining: number }[];
  history: {
    id: string;
    date: string;
    type: string;
    points: number;
    shortfall: number;
    documentId: string | null;
    documentReference: string | null;
    reason: string | null;
    createdAt: string;
  }[];
}

/** Reads the contact's points; `db` must not be inside a transaction, since lots past their date are expired in one. */
export async function readContactLoyalty(db: Executor, actor: Actor, contactId: string): Promise<ContactLoyaltyView> {
  const contact = await loadVisibleContact(db, actor, contactId);
  const today = todayIn((await loadBusiness(db, actor.businessId)).timezone);
  await expireIfDue(db, actor.businessId, contact.id, today);

  const points = await usableBalance(db, actor.businessId, contact.id, today);
  const lots = await db
    .selectFrom('loyalty_lots')
    .where('business_id', '=', actor.businessId)
    .where('contact_id', '=', contact.id)
    .where('remaining', '>', 0)
    .orderBy(sql`case when expires_on is null then 1 else 0 end`)
    .orderBy('expires_on')
    .orderBy('earned_on')
    .orderBy('id')
    .select(['earned_on', 'expires_on', 'points', 'remaining'])
    .execute();
  const history = await db
    .selectFrom('loyalty_movements')
    .leftJoin('documents', 'documents.id', 'loyalty_movements.document_id')
    .where('loyalty_movements.business_id', '=', actor.businessId)
    .where('loyalty_movements.contact_id', '=', contact.id)
    .orderBy('loyalty_movements.id', 'desc')
    .select([
      'loyalty_movements.id',
      'loyalty_movements.date',
      'loyalty_movements.type',
      'loyalty_movements.points',
      'loyalty_movements.shortfall',
      'loyalty_movements.document_id',
      'documents.number',
      'loyalty_movements.reason',
      'loyalty_movements.created_at',
    ])
    .execute();

  return {
    points,
    lots: lots.map((lot) => ({
      earnedOn: lot.earned_on,
      expiresOn: lot.expires_on,
      points: Number(lot.points),
      remaining: Number(lot.remaining),
    })),
    history: history.map((m) => ({
      id: m.id,
      date: m.date,
      type: m.type,
      points: Number(m.points),
      shortfall: Number(m.shortfall),
      documentId: m.document_id,
      documentReference: m.number ?? null,
      reason: m.reason,
      createdAt: m.created_at,
    })),
  };
}

async function expireIfDue(db: Executor, businessId: string, contactId: string, today: string): Promise<void> {
  const due = await db
    .selectFrom('loyalty_lots')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('remaining', '>', 0)
    .where('expires_on', '<=', today)
    .select('id')
    .executeTakeFirst();
  if (!due) return;
  await db.transaction().execute(async (trx) => {
    await lockContact(trx, businessId, contactId);
    await expireContactLots(trx, businessId, contactId, today);
  });
}

/**
 * Sums the usable points of each contact on the business's today, for
 * pickers and lists. Contacts with none are absent from the map. Lots past
 * their date count for nothing even before the expiry job records them.
 */
export async function loyaltyPointsFor(db: Executor, businessId: string, contactIds: string[]): Promise<Map<string, number>> {
  const points = new Map<string, number>();
  if (contactIds.length === 0) return points;
  const today = todayIn((await loadBusiness(db, businessId)).timezone);
  const rows = await db
    .selectFrom('loyalty_lots')
    .where('business_id', '=', businessId)
    .where('contact_id', 'in', contactIds)
    .where('remaining', '>', 0)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>', today)]))
    .groupBy('contact_id')
    .select(['contact_id', (eb) => eb.fn.sum<number | string>('remaining').as('points')])
    .execute();
  for (const row of rows) points.set(row.contact_id, Number(row.points));
  return points;
}
