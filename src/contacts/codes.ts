/**
 * Contact codes: typed by the user, or generated as the business prefix and
 * a zero-padded counter (`CO0001`). The generator skips codes already in use,
 * so a typed `CO0007` never collides with a generated one.
 */
import type { Executor } from '../db/database.ts';

/** Letters, digits and `- _ / .`, 1 to 30 characters. */
export const CODE_PATTERN = /^[\p{L}\p{N}_\-/.]{1,30}$/u;

const COUNTER_NAME = 'contact_code';

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

export function formatGeneratedCode(prefix: string, value: number): string {
  return prefix + String(value).padStart(4, '0');
}

/**
 * Adds one to a business counter and returns the new value. The upsert
 * locks the counter row until the transaction ends on PostgreSQL, so
 * concurrent creates each get their own value; SQLite runs one write
 * transaction at a time.
 */
export async function nextCounterValue(trx: Executor, businessId: string, name: string): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ business_id: businessId, name, value: 1 })
    .onConflict((conflict) =>
      conflict.columns(['business_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Takes the next counter value as a code, without checking whether a contact has it. */
export async function nextGeneratedCode(trx: Executor, businessId: string, prefix: string): Promise<string> {
  return formatGeneratedCode(prefix, await nextCounterValue(trx, businessId, COUNTER_NAME));
}

/** Generates the next code that no contact of the business has. */
export async function generateContactCode(trx: Executor, businessId: string, prefix: string): Promise<string> {
  for (;;) {
    const code = await nextGeneratedCode(trx, businessId, prefix);
    const taken = await trx
      .selectFrom('contacts')
      .select('id')
      .where('business_id', '=', businessId)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!taken) return code;
  }
}
