/**
 * Gathers the rows of a sales file into sales: rows with the same reference
 * form one sale, in the order the references first appear, wherever the
 * rows are in the file. A sale value (date, customer, status…) may be given
 * on any of its rows, and the others give the same value or leave the cell
 * empty. A row that gives another value is reported, naming the first.
 */
import type { SaleImportField } from './fields.ts';
import type { SaleCellIssue, SaleRow, SaleValues } from './sale-rows.ts';

export interface SaleDraft {
  reference: string;
  rows: SaleRow[];
  /** The sale's values, each from the first row that gives it. */
  values: Partial<SaleValues>;
  /** The row that gave each value, for messages. */
  sources: Partial<Record<keyof SaleValues, SaleRow>>;
  /** Rows that give a value differing from the first, with the issue of each. */
  conflicts: { row: SaleRow; issue: SaleCellIssue }[];
}

const saleValueFields = ['date', 'customer', 'location', 'status', 'payTerm', 'redeemPoints', 'paid', 'paymentMethod', 'note'] as const satisfies readonly (keyof SaleValues & SaleImportField)[];

export class SaleDrafts {
  private readonly byReference = new Map<string, SaleDraft>();

  /** Adds a row that has a reference to its sale. */
  add(row: SaleRow & { reference: string }): void {
    let draft = this.byReference.get(row.reference);
    if (!draft) {
      draft = { reference: row.reference, rows: [], values: {}, sources: {}, conflicts: [] };
      this.byReference.set(row.reference, draft);
    }
    draft.rows.push(row);
    for (const field of saleValueFields) mergeValue(draft, row, field);
  }

  /** Returns the sales, in the order of their first row. */
  list(): SaleDraft[] {
    return [...this.byReference.values()];
  }
}

function mergeValue(draft: SaleDraft, row: SaleRow, field: (typeof saleValueFields)[number]): void {
  const value = row.sale[field];
  if (value === undefined) return;
  const first = draft.sources[field];
  if (!first) {
    (draft.values as Record<string, unknown>)[field] = value;
    draft.sources[field] = row;
    return;
  }
  if (JSON.stringify(draft.values[field]) === JSON.stringify(value)) return;
  const text = row.texts.get(field) ?? '';
  draft.conflicts.push({
    row,
    issue: {
      field,
      value: text,
      code: 'import_sale_value_differs',
      params: { reference: draft.reference, first: first.texts.get(field) ?? '', line: first.line },
    },
  });
}
