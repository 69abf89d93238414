/**
 * An inactive contact keeps its history and may still pay, but the shop
 * gives it no new credit: a final sale to it must be paid in full.
 */
import type { ContactRow } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';

/** Rejects a sale that would leave `unpaid` (minor units) on an inactive contact's account. */
export function rejectCreditToInactive(contact: Pick<ContactRow, 'name' | 'status'>, unpaid: number): void {
  if (contact.status === 'inactive' && unpaid > 0) throw new AppError('contact_inactive_credit', { name: contact.name });
}
