/**
 * Aging of what a contact owes and is owed, by days past due on
 * business-local dates: not yet due (due today or later), 1-30, 31-60, 61-90
 * and over 90 days past due. The receivable aging covers every open debit
 * item and the payable aging every open purchase or negative opening
 * balance, so their totals are the contact's receivable and payable figures.
 * Only sales, purchases and opening balances fall due; any other open item
 * (a prepayment to a supplier, a refund whose credit was taken back) counts
 * as not yet due.
 */
import type { visibleContactsFilter } from '../contacts/visibility.ts';
import type { Executor } from '../db/database.ts';
import { daysBetween } from './dates.ts';

export const agingBuckets = ['notDue', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
export type AgingBucket = (typeof agingBuckets)[number];
export type Aging = Record<AgingBucket, number> & { total: number };

/** Item kinds that have a due date a shop chases. */
const dueKinds = new Set(['sale', 'purchase', 'opening_balance']);

export function emptyAging(): Aging {
  return { notDue: 0, days1To30: 0, days31To60: 0, days61To90: 0, over90: 0, total: 0 };
}

export function bucketOf(dueDate: string, today: string): AgingBucket {
  const late = daysBetween(dueDate, today);
  if (late <= 0) return 'notDue';
  if (late <= 30) return 'days1To30';
  if (late <= 60) return 'days31To60';
  if (late <= 90) return 'days61To90';
  return 'over90';
}

/**
 * Receivable (debit) and payable (credit) aging of one contact, or of the
 * whole business; `visible` keeps only the contacts a limited user may see,
 * and `locationId` only the documents of that location.
 */
export async function agingOf(
  db: Executor,
  businessId: string,
  contactId: string | null,
  today: string,
  visible: ReturnType<typeof visibleContactsFilter> = null,
  locationId: string | null = null,
): Promise<{ receivable: Aging; payable: Aging }> {
  let query = db
    .selectFrom('open_items')
    .where('business_id', '=', businessId)
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('side', '=', 'debit'), eb('kind', 'in', ['purchase', 'opening_balance'])]))
    .groupBy(['side', 'kind', 'due_date'])
    .select((eb) => ['side', 'kind', 'due_date', eb.fn.sum<number | string>('open_amount').as('open')]);
  if (contactId) query = query.where('contact_id', '=', contactId);
  if (locationId) query = query.where('location_id', '=', locationId);
  if (visible) {
    query = query.where('contact_id', 'in', (eb) =>
      eb.selectFrom('contacts').select('contacts.id').where('contacts.business_id', '=', businessId).where(visible),
    );
  }

  const result = { receivable: emptyAging(), payable: emptyAging() };
  for (const row of await query.execute()) {
    const aging = row.side === 'debit' ? result.receivable : result.payable;
    const amount = Number(row.open);
    aging[dueKinds.has(row.kind) ? bucketOf(row.due_date, today) : 'notDue'] += amount;
    aging.total += amount;
  }
  return result;
}
