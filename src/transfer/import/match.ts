/**
 * Finds the existing contact a row is for, by the keys the import matches
 * on (code, e-mail, mobile in E.164, tax number, loyalty card).
 */
import { sql } from 'kysely';
import type { ContactInput } from '../../contacts/model.ts';
import { readPhone } from '../../contacts/phones.ts';
import { loyaltyCardKey } from '../../contacts/search/search-terms.ts';
import { taxNumberKey } from '../../contacts/tax-numbers.ts';
import { inLists, maxParameters } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';
import { cardKeyExpression } from '../../db/migrations/0008_contact_duplicates.ts';
import type { ContactRow } from '../../db/schema.ts';
import type { MatchKey } from './options.ts';

export interface RowKeys {
  code: string | null;
  email: string | null;
  mobileE164: string | null;
  /** Digits of a mobile that has no E.164 form, matched only against stored numbers without one. */
  mobileDigits: string | null;
  taxNumber: string | null;
  /** The card key (see `loyaltyCardKey`), so `card 1001` matches `CARD-1001`. */
  loyaltyCardNumber: string | null;
}

export function rowKeys(input: ContactInput, businessCountry: string): RowKeys {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const mobile = text(input.mobile);
  const phone = mobile ? readPhone(mobile, text(input.country) ?? businessCountry) : null;
  const tax = text(input.taxNumber);
  const card = text(input.loyaltyCardNumber);
  return {
    code: text(input.code),
    email: text(input.email)?.toLowerCase() ?? null,
    mobileE164: phone?.e164 ?? null,
    mobileDigits: phone && !phone.e164 && !phone.tooShort ? phone.digits : null,
    taxNumber: tax ? taxNumberKey(tax) : null,
    loyaltyCardNumber: card ? loyaltyCardKey(card) || null : null,
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
  | { kind: 'one'; contact: ContactRow; by: MatchKey }
  | { kind: 'several'; codes: string[] };

/** Maximum number of contact codes that a `several` result lists. */
const LISTED_CODES = 5;

/**
 * Looks the row up by its keys, with the rule of `findMatches`.
 */
export async function findMatch(
  db: Executor,
  businessId: string,
  keys: RowKeys,
  matchOn: readonly MatchKey[],
): Promise<MatchResult> {
  const [found] = await findMatches(db, businessId, [keys], matchOn);
  return found?.match ?? { kind: 'none' };
}

export interface RowMatch {
  match: MatchResult;
  /** Ids of the contacts the lookup read for the row, matched or not. */
  candidates: string[];
}

type KeyColumn = 'code' | 'email_key' | 'mobile_e164' | 'mobile_digits' | 'tax_number_key' | 'loyalty_card_number';

/** Lists the column and value that each used key of a row looks up. */
function lookups(keys: RowKeys, use: ReadonlySet<MatchKey>): { column: KeyColumn; value: string }[] {
  const out: { column: KeyColumn; value: string }[] = [];
  const add = (column: KeyColumn, value: string | null) => {
    if (value) out.push({ column, value });
  };
  if (use.has('code')) add('code', keys.code);
  if (use.has('email')) add('email_key', keys.email);
  if (use.has('mobile')) {
    add('mobile_e164', keys.mobileE164);
    add('mobile_digits', keys.mobileDigits);
  }
  if (use.has('taxNumber')) add('tax_number_key', keys.taxNumber);
  if (use.has('loyaltyCardNumber')) add('loyalty_card_number', keys.loyaltyCardNumber);
  return out;
}

/**
 * Looks many rows up at once: one UNION ALL of indexed lookups per
 * statement, split under the engine's bound-parameter limit. Each row then
 * resolves by its keys in the order of `matchOn`, code first since it is
 * unique (see `resolve`). The contacts among those found whose ids
 * `excluded` returns (those the import itself created) are not matched.
 */
export async function findMatches(
  db: Executor,
  businessId: string,
  keysList: readonly RowKeys[],
  matchOn: readonly MatchKey[],
  excluded: (contactIds: string[]) => Promise<ReadonlySet<string>> = async () => new Set(),
): Promise<RowMatch[]> {
  const use = new Set(matchOn);
  const perRow = keysList.map((keys) => lookups(keys, use));
  const found = await loadByKeys(db, businessId, perRow.flat());
  const skipped = found.length > 0 ? await excluded(found.map((contact) => contact.id)) : new Set<string>();
  const stored = found.filter((contact) => !skipped.has(contact.id));

  const byValue = new Map<string, ContactRow[]>();
  for (const contact of stored) {
    for (const column of keyColumnNames) {
      const stored = contact[column];
      const value = column === 'loyalty_card_number' && stored ? loyaltyCardKey(stored) : stored;
      // Digits match only a stored number without an E.164 form.
      if (!value || (column === 'mobile_digits' && contact.mobile_e164 !== null)) continue;
      const slot = `${column}:${value}`;
      const list = byValue.get(slot);
      if (list) list.push(contact);
      else byValue.set(slot, [contact]);
    }
  }

  return keysList.map((keys, i) => {
    const found = new Map<string, ContactRow>();
    for (const { column, value } of perRow[i] ?? []) {
      for (const contact of byValue.get(`${column}:${value}`) ?? []) found.set(contact.id, contact);
    }
    const rows = [...found.values()].sort(byId);
    return { match: resolve(rows, keys, matchOn), candidates: rows.map((row) => row.id) };
  });
}

const keyColumnNames: readonly KeyColumn[] = ['code', 'email_key', 'mobile_e164', 'mobile_digits', 'tax_number_key', 'loyalty_card_number'];

function byId(left: ContactRow, right: ContactRow): number {
  if (left.id === right.id) return 0;
  return left.id < right.id ? -1 : 1;
}

/** Tells whether the stored contact has the row's value of `key`. */
function hasKey(contact: ContactRow, keys: RowKeys, key: MatchKey): boolean {
  switch (key) {
    case 'code':
      return keys.code !== null && contact.code === keys.code;
    case 'email':
      return keys.email !== null && contact.email_key === keys.email;
    case 'mobile':
      if (keys.mobileE164 !== null) return contact.mobile_e164 === keys.mobileE164;
      return keys.mobileDigits !== null && contact.mobile_e164 === null && contact.mobile_digits === keys.mobileDigits;
    case 'taxNumber':
      return keys.taxNumber !== null && contact.tax_number_key === keys.taxNumber;
    case 'loyaltyCardNumber':
      return keys.loyaltyCardNumber !== null && contact.loyalty_card_number !== null
        && loyaltyCardKey(contact.loyalty_card_number) === keys.loyaltyCardNumber;
  }
}

/**
 * Resolves a row to one contact, several or none. The code decides first,
 * because it is unique. The other keys are then tried in the order of
 * `matchOn`: the first that points to one contact decides. A key that
 * points to several (two contacts sharing a mobile) narrows the search,
 * and the later keys may still pick one of them. Otherwise the row is
 * ambiguous.
 */
function resolve(rows: ContactRow[], keys: RowKeys, matchOn: readonly MatchKey[]): MatchResult {
  if (rows.length === 0) return { kind: 'none' };
  const order: MatchKey[] = matchOn.includes('code') ? ['code', ...matchOn.filter((key) => key !== 'code')] : [...matchOn];
  let pool: ContactRow[] | null = null;
  for (const key of order) {
    const matching: ContactRow[] = (pool ?? rows).filter((contact) => hasKey(contact, keys, key));
    if (matching.length === 1) return { kind: 'one', contact: matching[0] as ContactRow, by: key };
    if (matching.length > 1) pool = matching;
  }
  if (!pool) return { kind: 'none' };
  return { kind: 'several', codes: [...new Set(pool.map((row) => row.code))].slice(0, LISTED_CODES) };
}

/** Loads the contacts that have any of the key values, each once. */
async function loadByKeys(
  db: Executor,
  businessId: string,
  requested: readonly { column: KeyColumn; value: string }[],
): Promise<ContactRow[]> {
  const valuesByColumn = new Map<KeyColumn, Set<string>>();
  for (const { column, value } of requested) {
    const values = valuesByColumn.get(column) ?? new Set<string>();
    values.add(value);
    valuesByColumn.set(column, values);
  }
  const limit = maxParameters(db);
  const queries = [...valuesByColumn].flatMap(([column, values]) =>
    inLists([...values]).map((slice) => ({ column, slice })));

  const contacts = new Map<string, ContactRow>();
  for (const group of parameterGroups(queries, limit)) {
    const selects = group.map(({ column, slice }) => {
      const query = db.selectFrom('contacts').selectAll().where('business_id', '=', businessId);
      if (column === 'loyalty_card_number') return query.where(sql.raw<string>(cardKeyExpression), 'in', slice);
      const byColumn = query.where(column, 'in', slice);
      return column === 'mobile_digits' ? byColumn.where('mobile_e164', 'is', null) : byColumn;
    });
    const [first, ...rest] = selects;
    if (!first) continue;
    const rows = await rest.reduce((union, query) => union.unionAll(query), first).execute();
    for (const row of rows) contacts.set(row.id, row);
  }
  return [...contacts.values()];
}

/** Groups the lookups so that each statement binds at most `limit` parameters (its values and one business id each). */
function parameterGroups<T extends { slice: string[] }>(queries: T[], limit: number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bound = 0;
  for (const query of queries) {
    const cost = query.slice.length + 1;
    if (current.length > 0 && bound + cost > limit) {
      groups.push(current);
      current = [];
      bound = 0;
    }
    current.push(query);
    bound += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
