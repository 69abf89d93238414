/**
 * The browser's amount arithmetic: decimal strings to bigint minor units and
 * back, and the sale form's line totals, which must equal what the server
 * computes for the same line.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLines } from '../../src/documents/lines.ts';
import { IssueList } from '../../src/shared/errors.ts';
import { documentTotals, lineAmounts } from '../../web/src/documents/lineMath.ts';
import {
  atLeastZero,
  compareDecimals,
  fromMinor,
  parseScaled,
  subtractDecimals,
  sumDecimals,
  toMinor,
} from '../../web/src/ledger/minor.ts';
import { amountDue } from '../../web/src/payments/due.ts';

describe('minor units in the browser', () => {
  it('reads decimal strings exactly', () => {
    expect(toMinor('1234.50', 'EUR')).toBe(123450n);
    expect(toMinor('-0.05', 'EUR')).toBe(-5n);
    expect(toMinor('12', 'EUR')).toBe(1200n);
    expect(toMinor('90071992547409.93', 'EUR')).toBe(9007199254740993n);
    expect(toMinor('1500', 'JPY')).toBe(1500n);
  });

  it('rejects what is not a plain decimal', () => {
    expect(toMinor('1.234', 'EUR')).toBeNull();
    expect(toMinor('1,50', 'EUR')).toBeNull();
    expect(toMinor('abc', 'EUR')).toBeNull();
    expect(toMinor('1.5', 'JPY')).toBeNull();
  });

  it('formats with the currency digits', () => {
    expect(fromMinor(123450n, 'EUR')).toBe('1234.50');
    expect(fromMinor(-5n, 'EUR')).toBe('-0.05');
    expect(fromMinor(0n, 'EUR')).toBe('0.00');
    expect(fromMinor(1500n, 'JPY')).toBe('1500');
    expect(parseScaled('1.5', 3)).toBe(1500n);
  });

  it('adds and subtracts without floats', () => {
    expect(sumDecimals(['0.10', '0.20'], 'EUR')).toBe('0.30');
    expect(sumDecimals(['127.15', '-50.00', 'oops'], 'EUR')).toBe('77.15');
    expect(subtractDecimals('127.15', '50.00', 'EUR')).toBe('77.15');
    expect(subtractDecimals('x', '50.00', 'EUR')).toBeNull();
    expect(atLeastZero('-3.00', 'EUR')).toBe('0.00');
    expect(compareDecimals('10.00', '9.99', 'EUR')).toBe(1);
    expect(compareDecimals('9.99', '10.00', 'EUR')).toBe(-1);
    expect(compareDecimals('10', '10.00', 'EUR')).toBe(0);
  });

  it('round-trips any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }), (minor) => {
        expect(toMinor(fromMinor(minor, 'EUR'), 'EUR')).toBe(minor);
      }),
    );
  });
});

describe('sale form line totals', () => {
  it('rounds each line half away from zero', () => {
    // 18.90 − 10 % = 17.01; 5.5 % of it is 0.93555, which rounds to 0.94.
    expect(lineAmounts({ quantity: '1', unitPrice: '18.90', discountPercent: '10', taxRate: '5.5' }, 'EUR')).toEqual({
      gross: 1890n,
      discount: 189n,
      tax: 94n,
      total: 1795n,
    });
    const totals = documentTotals(
      [
        { quantity: '2', unitPrice: '45.50', discountPercent: '', taxRate: '20' },
        { quantity: '1', unitPrice: '18.90', discountPercent: '10', taxRate: '5.5' },
      ],
      'EUR',
    );
    expect(totals).toEqual({ subtotal: '108.01', discountTotal: '1.89', taxTotal: '19.14', total: '127.15', complete: true });
  });

  it('leaves unreadable lines out', () => {
    expect(lineAmounts({ quantity: '0', unitPrice: '1.00', discountPercent: '', taxRate: '' }, 'EUR')).toBeNull();
    expect(lineAmounts({ quantity: '1', unitPrice: '1.005', discountPercent: '', taxRate: '' }, 'EUR')).toBeNull();
    expect(lineAmounts({ quantity: '1', unitPrice: '1.00', discountPercent: '101', taxRate: '' }, 'EUR')).toBeNull();
    const totals = documentTotals([{ quantity: '1', unitPrice: '', discountPercent: '', taxRate: '' }], 'EUR');
    expect(totals.complete).toBe(false);
    expect(totals.total).toBe('0.00');
  });

  it('matches the server for random lines', () => {
    const decimal = (max: number, digits: number) =>
      fc.integer({ min: 0, max: max * 10 ** digits }).map((n) => {
        const text = String(n).padStart(digits + 1, '0');
        return `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
      });
    const line = fc.record({
      quantity: decimal(500, 3).filter((q) => Number(q) > 0),
      unitPrice: decimal(10_000, 2),
      discountPercent: decimal(100, 2),
      taxRate: decimal(30, 2),
      priceIncludesTax: fc.boolean(),
    });
    fc.assert(
      fc.property(line, (values) => {
        const issues = new IssueList();
        const { unitPrice, priceIncludesTax, ...rest } = values;
        const price = priceIncludesTax ? { unitPriceWithTax: unitPrice } : { unitPrice };
        const [server] = parseLines([{ description: 'x', ...rest, ...price }], 'EUR', issues);
        expect(issues.empty).toBe(true);
        const browser = lineAmounts(values, 'EUR');
        expect(browser).not.toBeNull();
        expect(server).toBeDefined();
        expect(Number(browser?.total)).toBe(server?.total);
        expect(Number(browser?.tax)).toBe(server?.tax);
        expect(Number(browser?.discount)).toBe(server?.discount);
        expect(Number(browser?.gross)).toBe(server?.gross);
      }),
      { numRuns: 500 },
    );
  });
});

describe('pay dialog amount due', () => {
  const contact = { id: 'c', name: 'Marie Dupont', receivable: '0.00', payable: '0.00', advance: '0.00' };

  it('offers a customer its positive balance', () => {
    expect(amountDue({ ...contact, type: 'customer', balance: '77.15' }, 'received', 'EUR')).toBe('77.15');
    expect(amountDue({ ...contact, type: 'customer', balance: '-20.00' }, 'received', 'EUR')).toBe('0.00');
  });

  it('offers a supplier what the shop owes', () => {
    expect(amountDue({ ...contact, type: 'supplier', balance: '-198.98' }, 'paid', 'EUR')).toBe('198.98');
  });

  it('offers each side of a both contact', () => {
    const both = { ...contact, type: 'both' as const, balance: '-17.30', receivable: '60.77', payable: '78.07' };
    expect(amountDue(both, 'received', 'EUR')).toBe('60.77');
    expect(amountDue(both, 'paid', 'EUR')).toBe('78.07');
  });
});
