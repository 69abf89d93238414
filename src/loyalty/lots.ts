/**
 * The points ledger of a contact. Every change of a balance is an
 * append-only movement. Points received at once form a lot, which expires
 * on its own date. Spending takes from the usable lots that expire soonest,
 * and each take, give-back or expiry is written per lot. A lot never goes
 * below zero, so neither does a balance, and the balance is the sum of the
 * movements. Callers hold the contact's lock (`lockContact`).
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { LoyaltyLotTable } from '../db/schema.ts';
import { newId, nowIso } from '../shared/ids.ts';

export type MovementType = 'earn' | 'redeem' | 'return_clawback' | 'return_refund' | 'void' | 'expire' | 'adjust';

export interface MovementInput {
  businessId: string;
  contactId: string;
  /** Business date of the movement. */
  date: string;
  type: MovementType;
  documentId?: string | null;
  sourceDocumentId?: string | null;
  reason?: string | null;
  userId?: string | null;
}

type LotRow = Selectable<LoyaltyLotTable>;

async function insertMovement(trx: Executor, input: MovementInput, points: number, shortfall: number): Promise<string> {
  const id = newId();
  await trx
    .insertInto('loyalty_movements')
    .values({
      id,
      business_id: input.businessId,
      contact_id: input.contactId,
      date: input.date,
      type: input.type,
      points,
      shortfall,
      document_id: input.documentId ?? null,
      source_document_id: input.sourceDocumentId ?? null,
      reason: input.reason ?? null,
      user_id: input.userId ?? null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

/** Records points received at once (an earning, a positive adjustment) as a new lot. */
export async function addLot(trx: Executor, input: MovementInput, points: number, expiresOn: string | null): Promise<string> {
  const movementId = await insertMovement(trx, input, points, 0);
  const lotId = newId();
  await trx
    .insertInto('loyalty_lots')
    .values({
      id: lotId,
      business_id: input.businessId,
      contact_id: input.contactId,
      movement_id: movementId,
      document_id: input.documentId ?? null,
      earned_on: input.date,
      expires_on: expiresOn,
      points,
      remaining: points,
      created_at: nowIso(),
    })
    .execute();
  return lotId;
}

/** Lots with points left that are still valid on `today`, soonest-expiring first (never-expiring last). */
async function usableLots(trx: Executor, businessId: string, contactId: string, today: string): Promise<LotRow[]> {
  return trx
    .selectFrom('loyalty_lots')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('remaining', '>', 0)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>', today)]))
    .orderBy(sql`case when expires_on is null then 1 else 0 end`)
    .orderBy('expires_on')
    .orderBy('earned_on')
    .orderBy('id')
    .selectAll()
    .execute();
}

/** Sums the points a contact can spend on `today`: lots past their date count for nothing. */
export async function usableBalance(trx: Executor, businessId: string, contactId: string, today: string): Promise<number> {
  const row = await trx
    .selectFrom('loyalty_lots')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('remaining', '>', 0)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>', today)]))
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('remaining'), sql<number>`0`).as('points'))
    .executeTakeFirstOrThrow();
  return Number(row.points);
}

async function changeLot(trx: Executor, businessId: string, movementId: string, lot: LotRow, points: number): Promise<void> {
  await trx
    .updateTable('loyalty_lots')
    .set({ remaining: Number(lot.remaining) + points })
    .where('business_id', '=', businessId)
    .where('id', '=', lot.id)
    .execute();
  await trx
    .insertInto('loyalty_lot_changes')
    .values({ business_id: businessId, movement_id: movementId, lot_id: lot.id, points })
    .execute();
}

export interface Taken {
  taken: number;
  /** Points requested but missing from the balance (only clawbacks have any). */
  shortfall: number;
}

/**
 * Takes `points` from the usable lots, those of `preferLotIds` first, then
 * soonest-expiring first. When the balance is short, takes what there is and
 * records the rest as the movement's shortfall.
 */
export async function takePoints(
  trx: Executor,
  input: MovementInput,
  points: number,
  today: string,
  preferLotIds: string[] = [],
): Promise<Taken> {
  if (points <= 0) return { taken: 0, shortfall: 0 };
  const lots = await usableLots(trx, input.businessId, input.contactId, today);
  const preferred = new Set(preferLotIds);
  const ordered = [...lots.filter((l) => preferred.has(l.id)), ...lots.filter((l) => !preferred.has(l.id))];

  const plan: { lot: LotRow; points: number }[] = [];
  let left = points;
  for (const lot of ordered) {
    if (left === 0) break;
    const part = Math.min(left, Number(lot.remaining));
    plan.push({ lot, points: part });
    left -= part;
  }
  const taken = points - left;
  const movementId = await insertMovement(trx, input, -taken, left);
  for (const step of plan) await changeLot(trx, input.businessId, movementId, step.lot, -step.points);
  return { taken, shortfall: left };
}

/**
 * Gives back up to `points` of what the sale `input.sourceDocumentId`
 * redeemed, into the lots they were taken from, latest-expiring first.
 * Points that land in a lot past its date expire at once.
 */
export async function givePointsBack(trx: Executor, input: MovementInput, points: number, today: string): Promise<number> {
  if (points <= 0 || !input.sourceDocumentId) return 0;
  const open = await restorableByLot(trx, input.businessId, input.sourceDocumentId);
  if (open.size === 0) return 0;
  const lots = await trx
    .selectFrom('loyalty_lots')
    .where('business_id', '=', input.businessId)
    .where('id', 'in', [...open.keys()])
    .selectAll()
    .execute();
  lots.sort(laterExpiryFirst);

  const plan: { lot: LotRow; points: number }[] = [];
  let left = points;
  for (const lot of lots) {
    const part = Math.min(left, open.get(lot.id) ?? 0);
    if (part > 0) plan.push({ lot, points: part });
    left -= part;
  }
  const given = points - left;
  if (given === 0) return 0;
  const movementId = await insertMovement(trx, input, given, 0);
  for (const step of plan) await changeLot(trx, input.businessId, movementId, step.lot, step.points);
  if (plan.some((step) => step.lot.expires_on !== null && step.lot.expires_on <= today)) {
    await expireContactLots(trx, input.businessId, input.contactId, today);
  }
  return given;
}

function laterExpiryFirst(a: LotRow, b: LotRow): number {
  if (a.expires_on === b.expires_on) return a.id < b.id ? 1 : -1;
  if (a.expires_on === null) return -1;
  if (b.expires_on === null) return 1;
  return a.expires_on < b.expires_on ? 1 : -1;
}

/** Per lot: what the sale's redemption took, less what its returns and void gave back already. */
async function restorableByLot(trx: Executor, businessId: string, saleId: string): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('loyalty_lot_changes')
    .innerJoin('loyalty_movements', 'loyalty_movements.id', 'loyalty_lot_changes.movement_id')
    .where('loyalty_movements.business_id', '=', businessId)
    .where('loyalty_movements.source_document_id', '=', saleId)
    .where((eb) =>
      eb.or([
        eb('loyalty_movements.type', '=', 'redeem'),
        eb.and([eb('loyalty_movements.type', 'in', ['return_refund', 'void']), eb('loyalty_lot_changes.points', '>', 0)]),
      ]),
    )
    .select(['loyalty_lot_changes.lot_id', 'loyalty_lot_changes.points'])
    .execute();
  const open = new Map<string, number>();
  for (const row of rows) open.set(row.lot_id, (open.get(row.lot_id) ?? 0) - Number(row.points));
  return open;
}

/**
 * Expires the contact's lots whose date is `today` or earlier, in one
 * movement. A second run on the same day finds nothing left to expire.
 */
export async function expireContactLots(trx: Executor, businessId: string, contactId: string, today: string): Promise<number> {
  const lots = await trx
    .selectFrom('loyalty_lots')
    .where('business_id', '=', businessId)
    .where('contact_id', '=', contactId)
    .where('remaining', '>', 0)
    .where('expires_on', '<=', today)
    .selectAll()
    .execute();
  if (lots.length === 0) return 0;
  const points = lots.reduce((sum, lot) => sum + Number(lot.remaining), 0);
  const movementId = await insertMovement(trx, { businessId, contactId, date: today, type: 'expire' }, -points, 0);
  for (const lot of lots) await changeLot(trx, businessId, movementId, lot, -Number(lot.remaining));
  return points;
}
