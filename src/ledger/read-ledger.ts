/**
 * A page of a contact's ledger. Entries before `from` fold into the opening
 * balance; each line's balance is the previous one plus debit minus credit,
 * same-day lines in posting order. The cursor is the last line's (date, seq),
 * and the balance before a page is computed from the totals, not carried in
 * the cursor, so a page never depends on what the client sends back.
 */
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { formatDecimal } from '../shared/money.ts';
import { addDays } from './dates.ts';
import { balancesAt, LEDGER_START, type LedgerScope } from './balance-at.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface LedgerQuery {
  from?: string;
  to?: string;
  locationId?: string;
  cursor?: string;
  limit: number;
}

export interface LedgerLine {
  id: string;
  seq: number;
  date: string;
  reference: string;
  type: string;
  location: { id: string; name: string | null };
  /** Minor units. */
  debit: number;
  credit: number;
  balance: number;
  memo: string | null;
  sourceType: string;
  sourceId: string;
  reversesEntryId: string | null;
}

export interface LedgerPage {
  openingBalance: number;
  closingBalance: number;
  items: LedgerLine[];
  nextCursor: string | null;
}

/** Reads one page; the contact is checked by the caller. Amounts stay in minor units. */
export async function readLedgerPage(
  db: Executor,
  scope: LedgerScope,
  query: LedgerQuery,
): Promise<LedgerPage> {
  const cursor = decodeCursor<[string, number]>(query.cursor, ['string', 'number']);
  let select = db
    .selectFrom('ledger_entries')
    .leftJoin('locations', 'locations.id', 'ledger_entries.location_id')
    .where('ledger_entries.business_id', '=', scope.businessId)
    .where('ledger_entries.contact_id', '=', scope.contactId)
    .select([
      'ledger_entries.id',
      'ledger_entries.seq',
      'ledger_entries.date',
      'ledger_entries.reference',
      'ledger_entries.type',
      'ledger_entries.location_id',
      'locations.name as location_name',
      'ledger_entries.debit',
      'ledger_entries.credit',
      'ledger_entries.memo',
      'ledger_entries.source_type',
      'ledger_entries.source_id',
      'ledger_entries.reverses_entry_id',
    ])
    .orderBy('ledger_entries.date')
    .orderBy('ledger_entries.seq')
    .limit(query.limit + 1);
  if (scope.locationId) select = select.where('ledger_entries.location_id', '=', scope.locationId);
  if (query.from) select = select.where('ledger_entries.date', '>=', query.from);
  if (query.to) select = select.where('ledger_entries.date', '<=', query.to);
  if (cursor) {
    select = select.where(sql<boolean>`(ledger_entries.date, ledger_entries.seq) > (${cursor[0]}, ${cursor[1]})`);
  }

  const points = [
    { date: query.from ?? LEDGER_START },
    cursor ? { date: cursor[0], seq: cursor[1] } : { date: query.from ?? LEDGER_START },
    { date: query.to ? addDays(query.to, 1) : '9999-12-31' },
  ];
  const [rows, [openingBalance = 0, startBalance = 0, closingBalance = 0]] = await Promise.all([
    select.execute(),
    balancesAt(db, scope, points),
  ]);

  let balance = startBalance;
  const pageRows = rows.slice(0, query.limit);
  const items = pageRows.map((row) => {
    const debit = Number(row.debit);
    const credit = Number(row.credit);
    balance += debit - credit;
    return {
      id: row.id,
      seq: Number(row.seq),
      date: row.date,
      reference: row.reference,
      type: row.type,
      location: { id: row.location_id, name: row.location_name },
      debit,
      credit,
      balance,
      memo: row.memo,
      sourceType: row.source_type,
      sourceId: row.source_id,
      reversesEntryId: row.reverses_entry_id,
    };
  });
  const last = pageRows.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor([last.date, Number(last.seq)]) : null;
  return { openingBalance, closingBalance, items, nextCursor };
}

/** Every line of a range, page after page, for statements and exports. */
export async function* readLedgerLines(
  db: Executor,
  scope: LedgerScope,
  query: Omit<LedgerQuery, 'cursor' | 'limit'>,
): AsyncGenerator<LedgerLine> {
  let cursor: string | undefined;
  do {
    const page = await readLedgerPage(db, scope, { ...query, cursor, limit: 500 });
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export function ledgerLineJson(line: LedgerLine, currency: string) {
  return {
    id: line.id,
    date: line.date,
    reference: line.reference,
    type: line.type,
    location: line.location,
    debit: formatDecimal(line.debit, currency),
    credit: formatDecimal(line.credit, currency),
    balance: formatDecimal(line.balance, currency),
    memo: line.memo,
    sourceType: line.sourceType,
    sourceId: line.sourceId,
    reversesEntryId: line.reversesEntryId,
  };
}
