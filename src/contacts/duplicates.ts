/**
 * Finds other contacts of the business that already have a mobile, email,
 * tax number, loyalty card or code. For one contact, `findKeyMatches` runs
 * one query with at most one match per key. For a batch, `loadKeyHolders`
 * and `KeyIndex` apply the same rules in memory. Both lock the card keys
 * they look up (see `lockCardKeys`), so call them in the transaction that
 * saves the contacts.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { inLists, maxParameters } from '../db/batches.ts';
import { type Executor, executorEngine } from '../db/database.ts';
import { cardKeyExpression } from '../db/migrations/0008_contact_duplicates.ts';
import { cardKeysToLookUp, loyaltyCardKey } from './search/search-terms.ts';

export interface ContactKeys {
  mobileE164: string | null;
  mobileDigits: string | null;
  emailKey: string | null;
  taxNumberKey: string | null;
  /** Compared by its card key (see `loyaltyCardKey`), so `card 1001` is `CARD-1001`. */
  loyaltyCardNumber: string | null;
  code: string | null;
}

export type KeyName = 'mobile' | 'email' | 'taxNumber' | 'loyaltyCard' | 'code';

/** Another contact that has one of the keys, with the columns that decide who may view it. */
export interface ContactMatch {
  id: string;
  name: string;
  code: string;
  type: string;
  createdBy: string | null;
}

/**
 * Serialises the saves of one loyalty card until the transaction ends, so
 * that the card check of `findKeyMatches` or `loadKeyHolders` cannot pass in
 * two transactions at once. The unique index compares exact numbers only,
 * and old databases may hold two writings of one card, so no index can do it.
 *
 * On PostgreSQL, with transaction-scoped advisory locks:
 *   - one contact (`one`) takes the business's card lock shared, then its
 *     card's own lock. Two saves of other cards do not wait for each other;
 *   - a batch (`batch`: an import chunk, a bulk create) takes the business's
 *     card lock alone, exclusive. It waits for the saves of one contact in
 *     progress and they wait for it. A lock per card would overflow
 *     PostgreSQL's shared lock table (sized by default for 64 locks per
 *     connection) on an import of thousands of cards. An import already
 *     keeps the code counter locked until it commits, so few saves wait longer.
 * A transaction that holds the business's lock takes no other: an import's
 * updates, which check one contact at a time, then add no lock per card.
 * A transaction that saves a writing of the same card waits here until this
 * one commits or rolls back. Its check, a later statement under READ
 * COMMITTED, then reads the committed row.
 *
 * SQLite needs no lock. A process runs its write transactions one at a time
 * on its writer connection (see db/sqlite-driver.ts), and when another
 * process sharing the file commits in between, this transaction's first
 * write fails with SQLITE_BUSY_SNAPSHOT instead of adding a second holder.
 */
export async function lockCardKeys(
  db: Executor,
  businessId: string,
  cards: readonly (string | null | undefined)[],
  scope: 'one' | 'batch',
): Promise<void> {
  if (executorEngine(db) !== 'postgres') return;
  const cardKeys = [...new Set(cards.flatMap((card) => (card ? [loyaltyCardKey(card)] : [])).filter((key) => key !== ''))];
  if (cardKeys.length === 0) return;
  const businessLock = String(advisoryKey(`contact-cards\u0000${businessId}`));
  if (holdsBusinessCardLock.has(db)) return;
  if (scope === 'batch') {
    await sql`select pg_advisory_xact_lock(${businessLock}::bigint)`.execute(db);
    holdsBusinessCardLock.add(db);
    return;
  }
  const cardLocks = [...new Set(cardKeys.map((key) => advisoryKey(`contact-card\u0000${businessId}\u0000${key}`)))]
    .sort(compareBigInts)
    .map(String);
  // The business's lock comes first and unnest keeps the array's order, so
  // two transactions take these locks in the same order.
  await sql`select pg_advisory_xact_lock_shared(${businessLock}::bigint)`.execute(db);
  await sql`select pg_advisory_xact_lock(lock_key) from unnest(${cardLocks}::bigint[]) as lock_key`.execute(db);
}

/** Transactions that hold their business's card lock exclusive, until they end. */
const holdsBusinessCardLock = new WeakSet<Executor>();

function compareBigInts(left: bigint, right: bigint): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/**
 * Returns the advisory lock key of `name`: the first 8 bytes of its SHA-256
 * as a signed 64-bit integer. Two names that share a key only wait for each
 * other. PostgreSQL documents single-key advisory locks as a key space apart
 * from the two-key locks that migrations, setup and backups take.
 */
function advisoryKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
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
      .select([sql<KeyName>`${sql.lit(key)}`.as('key'), 'id', 'name', 'code', 'type', 'created_by'])
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
  const cardKeys = keys.loyaltyCardNumber ? cardKeysToLookUp(keys.loyaltyCardNumber) : [];
  if (cardKeys.length > 0) {
    // The unique index compares exact numbers, and databases may already
    // hold two writings of one card, so only this check compares card keys.
    await lockCardKeys(db, businessId, [keys.loyaltyCardNumber], 'one');
    lookups.push(lookup('loyaltyCard').where(sql.raw<string>(cardKeyExpression), 'in', cardKeys));
  }
  if (keys.code) lookups.push(lookup('code').where('code', '=', keys.code));

  const [first, ...rest] = lookups.map((query, i) => db.selectFrom(query.as(`k${i}`)).selectAll());
  if (!first) return {};
  const rows = await rest.reduce((union, query) => union.unionAll(query), first).execute();

  const matches: Partial<Record<KeyName, ContactMatch>> = {};
  for (const row of rows) {
    matches[row.key] ??= { id: row.id, name: row.name, code: row.code, type: row.type, createdBy: row.created_by };
  }
  return matches;
}

/** A contact's key columns, as the duplicate checks of a batch read them. */
export interface KeyHolder {
  id: string;
  name: string;
  code: string;
  type: string;
  created_by: string | null;
  mobile_e164: string | null;
  mobile_digits: string | null;
  email_key: string | null;
  tax_number_key: string | null;
  loyalty_card_number: string | null;
}

const keyColumns = ['mobile_e164', 'mobile_digits', 'email_key', 'tax_number_key', 'loyalty_card_number', 'code'] as const;
type KeyColumn = (typeof keyColumns)[number];

/** Returns the card key of a loyalty card, and the value of any other column unchanged. */
function keyValue(column: KeyColumn, value: string | null): string | null {
  return column === 'loyalty_card_number' && value !== null ? loyaltyCardKey(value) : value;
}

function valuesOf(keys: readonly ContactKeys[], extraCodes: readonly string[]): Record<KeyColumn, Set<string>> {
  const values = Object.fromEntries(keyColumns.map((column) => [column, new Set<string>()])) as Record<KeyColumn, Set<string>>;
  const add = (column: KeyColumn, value: string | null) => {
    if (value) values[column].add(value);
  };
  for (const key of keys) {
    add('mobile_e164', key.mobileE164);
    add('mobile_digits', key.mobileDigits);
    add('email_key', key.emailKey);
    add('tax_number_key', key.taxNumberKey);
    for (const cardKey of key.loyaltyCardNumber ? cardKeysToLookUp(key.loyaltyCardNumber) : []) {
      add('loyalty_card_number', cardKey);
    }
    add('code', key.code);
  }
  for (const code of extraCodes) add('code', code);
  return values;
}

/**
 * Loads the contacts of the business that have any of the keys, or one of
 * `extraCodes`, ordered by id: one UNION ALL of indexed lookups per
 * statement, split to stay under the bound-parameter limit. Unlike
 * `findKeyMatches` it returns every holder of a value, for `KeyIndex`.
 */
export async function loadKeyHolders(
  db: Executor,
  businessId: string,
  keys: readonly ContactKeys[],
  extraCodes: readonly string[] = [],
): Promise<KeyHolder[]> {
  await lockCardKeys(db, businessId, keys.map((key) => key.loyaltyCardNumber), 'batch');
  const lookups: { column: KeyColumn; values: string[] }[] = [];
  for (const [column, values] of Object.entries(valuesOf(keys, extraCodes)) as [KeyColumn, Set<string>][]) {
    for (const list of inLists([...values])) lookups.push({ column, values: list });
  }

  const holders = new Map<string, KeyHolder>();
  let statement: typeof lookups = [];
  let bound = 0;
  const run = async () => {
    const queries = statement.map(({ column, values }) =>
      db
        .selectFrom('contacts')
        .select(['id', 'name', 'code', 'type', 'created_by', ...keyColumns])
        .where('business_id', '=', businessId)
        .where(column === 'loyalty_card_number' ? sql.raw<string>(cardKeyExpression) : sql.ref(column), 'in', values),
    );
    const [first, ...rest] = queries;
    if (!first) return;
    const rows = await rest.reduce((union, query) => union.unionAll(query), first).execute();
    for (const row of rows) holders.set(row.id, row);
    statement = [];
    bound = 0;
  };
  for (const lookup of lookups) {
    if (bound + lookup.values.length + 1 > maxParameters(db)) await run();
    statement.push(lookup);
    bound += lookup.values.length + 1;
  }
  await run();
  return [...holders.values()].sort(byId);
}

function byId(left: KeyHolder, right: KeyHolder): number {
  if (left.id === right.id) return 0;
  return left.id < right.id ? -1 : 1;
}

/**
 * Contacts by each key, for checking a batch of new contacts in memory with
 * the rules of `findKeyMatches`: the first contact added wins a key, so
 * stored contacts go in by id first, then each new contact once accepted.
 */
export class KeyIndex {
  private readonly byColumn = new Map<KeyColumn | 'digits_without_e164', Map<string, ContactMatch>>(
    [...keyColumns, 'digits_without_e164' as const].map((column) => [column, new Map()]),
  );

  add(holder: KeyHolder): void {
    const match = { id: holder.id, name: holder.name, code: holder.code, type: holder.type, createdBy: holder.created_by };
    for (const column of keyColumns) this.set(column, keyValue(column, holder[column]), match);
    if (holder.mobile_e164 === null) this.set('digits_without_e164', holder.mobile_digits, match);
  }

  match(keys: ContactKeys): Partial<Record<KeyName, ContactMatch>> {
    const matches: Partial<Record<KeyName, ContactMatch>> = {};
    const get = (column: KeyColumn | 'digits_without_e164', value: string | null) =>
      value ? this.byColumn.get(column)?.get(value) : undefined;
    // As in findKeyMatches: digits decide only when one of the two numbers has no E.164 form.
    const mobile = get('mobile_e164', keys.mobileE164)
      ?? get(keys.mobileE164 === null ? 'mobile_digits' : 'digits_without_e164', keys.mobileDigits);
    if (mobile) matches.mobile = mobile;
    const email = get('email_key', keys.emailKey);
    if (email) matches.email = email;
    const taxNumber = get('tax_number_key', keys.taxNumberKey);
    if (taxNumber) matches.taxNumber = taxNumber;
    const loyaltyCard = get('loyalty_card_number', keyValue('loyalty_card_number', keys.loyaltyCardNumber));
    if (loyaltyCard) matches.loyaltyCard = loyaltyCard;
    const code = get('code', keys.code);
    if (code) matches.code = code;
    return matches;
  }

  private set(column: KeyColumn | 'digits_without_e164', value: string | null, match: ContactMatch): void {
    const map = this.byColumn.get(column);
    if (value && map && !map.has(value)) map.set(value, match);
  }
}
