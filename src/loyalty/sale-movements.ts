/** Sums of the points movements that belong to one sale. */
import type { Executor } from '../db/database.ts';

async function sumOf(
  trx: Executor,
  businessId: string,
  saleId: string,
  type: string,
  column: 'points' | 'shortfall',
): Promise<number> {
  const row = await trx
    .selectFrom('loyalty_movements')
    .where('business_id', '=', businessId)
    .where('source_document_id', '=', saleId)
    .where('type', '=', type)
    .select((eb) => eb.fn.sum<number | string | null>(column).as('total'))
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Points the sale earned. */
export async function earnedBy(trx: Executor, businessId: string, saleId: string): Promise<number> {
  return sumOf(trx, businessId, saleId, 'earn', 'points');
}

/** Points the sale's returns asked back so far: those taken plus those short. */
export async function clawedBackFrom(trx: Executor, businessId: string, saleId: string): Promise<number> {
  const clawed = -(await sumOf(trx, businessId, saleId, 'return_clawback', 'points'));
  return clawed + (await sumOf(trx, businessId, saleId, 'return_clawback', 'shortfall'));
}

/** Points the sale redeemed. */
export async function redeemedBy(trx: Executor, businessId: string, saleId: string): Promise<number> {
  return -(await sumOf(trx, businessId, saleId, 'redeem', 'points'));
}

/** The lots the sale's earning created, which its returns and void take from first. */
export async function lotsOfSale(trx: Executor, businessId: string, saleId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('loyalty_lots')
    .where('business_id', '=', businessId)
    .where('document_id', '=', saleId)
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}
