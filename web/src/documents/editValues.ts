/**
 * A parked document turned into the form's values for editing, and the form
 * turned back into the body of `PUT /sales/{id}`. The loyalty redemption line
 * is not a line the user types: it goes back as `redeemPoints`, and the
 * server adds it again.
 */
import { decimalSign } from '../shared/money.ts';
import { decimalToField, type NumberRule } from '../shared/number-input.ts';
import type { DocumentLine, EditDocumentInput, SaleDocument } from './api.ts';
import type { PickedContact } from './ContactPicker.tsx';
import { type DocumentFormValues, emptyLine, type LineForm, lineRules, type NumberFormat, rowKey, toDocumentInput } from './formValues.ts';

export function documentFormValues(document: SaleDocument, contact: PickedContact | null, numbers: NumberFormat): DocumentFormValues {
  const { locale } = numbers;
  const rules = lineRules(numbers.digits);
  // Shows zero as an empty field, as the new-document form leaves them.
  const optionalNumber = (value: string, rule: NumberRule) => (decimalSign(value) === 0 ? '' : decimalToField(value, locale, rule));
  const lines: LineForm[] = document.lines
    .filter((line) => line.loyaltyPoints === null || line.loyaltyPoints === undefined)
    .map((line) => ({
      key: rowKey(),
      productId: line.productId ?? null,
      description: line.description,
      quantity: decimalToField(line.quantity, locale, rules.quantity),
      // A group price is worked out again from the product, so the line goes back at its list price,
      // which is in the terms of the price the line was given in.
      unitPrice: decimalToField(line.listPrice ?? givenPrice(line), locale, rules.unitPrice),
      priceIncludesTax: line.priceGiven === 'unitPriceWithTax',
      discountPercent: optionalNumber(line.discountPercent, rules.discountPercent),
      taxRate: optionalNumber(line.taxRate, rules.taxRate),
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

/** Returns the price the line was given in; lines read from older servers have only `unitPrice`. */
function givenPrice(line: DocumentLine): string {
  return line.priceGiven === 'unitPriceWithTax' && line.unitPriceWithTax ? line.unitPriceWithTax : line.unitPrice;
}

export function redeemedPoints(document: SaleDocument): number | undefined {
  const line = document.lines.find((l) => typeof l.loyaltyPoints === 'number' && l.loyaltyPoints > 0);
  return line?.loyaltyPoints ?? undefined;
}

export function toEditInput(values: DocumentFormValues, numbers: NumberFormat): EditDocumentInput {
  const { contactId: _contactId, status: _status, payments: _payments, ...rest } = toDocumentInput(values, 'parked', numbers);
  return rest;
}
