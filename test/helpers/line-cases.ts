/**
 * Document lines with their amounts worked out by hand, which the server's
 * line arithmetic (src/documents/lines.ts) and the web form's
 * (web/src/documents/lineMath.ts) must both give. Amounts are decimal
 * strings in euros. A tax-included line's total is round(price x quantity)
 * less round(that x discount), its tax is total - round(total / (1 + rate)),
 * and its gross before tax is round(gross with tax / (1 + rate)).
 */
export interface LineCase {
  name: string;
  quantity: string;
  /** Tax included when `priceIncludesTax` is set, before tax otherwise. */
  price: string;
  priceIncludesTax: boolean;
  discountPercent: string;
  taxRate: string;
  expected: { gross: string; discount: string; tax: string; total: string };
}

export const lineCases: LineCase[] = [
  {
    // 9.99 / 1.2 = 8.325, so 8.33 before tax and 1.66 of tax.
    name: 'shelf price 9.99 at 20 %',
    quantity: '1', price: '9.99', priceIncludesTax: true, discountPercent: '', taxRate: '20',
    expected: { gross: '8.33', discount: '0.00', tax: '1.66', total: '9.99' },
  },
  {
    // The price before tax rounded to the cent adds a cent: 8.33 x 1.2 = 9.996.
    name: 'price before tax 8.33 at 20 %',
    quantity: '1', price: '8.33', priceIncludesTax: false, discountPercent: '', taxRate: '20',
    expected: { gross: '8.33', discount: '0.00', tax: '1.67', total: '10.00' },
  },
  {
    // 3 x 19.99 = 59.97; 59.97 / 1.2 = 49.975, so 49.98 before tax.
    name: 'three at 19.99 with 20 %',
    quantity: '3', price: '19.99', priceIncludesTax: true, discountPercent: '', taxRate: '20',
    expected: { gross: '49.98', discount: '0.00', tax: '9.99', total: '59.97' },
  },
  {
    // 20 x 4.49 = 89.80; 89.80 / 1.055 = 85.118…, so 85.12 before tax.
    name: 'twenty at 4.49 with 5.5 %',
    quantity: '20', price: '4.49', priceIncludesTax: true, discountPercent: '', taxRate: '5.5',
    expected: { gross: '85.12', discount: '0.00', tax: '4.68', total: '89.80' },
  },
  {
    // 59.97 less 10 % (5.997, so 6.00) = 53.97; 53.97 / 1.2 = 44.975, so 44.98 before tax.
    // Gross 49.98 before tax, so the discount before tax is 49.98 - 44.98 = 5.00.
    name: 'tax-included line with a discount',
    quantity: '3', price: '19.99', priceIncludesTax: true, discountPercent: '10', taxRate: '20',
    expected: { gross: '49.98', discount: '5.00', tax: '8.99', total: '53.97' },
  },
  {
    // 1.25 x 23.90 = 29.875, so 29.88; 29.88 / 1.055 = 28.322…, so 28.32.
    name: 'weighed quantity tax included',
    quantity: '1.25', price: '23.90', priceIncludesTax: true, discountPercent: '', taxRate: '5.5',
    expected: { gross: '28.32', discount: '0.00', tax: '1.56', total: '29.88' },
  },
  {
    // 19.98 less 12.5 % (2.4975, so 2.50) = 17.48, with no tax.
    name: 'tax-included line without tax',
    quantity: '2', price: '9.99', priceIncludesTax: true, discountPercent: '12.5', taxRate: '0',
    expected: { gross: '19.98', discount: '2.50', tax: '0.00', total: '17.48' },
  },
  {
    // Nothing is paid, so nothing is tax; the gross is 5.00 / 1.2 = 4.1666…, so 4.17.
    name: 'tax-included line given away',
    quantity: '1', price: '5.00', priceIncludesTax: true, discountPercent: '100', taxRate: '20',
    expected: { gross: '4.17', discount: '4.17', tax: '0.00', total: '0.00' },
  },
  {
    // 0.03 / 1.2 = 0.025, which rounds away from zero to 0.03: no tax.
    name: 'half a cent rounds away from zero',
    quantity: '1', price: '0.03', priceIncludesTax: true, discountPercent: '', taxRate: '20',
    expected: { gross: '0.03', discount: '0.00', tax: '0.00', total: '0.03' },
  },
  {
    // 1.5 x 3.35 = 5.025, so 5.03; 10 % off is 0.50; 5.5 % of 4.53 is 0.249…, so 0.25.
    name: 'line priced before tax',
    quantity: '1.5', price: '3.35', priceIncludesTax: false, discountPercent: '10', taxRate: '5.5',
    expected: { gross: '5.03', discount: '0.50', tax: '0.25', total: '4.78' },
  },
];
