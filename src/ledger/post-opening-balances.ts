/**
 * Opening balances of contacts created in the same transaction, posted for
 * a whole batch with multi-row INSERTs. Each one is what `syncOpeningBalance`
 * posts for a contact without entries: one open item, one entry with
 * sequence 1, and the day and month totals. A new contact has no other open
 * item, so netting has nothing to pair and is skipped.
 */
import { insertRows } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';
import type { LedgerEntryTable, LedgerTotalTable } from '../db/schema.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { assertMinor } from '../shared/money.ts';
import { firstLocationId } from './business.ts';
import { figureOf, type Side } from './kinds.ts';
import { nextReferences } from './numbering.ts';
import type { OpenItem } from './open-items.ts';

export interface NewOpeningBalance {
  contactId: string;
  /** Minor units, signed and not zero: positive when the contact owes the shop. */
  amount: number;
  /** `YYYY-MM-DD`. */
  date: string;
}

export interface ContactFigures {
  balance: number;
  receivable: number;
  payable: number;
  advance: number;
}

function sideOf(amount: number): Side {
  return amount > 0 ? 'debit' : 'credit';
}

/**
 * Returns the cached figures of a contact whose only posting is an opening
 * balance of `amount`. The contacts given to `postNewOpeningBalances` are
 * inserted with these figures, because it does not update them.
 */
export function openingBalanceFigures(amount: number): ContactFigures {
  const figures: ContactFigures = { balance: amount, receivable: 0, payable: 0, advance: 0 };
  if (amount !== 0) figures[figureOf(sideOf(amount), 'opening_balance')] = Math.abs(amount);
  return figures;
}

/**
 * Posts the opening balances of contacts inserted in this transaction, which
 * have no ledger entry or open item yet, at the business's first location.
 * References are taken in the order given, per year of their date.
 */
export async function postNewOpeningBalances(
  trx: Executor,
  businessId: string,
  userId: string | null,
  balances: readonly NewOpeningBalance[],
): Promise<void> {
  if (balances.length === 0) return;
  for (const balance of balances) {
    assertMinor(balance.amount);
    if (balance.amount === 0) throw new RangeError(`the opening balance of contact ${balance.contactId} is zero`);
  }
  const locationId = await firstLocationId(trx, businessId);
  const references = await referencesByYear(trx, businessId, balances);
  const createdAt = nowIso();

  const items: OpenItem[] = [];
  const entries: LedgerEntryTable[] = [];
  const totals: LedgerTotalTable[] = [];
  balances.forEach((balance, i) => {
    const side = sideOf(balance.amount);
    const amount = Math.abs(balance.amount);
    const reference = references[i] as string;
    const id = newId();
    const common = { business_id: businessId, contact_id: balance.contactId, reference, date: balance.date, location_id: locationId };
    items.push({
      ...common, id, side, kind: 'opening_balance', source_type: 'opening_balance', source_id: id,
      due_date: balance.date, amount, open_amount: amount, status: 'open', created_at: createdAt,
    });
    const debit = side === 'debit' ? amount : 0;
    const credit = side === 'credit' ? amount : 0;
    entries.push({
      ...common, id: newId(), seq: 1, type: 'opening_balance', debit, credit, memo: null,
      source_type: 'opening_balance', source_id: id, reverses_entry_id: null, created_by: userId, created_at: createdAt,
    });
    for (const [granularity, period] of [['day', balance.date], ['month', balance.date.slice(0, 7)]] as const) {
      totals.push({
        business_id: businessId, contact_id: balance.contactId, granularity, period, location_id: locationId,
        debit, credit, entries: 1,
      });
    }
  });

  await insertRows(trx, 'open_items', items);
  await insertRows(trx, 'ledger_entries', entries);
  await insertRows(trx, 'ledger_totals', totals);
}

/** Takes one reference per balance, one counter update per year. */
async function referencesByYear(
  trx: Executor,
  businessId: string,
  balances: readonly NewOpeningBalance[],
): Promise<string[]> {
  const byYear = new Map<string, number[]>();
  balances.forEach((balance, i) => {
    const year = balance.date.slice(0, 4);
    const positions = byYear.get(year);
    if (positions) positions.push(i);
    else byYear.set(year, [i]);
  });
  const references: string[] = [];
  for (const positions of byYear.values()) {
    const first = balances[positions[0] as number] as NewOpeningBalance;
    const taken = await nextReferences(trx, businessId, 'opening_balance', first.date, positions.length);
    positions.forEach((position, i) => {
      references[position] = taken[i] as string;
    });
  }
  return references;
}
