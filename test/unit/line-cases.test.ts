import { describe, expect, it } from 'vitest';
import { formatDecimal } from '../../src/shared/money.ts';
import { parseLines, totalsOf } from '../../src/documents/lines.ts';
import { IssueList } from '../../src/shared/errors.ts';
import { documentTotals, lineAmounts } from '../../web/src/documents/lineMath.ts';
import { fromMinor } from '../../web/src/ledger/minor.ts';
import { lineCases } from '../helpers/line-cases.ts';

const money = (minor: number) => formatDecimal(minor, 'EUR');

describe('line cases on the server', () => {
  it.each(lineCases)('$name', (lineCase) => {
    const issues = new IssueList();
    const price = lineCase.priceIncludesTax ? { unitPriceWithTax: lineCase.price } : { unitPrice: lineCase.price };
    const [line] = parseLines(
      [{ description: lineCase.name, quantity: lineCase.quantity, discountPercent: lineCase.discountPercent, taxRate: lineCase.taxRate, ...price }],
      'EUR',
      issues,
    );
    expect(issues.items).toEqual([]);
    expect(line).toBeDefined();
    if (!line) return;
    expect({ gross: money(line.gross), discount: money(line.discount), tax: money(line.tax), total: money(line.total) }).toEqual(lineCase.expected);
    expect(line.gross - line.discount + line.tax).toBe(line.total);
    expect(line.unitPriceWithTax ?? null).toBe(lineCase.priceIncludesTax ? Math.round(Number(lineCase.price) * 100) : null);
  });

  it('sums the cases into document totals', () => {
    const issues = new IssueList();
    const lines = parseLines(
      lineCases.map((c) => ({
        description: c.name, quantity: c.quantity, discountPercent: c.discountPercent, taxRate: c.taxRate,
        ...(c.priceIncludesTax ? { unitPriceWithTax: c.price } : { unitPrice: c.price }),
      })),
      'EUR',
      issues,
    );
    const totals = totalsOf(lines);
    expect(totals.subtotal + totals.taxTotal).toBe(totals.total);
    expect(money(totals.total)).toBe(documentTotals(lineCases.map(webValues), 'EUR').total);
  });
});

function webValues(lineCase: (typeof lineCases)[number]) {
  return {
    quantity: lineCase.quantity,
    unitPrice: lineCase.price,
    priceIncludesTax: lineCase.priceIncludesTax,
    discountPercent: lineCase.discountPercent,
    taxRate: lineCase.taxRate,
  };
}

describe('line cases in the web form', () => {
  it.each(lineCases)('$name', (lineCase) => {
    const amounts = lineAmounts(webValues(lineCase), 'EUR');
    expect(amounts).not.toBeNull();
    if (!amounts) return;
    expect({
      gross: fromMinor(amounts.gross, 'EUR'),
      discount: fromMinor(amounts.discount, 'EUR'),
      tax: fromMinor(amounts.tax, 'EUR'),
      total: fromMinor(amounts.total, 'EUR'),
    }).toEqual(lineCase.expected);
  });
});
