/** The amount a payment dialog offers to pay, computed from the contact's figures in minor units. */
import type { Contact, DecimalString } from '../api/types.ts';
import { atLeastZero, fromMinor, toMinor } from '../ledger/minor.ts';
import type { Direction } from './api.ts';

export type PayContact = Pick<Contact, 'id' | 'name' | 'type' | 'balance' | 'receivable' | 'payable' | 'advance'>;

/** The direction money usually goes for a contact; null for a `both` contact, which must choose. */
export function usualDirection(type: Contact['type']): Direction | null {
  if (type === 'customer') return 'received';
  if (type === 'supplier') return 'paid';
  return null;
}

/**
 * Returns the amount due in `direction`. A customer's or supplier's netted balance
 * is what settles the account (its advance already counted in it). A `both`
 * contact's balance nets both sides, so each direction offers its own side:
 * receivable for money received, payable for money paid.
 */
export function amountDue(contact: PayContact, direction: Direction, currency: string): DecimalString {
  if (contact.type === 'both') {
    return atLeastZero((direction === 'received' ? contact.receivable : contact.payable) ?? '0', currency);
  }
  // A user without ledger.view reads no balance, so nothing is offered as due.
  const balance = toMinor(contact.balance ?? '0', currency) ?? 0n;
  const owed = direction === 'received' ? balance : -balance;
  return fromMinor(owed > 0n ? owed : 0n, currency);
}

/** Makes a fresh `Idempotency-Key`. Pages served over plain HTTP lack `crypto.randomUUID`, so it falls back to random bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
