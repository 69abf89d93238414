/**
 * Places the errors of the sale use case on the rows of the file: an issue
 * at `lines.2.quantity` belongs to the sale's third row and its quantity
 * column, one at `contactId` to the row and column that named the customer.
 * An error about the whole sale (a credit limit) goes on its first row.
 */
import type { AppError } from '../../../shared/errors.ts';
import type { SaleImportField } from './fields.ts';
import type { SaleDraft } from './sale-drafts.ts';
import type { SaleIssue } from './sale-input.ts';
import type { SaleRow, SaleValues } from './sale-rows.ts';

const saleFieldOfPath: Record<string, keyof SaleValues & SaleImportField> = {
  date: 'date',
  contactId: 'customer',
  locationId: 'location',
  payTerm: 'payTerm',
  redeemPoints: 'redeemPoints',
  note: 'note',
};

export function useCaseIssues(draft: SaleDraft, error: AppError): SaleIssue[] {
  const first = draft.rows[0] as SaleRow;
  if (error.issues.length === 0) return [{ row: first, field: null, code: error.code, params: error.params }];
  return error.issues.map((issue) => {
    const line = /^lines\.(\d+)(?:\.(\w+))?/.exec(issue.path);
    if (line) {
      const row = draft.rows[Number(line[1])] ?? first;
      return { row, field: lineField(row, line[2]), code: issue.code, params: issue.params };
    }
    const head = issue.path.split('.')[0] ?? '';
    const field = head === 'payments' ? paymentField(draft) : saleFieldOfPath[head];
    const row = (field && draft.sources[field]) || first;
    return { row, field: field ?? null, code: issue.code, params: issue.params };
  });
}

/** The amount paid when the file gives it, or else the method that paid the sale in full. */
function paymentField(draft: SaleDraft): keyof SaleValues & SaleImportField {
  return draft.sources.paid ? 'paid' : 'paymentMethod';
}

/** Returns the column behind a line field of the use case: a price the row gave, or else the product it came from. */
function lineField(row: SaleRow, name: string | undefined): SaleImportField | null {
  switch (name) {
    case 'quantity':
    case 'discountPercent':
    case 'taxRate':
      return name;
    case 'unitPrice':
      if (row.item.unitPrice !== null) return 'unitPrice';
      return row.item.unitPriceWithTax !== null ? 'unitPriceWithTax' : 'sku';
    case 'productId':
      return 'sku';
    case 'description':
      return row.item.description !== null ? 'description' : 'sku';
    default:
      return null;
  }
}
