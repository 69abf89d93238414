/**
 * The parts in which a page sorted by balance reads a filter that leaves
 * out the contacts at one end of the balance index. Read whole, such a page
 * reads that index past every contact the filter leaves out before it finds
 * one to show. Each part is read by its own index, limited to the page, and
 * the page merges them. The parts of a filter are disjoint and together
 * keep exactly the contacts the filter keeps, so the merge neither repeats
 * nor loses a row, and a cursor applies to each part as to the whole.
 */
import { type Expression, type SqlBool, sql } from 'kysely';
import { balanceSideIndexes } from '../../db/migrations/0034_balance_page_parts.ts';
import type { ContactFilters, FlagFilter } from './filters.ts';
import type { SortOrder } from './sort.ts';

export interface PagePart {
  /** Name of the part, unique in its page. */
  name: string;
  /** The flag filter, or the type filter, whose condition this part replaces. */
  replaces: FlagFilter | 'type';
  /** The condition of that filter in this part. */
  condition: Expression<SqlBool>;
  /** True when the part is read by its conditions' index and sorted, rather than read in balance order. */
  sorted: boolean;
}

/** Builds a condition from SQL text that also writes an index's condition, so that the engines match the two. */
const written = (text: string) => sql<SqlBool>`(${sql.raw(text)})`;

/**
 * Returns the parts of a page of `filters` sorted by balance in `order`, or
 * null when the page is read whole, as it is with a search text. Only one
 * filter is split. The first that applies is taken, and the others stay
 * conditions of each part.
 */
export function balancePageParts(filters: ContactFilters, order: SortOrder, today: string): PagePart[] | null {
  // A search text's page is read from its matches or by a walk of the balance index (sorted-search.ts), and
  // each part would search again: 24 ms became 49 ms on SQLite for `q=martin&overdue=false` at 100,000 contacts.
  if (filters.q) return null;

  const { flags } = filters;
  if (flags.overdue === false) {
    // Overdue contacts have the largest balances, owed to the shop or by it, so they fill both ends.
    return [
      { name: 'nothing_open', replaces: 'overdue', condition: written('contacts.earliest_open_due_on is null'), sorted: false },
      // NOTE: no index can hold this part in balance order, because today changes. It is sorted whole.
      { name: 'due_from_today', replaces: 'overdue', condition: sql<SqlBool>`(contacts.earliest_open_due_on >= ${today})`, sorted: true },
    ];
  }

  // The contacts with a receivable fill the top of the index, and those owed money its bottom.
  if (order === 'desc' && flags.hasReceivableDue === false) {
    return sideParts('hasReceivableDue', 'contacts.balance <= 0 and not (contacts.receivable > 0)', 'positiveWithoutReceivable');
  }
  if (order === 'asc' && flags.hasReceivableDue === true) {
    return sideParts('hasReceivableDue', 'contacts.balance > 0 and contacts.receivable > 0', 'notPositiveWithReceivable');
  }
  if (order === 'asc' && flags.hasPayableDue === false) {
    return sideParts('hasPayableDue', 'contacts.balance >= 0 and not (contacts.payable > 0)', 'negativeWithoutPayable');
  }

  // Customers fill the top of the balance index and suppliers its bottom. Only a page that starts at the
  // other type's end is split, by type, into ranges of the type and balance index. The type text is from a fixed list.
  const fromOtherEnd = (filters.type === 'customer' && order === 'asc') || (filters.type === 'supplier' && order === 'desc');
  if (fromOtherEnd) {
    return [
      { name: 'own_type', replaces: 'type', condition: written(`contacts.type = '${filters.type}'`), sorted: false },
      { name: 'both_types', replaces: 'type', condition: written("contacts.type = 'both'"), sorted: false },
    ];
  }
  return null;
}

/**
 * Builds the two parts of a flag filter split at a balance of zero: the
 * usual side, a range of the balance index that starts at zero, and the
 * other side, a partial index of its own.
 */
function sideParts(flag: FlagFilter, usualSide: string, otherSide: keyof typeof balanceSideIndexes): PagePart[] {
  return [
    { name: 'usual_side', replaces: flag, condition: written(usualSide), sorted: false },
    { name: 'other_side', replaces: flag, condition: written(balanceSideIndexes[otherSide].sql), sorted: false },
  ];
}
