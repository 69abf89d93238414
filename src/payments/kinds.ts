/** The ledger posting of a payment or refund, by kind and direction of money. */
import type { ItemKind, Side } from '../ledger/kinds.ts';

export type PaymentKind = 'payment' | 'refund';
export type Direction = 'received' | 'paid';

export interface PaymentPosting {
  entryType: ItemKind;
  /** Money received lowers what the contact owes (credit); money paid out raises it (debit). */
  side: Side;
  /** Kinds of the open items this money settles. */
  settles: readonly ItemKind[];
}

export function postingOf(kind: PaymentKind, direction: Direction): PaymentPosting {
  if (kind === 'payment') {
    return direction === 'received'
      ? { entryType: 'payment_received', side: 'credit', settles: ['sale', 'opening_balance'] }
      : { entryType: 'payment_made', side: 'debit', settles: ['purchase', 'opening_balance'] };
  }
  return direction === 'paid'
    ? { entryType: 'refund_paid', side: 'debit', settles: ['payment_received', 'sale_return'] }
    : { entryType: 'refund_received', side: 'credit', settles: ['payment_made', 'purchase_return'] };
}

/** Returns the direction a contact's payments take by default; a `both` contact must choose. */
export function defaultDirection(contactType: string, kind: PaymentKind): Direction | null {
  if (contactType === 'both') return null;
  const customer = contactType === 'customer';
  if (kind === 'payment') return customer ? 'received' : 'paid';
  return customer ? 'paid' : 'received';
}
