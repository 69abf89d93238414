/**
 * The two sides of an account as the money operations see them. On the sale
 * side the contact's credit is its unused payments and return excesses (open
 * credit items), refunded by paying money out. On the purchase side it is the
 * shop's unused prepayments and purchase returns (open debit items), refunded
 * by the supplier paying money in.
 */
import type { ContactType, DecimalString } from '../api/types.ts';
import { sumDecimals } from '../ledger/minor.ts';
import type { OpenItem } from '../ledger/types.ts';
import type { Direction } from './api.ts';

export type AccountSide = 'sale' | 'purchase';

export function sidesOf(type: ContactType): AccountSide[] {
  if (type === 'customer') return ['sale'];
  if (type === 'supplier') return ['purchase'];
  return ['sale', 'purchase'];
}

export function refundDirection(side: AccountSide): Direction {
  return side === 'sale' ? 'paid' : 'received';
}

/** Items whose open amount the contact can get back or apply to documents. */
export function creditItems(items: OpenItem[], side: AccountSide): OpenItem[] {
  return side === 'sale'
    ? items.filter((item) => item.side === 'credit' && (item.kind === 'payment_received' || item.kind === 'sale_return'))
    : items.filter((item) => item.side === 'debit' && (item.kind === 'payment_made' || item.kind === 'purchase_return'));
}

/** Open documents (and the opening balance) that credit can settle. */
export function documentItems(items: OpenItem[], side: AccountSide): OpenItem[] {
  const kind = side === 'sale' ? 'sale' : 'purchase';
  const itemSide = side === 'sale' ? 'debit' : 'credit';
  return items.filter((item) => item.side === itemSide && (item.kind === kind || item.kind === 'opening_balance'));
}

export function openSum(items: OpenItem[], currency: string): DecimalString {
  return sumDecimals(
    items.map((item) => item.openAmount),
    currency,
  );
}
