/**
 * Finds other contacts of the business that already have a mobile, email,
 * tax number, loyalty card or code: one query, at most one match per key.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';

export interface ContactKeys {
  mobileE164: string | null;
  mobileDigits: string | null;
  emailKey: string | null;
  taxNumberKey: string | null;
  loyaltyCardNumber: string | null;
  code: string | null;
}

export type KeyName = 'mobile' | 'email' | 'taxNumber' | 'loyaltyCard' | 'code';

export interface ContactMatch {
  id: string;
  name: string;
  code: string;
}

export async function findKeyMatches(
  db: Executor,
  businessId: string,
  keys: ContactKeys,
  excludeId: string | null,
): Promise<Partial<Record<KeyName, ContactMatch>>> {
  const lookup = (key: KeyName) =>
    db
      .selectFrom('contacts')
      .select([sql<KeyName>`${sql.lit(key)}`.as('key'), 'id', 'name', 'code'])
      .where('business_id', '=', businessId)
      .$if(excludeId !== null, (query) => query.where('id', '!=', excludeId as string))
      .orderBy('id')
      .limit(1);

  const lookups = [];
  if (keys.mobileE164) lookups.push(lookup('mobile').where('mobile_e164', '=', keys.mobileE164));
  if (keys.mobileDigits) {
    // Digits decide only when one of the two numbers has no E.164 form:
    // the same digits read for two countries are two different numbers.
    lookups.push(
      lookup('mobile')
        .where('mobile_digits', '=', keys.mobileDigits)
        .$if(keys.mobileE164 !== null, (query) => query.where('mobile_e164', 'is', null)),
    );
  }
  if (keys.emailKey) lookups.push(lookup('email').where('email_key', '=', keys.emailKey));
  if (keys.taxNumberKey) lookups.push(lookup('taxNumber').where('tax_number_key', '=', keys.taxNumberKey));
  if (keys.loyaltyCardNumber) {
    lookups.push(lookup('loyaltyCard').where('loyalty_card_number', '=', keys.loyaltyCardNumber));
  }
  if (keys.code) lookups.push(lookup('code').where('code', '=', keys.code));

  const [first, ...rest] = lookups.map((query, i) => db.selectFrom(query.as(`k${i}`)).selectAll());
  if (!first) return {};
  const rows = await rest.reduce((union, query) => union.unionAll(query), first).execute();

  const matches: Partial<Record<KeyName, ContactMatch>> = {};
  for (const row of rows) {
    matches[row.key] ??= { id: row.id, name: row.name, code: row.code };
  }
  return matches;
}
