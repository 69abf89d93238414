/** Checks shared by the payment, refund and advance use cases. */
import type { ContactRow } from '../db/schema.ts';
import { parsePositiveAmount } from '../ledger/amounts.ts';
import { IssueList } from '../shared/errors.ts';
import { type Direction, defaultDirection, type PaymentKind } from './kinds.ts';
import type { AllocationInput } from './schemas.ts';
import type { ChosenAllocation } from './settle.ts';

export function parseChosen(
  inputs: AllocationInput[] | undefined,
  currency: string,
  path: string,
  issues: IssueList,
): ChosenAllocation[] | null {
  if (!inputs) return null;
  const chosen: ChosenAllocation[] = [];
  inputs.forEach((input, index) => {
    const amount = parsePositiveAmount(input.amount, currency, `${path}.${index}.amount`, issues);
    const target = input.documentId ?? input.itemId ?? '';
    if (amount !== null) chosen.push({ target, amount });
  });
  return chosen;
}

/**
 * The direction of money for a contact: a customer receives payments and is
 * paid refunds, a supplier the opposite; a `both` contact must choose.
 */
export function resolveDirection(
  contact: ContactRow,
  kind: PaymentKind,
  requested: Direction | undefined,
  issues: IssueList,
): Direction | null {
  const usual = defaultDirection(contact.type, kind);
  if (usual === null) {
    if (!requested) issues.add('direction', 'direction_required');
    return requested ?? null;
  }
  if (requested && requested !== usual) {
    issues.add('direction', 'direction_not_allowed', { value: requested, type: contact.type });
    return null;
  }
  return usual;
}
