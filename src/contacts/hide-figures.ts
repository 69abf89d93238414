/**
 * A contact's account figures are ledger data. A user without `ledger.view`
 * reads a contact with its balance, receivable, payable, advance, overdue and
 * opening balance set to null, so screens hide them instead of failing, and
 * may not sort, filter or total a list by them either: a 403 naming the
 * permission rejects such a request, because its response would reveal them.
 */
import { forbidden } from '../shared/errors.ts';
import type { ContactFilters } from './search/filters.ts';
import type { SortSpec } from './search/sort.ts';
import type { ContactActor } from './visibility.ts';

const figureFields = ['balance', 'receivable', 'payable', 'advance', 'overdue', 'openingBalance', 'openingBalanceDate'] as const;

type Figures = Record<(typeof figureFields)[number], string | null>;

/** Tells whether the actor may read account figures. */
export function seesFigures(actor: ContactActor): boolean {
  return actor.isAdmin || actor.permissions.has('ledger.view');
}

/**
 * Returns the contact as the actor may read it: without `ledger.view`, each
 * figure it has is null. A list item that holds only some fields gains none.
 */
export function hideFigures<T extends Partial<Figures>>(actor: ContactActor, contact: T): T {
  if (seesFigures(actor)) return contact;
  const hidden = { ...contact };
  for (const field of figureFields) {
    if (field in hidden) hidden[field] = null as T[typeof field];
  }
  return hidden;
}

/** Returns the field changes the actor may read: without `ledger.view`, those of figures are left out. */
export function hideFigureChanges<T extends { field: string }>(actor: ContactActor, changes: T[]): T[] {
  if (seesFigures(actor)) return changes;
  const figures: ReadonlySet<string> = new Set(figureFields);
  return changes.filter((change) => !figures.has(change.field));
}

/** Throws a 403 naming `ledger.view` unless the actor may read account figures. */
export function requireFigures(actor: ContactActor): void {
  if (!seesFigures(actor)) throw forbidden('ledger.view');
}

/**
 * Throws a 403 naming `ledger.view` when an actor without it sorts by
 * balance or uses a filter on the figures (amounts due, overdue, advance,
 * opening balance, credit limit passed), whatever value the filter has.
 */
export function requireFiguresForList(actor: ContactActor, filters: ContactFilters, sort: SortSpec | null = null): void {
  const readsFigures = sort?.field === 'balance' || Object.keys(filters.flags).length > 0;
  if (readsFigures) requireFigures(actor);
}
