import { describe, expect, it } from 'vitest';
import { computeLine, parseLines, parseScaled, totalsOf } from '../../src/documents/lines.ts';
import { neutraliseFormula } from '../../src/ledger/export-ledger.ts';
import { signedMoney } from '../../src/ledger/labels.ts';
import { IssueList } from '../../src/shared/errors.ts';

describe('document lines', () => {
  it('rounds each line half away from zero', () => {
    // 1.5 x 3.35 = 5.025 -> 5.03; 10 % off = 0.503 -> 0.50; 5.5 % of 4.53 = 0.24915 -> 0.25
    const line = computeLine(1, { productId: null, description: 'x', quantityMilli: 1500, unitPrice: 335, discountBp: 1000, taxBp: 550 });
    expect(line).toMatchObject({ gross: 503, discount: 50, tax: 25, total: 478 });
  });

  it('weighs fractional quantities', () => {
    const line = computeLine(1, { productId: null, description: 'Comté', quantityMilli: 1250, unitPrice: 2390, discountBp: 0, taxBp: 0 });
    expect(line.total).toBe(2988);
  });

  it('sums lines into document totals', () => {
    const lines = [
      computeLine(1, { productId: null, description: 'a', quantityMilli: 1000, unitPrice: 10000, discountBp: 0, taxBp: 2000 }),
      computeLine(2, { productId: null, description: 'b', quantityMilli: 2000, unitPrice: 500, discountBp: 1000, taxBp: 0 }),
    ];
    expect(totalsOf(lines)).toEqual({ subtotal: 10900, discountTotal: 100, taxTotal: 2000, total: 12900 });
  });

  it('reports each invalid field by path', () => {
    const issues = new IssueList();
    parseLines(
      [
        { description: 'ok', quantity: '1.5', unitPrice: '2.00' },
        { description: 'bad', quantity: '1.2345', unitPrice: '2,00', discountPercent: '120' },
      ],
      'EUR',
      issues,
    );
    expect(issues.items.map((issue) => [issue.path, issue.code])).toEqual([
      ['lines.1.quantity', 'invalid_quantity'],
      ['lines.1.unitPrice', 'invalid_amount'],
      ['lines.1.discountPercent', 'invalid_percent'],
    ]);
  });

  it('takes exactly one of the two prices', () => {
    const issues = new IssueList();
    const lines = parseLines(
      [
        { description: 'both', quantity: '1', unitPrice: '8.33', unitPriceWithTax: '9.99' },
        { description: 'neither', quantity: '1' },
        { description: 'negative', quantity: '1', unitPriceWithTax: '-1.00' },
        { description: 'tax included', quantity: '1', unitPrice: null, unitPriceWithTax: '9.99', taxRate: '20' },
      ],
      'EUR',
      issues,
    );
    expect(issues.items.map((issue) => [issue.path, issue.code])).toEqual([
      ['lines.0.unitPriceWithTax', 'line_two_prices'],
      ['lines.1.unitPrice', 'line_price_missing'],
      ['lines.2.unitPriceWithTax', 'amount_negative'],
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ position: 4, unitPrice: 833, unitPriceWithTax: 999, total: 999 });
  });

  it('parses scaled decimals exactly', () => {
    expect(parseScaled('0.3', 3)).toBe(300);
    expect(parseScaled(1.5, 3)).toBe(1500);
    expect(parseScaled('5.55', 1)).toBeNull();
    expect(parseScaled('-1', 3)).toBeNull();
  });
});

describe('exported text', () => {
  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+33 6 12', "'+33 6 12"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tpayload', "'\tpayload"],
    ['\rpayload', "'\rpayload"],
    ['Vente comptoir', 'Vente comptoir'],
    ['', ''],
  ])('neutralises %j', (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });

  it('signs balances the way the shop reads them', () => {
    expect(signedMoney(123456, 'EUR', 'fr')).toBe('+1\u202f234,56\u00a0€');
    expect(signedMoney(-50000, 'EUR', 'fr')).toBe('-500,00\u00a0€');
    expect(signedMoney(0, 'EUR', 'en')).toBe('€0.00');
  });
});
