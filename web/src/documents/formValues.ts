/** The sale and purchase form's values as typed, and the API input built from them. */
import type { PayTerm } from '../api/types.ts';
import { inputToDecimal } from '../shared/money.ts';
import type { DocumentInput } from './api.ts';
import type { PickedContact } from './ContactPicker.tsx';
import type { LineValues } from './lineMath.ts';

export interface LineForm {
  key: string;
  /** Set on a line of an edited document that came from a product. */
  productId?: string;
  description: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  taxRate: string;
}

export interface PaymentForm {
  key: string;
  amount: string;
  method: string;
}

/** `contact`: the contact's own term; `none`: due on the document date; `custom`: the fields below. */
export type TermMode = 'contact' | 'none' | 'custom';

export interface DocumentFormValues {
  contact: PickedContact | null;
  date: string;
  locationId: string;
  termMode: TermMode;
  termNumber: string;
  termUnit: PayTerm['unit'];
  termEndOfMonth: boolean;
  lines: LineForm[];
  payments: PaymentForm[];
  note: string;
}

let lastKey = 0;

/** Returns a key for a new row, stable while rows are added and removed around it. */
export function rowKey(): string {
  lastKey += 1;
  return `row-${lastKey}`;
}

export function emptyLine(): LineForm {
  return { key: rowKey(), description: '', quantity: '1', unitPrice: '', discountPercent: '', taxRate: '' };
}

/** Converts a line's typed numbers into API decimals (`1,5` → `1.5`). */
export function lineValues(line: LineForm): LineValues {
  return {
    quantity: inputToDecimal(line.quantity),
    unitPrice: inputToDecimal(line.unitPrice),
    discountPercent: inputToDecimal(line.discountPercent),
    taxRate: inputToDecimal(line.taxRate),
  };
}

function payTermOf(values: DocumentFormValues): PayTerm | null | undefined {
  if (values.termMode === 'contact') return undefined;
  if (values.termMode === 'none') return null;
  const text = values.termNumber.trim();
  // A term that is not a whole number goes as typed so the server names the field.
  const number = /^\d+$/.test(text) ? Number(text) : (text as unknown as number);
  return { number, unit: values.termUnit, endOfMonth: values.termEndOfMonth };
}

export function toDocumentInput(values: DocumentFormValues, status: DocumentInput['status']): DocumentInput {
  const payTerm = payTermOf(values);
  const payments = values.payments
    .filter((payment) => payment.amount.trim() !== '')
    .map((payment) => ({ amount: inputToDecimal(payment.amount), method: payment.method }));
  return {
    contactId: values.contact?.id ?? null,
    date: values.date,
    ...(values.locationId ? { locationId: values.locationId } : {}),
    status,
    ...(payTerm !== undefined ? { payTerm } : {}),
    lines: values.lines.map((line) => {
      const numbers = lineValues(line);
      return {
        ...(line.productId ? { productId: line.productId } : {}),
        description: line.description.trim(),
        quantity: numbers.quantity,
        unitPrice: numbers.unitPrice,
        ...(numbers.discountPercent ? { discountPercent: numbers.discountPercent } : {}),
        ...(numbers.taxRate ? { taxRate: numbers.taxRate } : {}),
      };
    }),
    ...(payments.length > 0 ? { payments } : {}),
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
  };
}
