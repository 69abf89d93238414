/**
 * A parked document turned into the form's values for editing, and the form
 * turned back into the body of `PUT /sales/{id}`. The loyalty redemption line
 * is not a line the user types: it goes back as `redeemPoints`, and the
 * server adds it again.
 */
import type { Locale } from '../api/types.ts';
import { decimalToInput } from '../shared/money.ts';
import type { EditDocumentInput, SaleDocument } from './api.ts';
import type { PickedContact } from './ContactPicker.tsx';
import { type DocumentFormValues, emptyLine, type LineForm, rowKey, toDocumentInput } from './formValues.ts';

/** Shows `0` as an empty field, as the new-document form leaves them. */
function optionalNumber(value: string, locale: Locale): string {
  return Number(value) === 0 ? '' : decimalToInput(value, locale);
}

export function documentFormValues(document: SaleDocument, contact: PickedContact | null, locale: Locale): DocumentFormValues {
  const lines: LineForm[] = document.lines
    .filter((line) => line.loyaltyPoints === null || line.loyaltyPoints === undefined)
    .map((line) => ({
      key: rowKey(),
      productId: line.productId ?? null,
      description: line.description,
      quantity: decimalToInput(line.quantity, locale),
      // A group price is worked out again from the product, so the line goes back at its list price.
      unitPrice: decimalToInput(line.listPrice ?? line.unitPrice, locale),
      discountPercent: optionalNumber(line.discountPercent, locale),
      taxRate: optionalNumber(line.taxRate, locale),
    }));
  const term = document.payTerm;
  return {
    contact,
    date: document.date,
    locationId: document.locationId,
    termMode: term ? 'custom' : 'none',
    termNumber: term ? String(term.number) : '30',
    termUnit: term?.unit ?? 'days',
    termEndOfMonth: term?.endOfMonth ?? false,
    lines: lines.length > 0 ? lines : [emptyLine()],
    payments: [],
    note: document.note ?? '',
    redeemPoints: String(redeemedPoints(document) ?? ''),
  };
}

export function redeemedPoints(document: SaleDocument): number | undefined {
  const line = document.lines.find((l) => typeof l.loyaltyPoints === 'number' && l.loyaltyPoints > 0);
  return line?.loyaltyPoints ?? undefined;
}

export function toEditInput(values: DocumentFormValues): EditDocumentInput {
  const { contactId: _contactId, status: _status, payments: _payments, ...rest } = toDocumentInput(values, 'parked');
  return rest;
}
