/**
 * The kinds of ledger entries and open items, and how each one counts in a
 * contact's cached figures.
 */

export const entryTypes = [
  'opening_balance',
  'sale',
  'purchase',
  'sale_return',
  'purchase_return',
  'payment_received',
  'payment_made',
  'refund_paid',
  'refund_received',
  'discount',
  'reversal',
] as const;

export type EntryType = (typeof entryTypes)[number];

/** Open items are created by every entry type except reversals. */
export type ItemKind = Exclude<EntryType, 'reversal'>;

/** `debit`: the contact owes the item; `credit`: the item is owed to the contact. */
export type Side = 'debit' | 'credit';

export type SourceType = 'document' | 'payment' | 'opening_balance' | 'discount';

/** The cached open-item figures on the contact row. */
export type Figure = 'receivable' | 'payable' | 'advance';

/**
 * Where an item's open amount is counted. Every open debit item is
 * receivable (a supplier's unused prepayment included). Open credit items are
 * payable when they are purchases or a negative opening balance, and advance
 * when they are money or credit the contact has with the shop: an unused
 * payment, a return's excess, a refund received. So
 * balance = receivable - payable - advance.
 */
export function figureOf(side: Side, kind: ItemKind): Figure {
  if (side === 'debit') return 'receivable';
  return kind === 'purchase' || kind === 'opening_balance' ? 'payable' : 'advance';
}

/** Item kinds that are documents a payment settles (due dates, aging, overdue). */
export const settleableKinds: readonly ItemKind[] = ['sale', 'purchase', 'opening_balance'];

/** The side a contact's discounts and advances take; a `both` contact must choose. */
export function defaultSide(contactType: string): 'sale' | 'purchase' | null {
  if (contactType === 'customer') return 'sale';
  if (contactType === 'supplier') return 'purchase';
  return null;
}
