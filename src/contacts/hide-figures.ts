/**
 * A contact's account figures are ledger data: a user without `ledger.view`
 * reads a contact with its balance, receivable, payable, advance, overdue and
 * opening balance set to null, so screens hide them instead of failing.
 */
import type { ContactActor } from './visibility.ts';

// TODO: the contact lookup still returns balances, and the list still sorts and filters by them, without ledger.view.
const figureFields = ['balance', 'receivable', 'payable', 'advance', 'overdue', 'openingBalance', 'openingBalanceDate'] as const;

type Figures = Record<(typeof figureFields)[number], string | null>;

/** Tells whether the actor may read account figures. */
export function seesFigures(actor: ContactActor): boolean {
  return actor.isAdmin || actor.permissions.has('ledger.view');
}

/** Returns the contact as the actor may read it: with null figures without `ledger.view`. */
export function hideFigures<T extends Figures>(actor: ContactActor, contact: T): T {
  if (seesFigures(actor)) return contact;
  const hidden = { ...contact };
  for (const field of figureFields) hidden[field] = null as T[typeof field];
  return hidden;
}
