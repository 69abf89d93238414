import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { deferredReferencesOf } from './deferred-references.ts';

/** Reference prefixes, one counter per prefix and year. */
export const referencePrefixes = {
  sale: 'VE',
  purchase: 'AC',
  sale_return: 'AV',
  purchase_return: 'RA',
  payment_received: 'RG',
  payment_made: 'PA',
  refund_paid: 'RB',
  refund_received: 'RR',
  discount: 'RM',
  opening_balance: 'SO',
} as const;

export type NumberedKind = keyof typeof referencePrefixes;

/**
 * Takes the next reference of a kind for the year of `date`, such as
 * `VE2024-0001`. The counter row is incremented in place, so concurrent
 * transactions wait for each other and never share a number.
 */
export async function nextReference(db: Executor, businessId: string, kind: NumberedKind, date: string): Promise<string> {
  const [reference] = await nextReferences(db, businessId, kind, date, 1);
  if (reference === undefined) throw new Error('no reference was reserved');
  return reference;
}

/**
 * Takes the next `count` references of a kind for the year of `date`, in
 * order, with one counter update. In a transaction that defers its counter
 * writes (deferred-references.ts), only the first use of a counter updates it.
 */
export async function nextReferences(
  db: Executor,
  businessId: string,
  kind: NumberedKind,
  date: string,
  count: number,
): Promise<string[]> {
  if (count < 1) return [];
  const prefix = referencePrefixes[kind];
  const year = date.slice(0, 4);
  const name = `reference:${prefix}:${year}`;
  const last = deferredReferencesOf(db)?.take(businessId, name, count) ?? (await incrementCounter(db, businessId, name, count));
  return Array.from({ length: count }, (_, i) => `${prefix}${year}-${String(last - count + 1 + i).padStart(4, '0')}`);
}

/** Adds `count` to a counter row, creating it when missing, and returns its new value. */
async function incrementCounter(db: Executor, businessId: string, name: string, count: number): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ business_id: businessId, name, value: count })
    .onConflict((oc) =>
      oc.columns(['business_id', 'name']).doUpdateSet({ value: sql`counters.value + ${count}` }),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  const value = Number(row.value);
  deferredReferencesOf(db)?.taken(businessId, name, value);
  return value;
}
