import { describe, expect, it } from 'vitest';
import { numberWithFormat } from '../../src/transfer/formats/xlsx.ts';
import { lookupSaleHeader } from '../../src/transfer/import/sales/fields.ts';
import { readSalePayTerm, readSaleRow, readSaleStatus, readScaled } from '../../src/transfer/import/sales/sale-rows.ts';
import type { SaleColumnMapping } from '../../src/transfer/import/sales/map-columns.ts';

const context = { currency: 'EUR', numberLocale: 'fr' as const, dateOrder: 'dmy' as const, today: '2026-12-04' };

function columns(fields: SaleColumnMapping['field'][]): SaleColumnMapping[] {
  return fields.map((field, index) => ({ index, key: `#${index + 1}`, header: '', field, source: 'user', reason: null, sample: [] }));
}

describe('sale row values', () => {
  it('scaled decimals from text and numbers', () => {
    const cases: [number | string, string, number, string | null][] = [
      ['1,5', '1,5', 3, '1.5'],
      ['1.250', '1.250', 3, '1.25'],
      ['20 %', '20 %', 2, '20'],
      ['5,50%', '5,50%', 2, '5.5'],
      [2, '2', 3, '2'],
      [0.1, '0.1', 3, '0.1'],
      [1.0005, '1.0005', 3, null],
      ['1,2345', '1,2345', 3, null],
      ['deux', 'deux', 3, null],
      [-1, '-1', 3, null],
    ];
    for (const [cell, text, digits, expected] of cases) {
      expect(readScaled(cell, text, digits), `${text}`).toBe(expected);
    }
    expect(readScaled(undefined, undefined, 3)).toBeUndefined();
  });

  it('statuses in both languages', () => {
    expect(readSaleStatus('Validée')).toBe('final');
    expect(readSaleStatus('final')).toBe('final');
    expect(readSaleStatus('En attente')).toBe('parked');
    expect(readSaleStatus('Parked')).toBe('parked');
    expect(readSaleStatus('annulée')).toBeNull();
  });

  it('pay terms and cash', () => {
    expect(readSalePayTerm('30 jours fin de mois', '30 jours fin de mois')).toEqual({ number: 30, unit: 'days', endOfMonth: true });
    expect(readSalePayTerm('2 mois', '2 mois')).toEqual({ number: 2, unit: 'months', endOfMonth: false });
    expect(readSalePayTerm('45', 45)).toEqual({ number: 45, unit: 'days', endOfMonth: false });
    expect(readSalePayTerm('Comptant', 'Comptant')).toBeNull();
    expect(readSalePayTerm('bientôt', 'bientôt')).toBeUndefined();
  });

  it('percent formats read as shown', () => {
    expect(numberWithFormat(0.055, '0.0%')).toBe('5.5%');
    expect(numberWithFormat(0.2, '0%')).toBe('20%');
    expect(numberWithFormat(0.2, '"%"0.00')).toBe(0.2);
    expect(numberWithFormat(12.5, '0.00')).toBe(12.5);
  });

  it('headers of other software', () => {
    expect(lookupSaleHeader('N° ticket')).toBe('reference');
    expect(lookupSaleHeader('Prix unitaire HT')).toBe('unitPrice');
    expect(lookupSaleHeader('PU TTC')).toBe('unitPriceWithTax');
    expect(lookupSaleHeader('Qté')).toBe('quantity');
    expect(lookupSaleHeader('Référence')).toBeNull();
    expect(lookupSaleHeader('Prix')).toBeNull();
  });

  it('row values and their issues', () => {
    const row = readSaleRow(
      { line: 7, cells: ['T-1', '31/02/2026', 'PRO-1', 'Suspendue', 'CAFE', 'un', '12,50', '120', '5,5', '30 jours', '-3'] },
      columns(['reference', 'date', 'customer', 'status', 'sku', 'quantity', 'unitPrice', 'discountPercent', 'taxRate', 'payTerm', 'redeemPoints']),
      context,
    );
    expect(row.reference).toBe('T-1');
    expect(row.sale).toEqual({ customer: 'PRO-1', status: 'parked', payTerm: { number: 30, unit: 'days', endOfMonth: false } });
    expect(row.item).toMatchObject({ sku: 'CAFE', unitPrice: 1250, taxRate: '5.5', quantity: null, discountPercent: '120' });
    expect(row.issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['date', 'import_invalid_date'],
      ['redeemPoints', 'import_sale_points_invalid'],
      ['quantity', 'invalid_quantity'],
    ]);
  });
});
