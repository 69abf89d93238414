/**
 * Finds the existing contact a row stands for, by the keys the import
 * matches on (code, e-mail, mobile in E.164, tax number, loyalty card), and
 * the rows of the same file that share a key.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { ContactInput } from '../../contacts/model.ts';
import { readPhone } from '../../contacts/phones.ts';
import { taxNumberKey } from '../../contacts/tax-numbers.ts';
import type { Executor } from '../../db/database.ts';
import type { ContactRow } from '../../db/schema.ts';
import type { MatchKey } from './options.ts';

export interface RowKeys {
  code: string | null;
  email: string | null;
  mobileE164: string | null;
  /** Digits of a mobile that has no E.164 form, matched only against stored numbers without one. */
  mobileDigits: string | null;
  taxNumber: string | null;
  loyaltyCardNumber: string | null;
}

export function rowKeys(input: ContactInput, businessCountry: string): RowKeys {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const mobile = text(input.mobile);
  const phone = mobile ? readPhone(mobile, text(input.country) ?? businessCountry) : null;
  const tax = text(input.taxNumber);
  return {
    code: text(input.code),
    email: text(input.email)?.toLowerCase() ?? null,
    mobileE164: phone?.e164 ?? null,
    mobileDigits: phone && !phone.e164 && !phone.tooShort ? phone.digits : null,
    taxNumber: tax ? taxNumberKey(tax) : null,
    loyaltyCardNumber: text(input.loyaltyCardNumber),
  };
}

/** Lists the key values of a row for the given match keys. */
export function keyStrings(keys: RowKeys, matchOn: readonly MatchKey[]): { key: MatchKey; value: string }[] {
  const out: { key: MatchKey; value: string }[] = [];
  for (const key of matchOn) {
    if (key === 'mobile') {
      const mobile = keys.mobileE164 ?? (keys.mobileDigits ? `digits:${keys.mobileDigits}` : null);
      if (mobile) out.push({ key, value: mobile });
      continue;
    }
    const value = keys[key];
    if (value) out.push({ key, value });
  }
  return out;
}

export type MatchResult =
  | { kind: 'none' }
  | { kind: 'one'; contact: ContactRow }
  | { kind: 'several'; codes: string[] };

/**
 * Looks the row up by its keys. A code that matches decides alone, since it
 * is unique; otherwise the other keys must all point to the same contact.
 */
export async function findMatch(
  db: Executor,
  businessId: string,
  keys: RowKeys,
  matchOn: readonly MatchKey[],
): Promise<MatchResult> {
  const use = new Set(matchOn);
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('business_id', '=', businessId)
    .where((eb) => {
      const terms: Expression<SqlBool>[] = [];
      if (use.has('code') && keys.code) terms.push(eb('code', '=', keys.code));
      if (use.has('email') && keys.email) terms.push(eb('email_key', '=', keys.email));
      if (use.has('mobile') && keys.mobileE164) terms.push(eb('mobile_e164', '=', keys.mobileE164));
      if (use.has('mobile') && keys.mobileDigits) {
        terms.push(eb.and([eb('mobile_digits', '=', keys.mobileDigits), eb('mobile_e164', 'is', null)]));
      }
      if (use.has('taxNumber') && keys.taxNumber) terms.push(eb('tax_number_key', '=', keys.taxNumber));
      if (use.has('loyaltyCardNumber') && keys.loyaltyCardNumber) {
        terms.push(eb('loyalty_card_number', '=', keys.loyaltyCardNumber));
      }
      return terms.length > 0 ? eb.or(terms) : sql<SqlBool>`1 = 0`;
    })
    .orderBy('id')
    .limit(5)
    .execute();

  if (rows.length === 0) return { kind: 'none' };
  const byCode = use.has('code') && keys.code ? rows.find((row) => row.code === keys.code) : undefined;
  if (byCode) return { kind: 'one', contact: byCode };
  const first = rows[0] as ContactRow;
  if (rows.every((row) => row.id === first.id)) return { kind: 'one', contact: first };
  return { kind: 'several', codes: [...new Set(rows.map((row) => row.code))] };
}
