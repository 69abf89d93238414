import { describe, expect, it } from 'vitest';
import type { SaleDocument } from '../../web/src/documents/api.ts';
import { documentFormValues } from '../../web/src/documents/editValues.ts';
import { type DocumentFormValues, emptyLine, toDocumentInput } from '../../web/src/documents/formValues.ts';
import { quoteRequest } from '../../web/src/documents/quote.ts';

const numbers = { locale: 'fr' as const, digits: 2 };

function formWith(lines: DocumentFormValues['lines']): DocumentFormValues {
  return {
    contact: null, date: '2026-03-02', locationId: '', termMode: 'contact', termNumber: '30', termUnit: 'days',
    termEndOfMonth: false, lines, payments: [], note: '', redeemPoints: '',
  };
}

const productLine = { ...emptyLine(), description: 'Thé noir', quantity: '3', unitPrice: '19,99', priceIncludesTax: true, taxRate: '20', productId: 'p1' };
const freeLine = { ...emptyLine(), description: 'Emballage', unitPrice: '2,50', taxRate: '20' };

describe('sale form prices', () => {
  it('sends a product line tax included', () => {
    const input = toDocumentInput(formWith([productLine, freeLine]), 'final', numbers);
    expect(input.lines[0]).toEqual({ description: 'Thé noir', quantity: '3.000', unitPriceWithTax: '19.99', taxRate: '20.00', productId: 'p1' });
    expect(input.lines[1]).toEqual({ description: 'Emballage', quantity: '1.000', unitPrice: '2.50', taxRate: '20.00' });
  });

  it('quotes each line in its own terms', () => {
    const request = quoteRequest(formWith([productLine, freeLine]), 'EUR', numbers);
    expect(request?.lines).toEqual([
      { quantity: '3.000', unitPriceWithTax: '19.99', taxRate: '20.00', productId: 'p1' },
      { quantity: '1.000', unitPrice: '2.50', taxRate: '20.00' },
    ]);
  });

  it('edits a saved line in the terms it was given', () => {
    const line = {
      id: 'l1', position: 1, productId: 'p1', description: 'Café', quantity: '20', unitPrice: '4.26', unitPriceWithTax: '4.49',
      priceGiven: 'unitPriceWithTax' as const, discountPercent: '0', taxRate: '5.5', discount: '0.00', tax: '4.68', total: '89.80',
      listPrice: '4.99', groupDiscount: '10.00', loyaltyPoints: null,
    };
    const free = { ...line, id: 'l2', productId: null, unitPrice: '2.50', unitPriceWithTax: '3.00', priceGiven: 'unitPrice' as const, listPrice: null };
    const document = { lines: [line, free], payTerm: null, date: '2026-03-02', locationId: 'loc', note: null } as unknown as SaleDocument;
    const values = documentFormValues(document, null, numbers);
    expect(values.lines.map((l) => [l.unitPrice, l.priceIncludesTax])).toEqual([['4,99', true], ['2,50', false]]);
  });
});
