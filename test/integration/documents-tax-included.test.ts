/**
 * Sale lines priced tax included: the customer pays exactly the shelf price
 * times the quantity, less the discount, through sales, customer groups,
 * customer changes, returns and loyalty points.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, enableLoyalty, loyaltyOf } from '../helpers/pricing.ts';

interface LineView {
  id: string;
  quantity: string;
  unitPrice: string;
  unitPriceWithTax: string;
  priceGiven: string;
  listPrice: string | null;
  groupDiscount: string;
  discount: string;
  tax: string;
  total: string;
}

const cents = (text: string) => Math.round(Number(text) * 100);

describe.each(engines)('tax-included sale lines on %s', (engine) => {
  let t: TestApp;
  let tea: string;
  let chocolate: string;
  let coffee: string;
  let member: string;
  let plain: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    tea = await addProduct(t, { sku: 'THE-999', name: 'Thé noir', sellingPrice: '9.99', taxRate: '20' });
    chocolate = await addProduct(t, { sku: 'CHOCO-1999', name: 'Coffret chocolats', sellingPrice: '19.99', taxRate: '20' });
    coffee = await addProduct(t, { sku: 'CAFE-499', name: 'Café moulu 250 g', sellingPrice: '4.99', taxRate: '5.5' });
    const group = await addGroup(t, { name: 'Habitués', calculation: 'percentage', percentage: '10' });
    member = await addCustomer(t, 'Habituée', { customerGroupId: group });
    plain = await addCustomer(t, 'Passant');
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (body: Record<string, unknown>) => t.api('POST', '/api/v1/sales', { date: '2026-03-02', status: 'final', ...body });

  async function created(body: Record<string, unknown>) {
    const res = await post(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('shelf price 9.99 at 20 % sells for 9.99', async () => {
    const sale = await created({ contactId: plain, lines: [{ description: 'Thé', quantity: '1', unitPriceWithTax: '9.99', taxRate: '20', productId: tea }] });
    expect(sale.lines[0]).toMatchObject({ unitPriceWithTax: '9.99', unitPrice: '8.33', priceGiven: 'unitPriceWithTax', tax: '1.66', total: '9.99' });
    expect(sale.total).toBe('9.99');
    expect(sale.subtotal).toBe('8.33');
    expect(sale.taxTotal).toBe('1.66');
  });

  it('price before tax keeps the old figures', async () => {
    // An older client sends 9.99 / 1.2 rounded to the cent; 8.33 x 1.2 = 9.996, so 10.00.
    const sale = await created({ contactId: plain, lines: [{ description: 'Thé', quantity: '1', unitPrice: '8.33', taxRate: '20', productId: tea }] });
    expect(sale.lines[0]).toMatchObject({ unitPrice: '8.33', unitPriceWithTax: '10.00', priceGiven: 'unitPrice', tax: '1.67', total: '10.00' });
    const row = await t.database.db.kysely
      .selectFrom('document_lines')
      .where('document_id', '=', sale.id)
      .select(['unit_price', 'unit_price_with_tax'])
      .executeTakeFirstOrThrow();
    expect(Number(row.unit_price)).toBe(833);
    expect(row.unit_price_with_tax).toBeNull();
  });

  it('three at 19.99 cost 59.97', async () => {
    const sale = await created({
      contactId: plain,
      lines: [{ description: 'Coffret', quantity: '3', unitPriceWithTax: '19.99', taxRate: '20', productId: chocolate }],
    });
    // 59.97 / 1.2 = 49.975, so 49.98 before tax and 9.99 of tax.
    expect(sale.lines[0]).toMatchObject({ tax: '9.99', total: '59.97' });
    expect(sale.total).toBe('59.97');
    expect(sale.subtotal).toBe('49.98');
  });

  it('group discount on twenty coffees', async () => {
    // The group price is worked out per unit, tax included: 4.99 less 10 % (0.499, so 0.50) is 4.49,
    // and twenty of them cost exactly 20 x 4.49 = 89.80. Through a price before tax rounded to
    // the cent they came to 89.89 (4.49 / 1.055 = 4.26, 20 x 4.26 = 85.20, plus 5.5 % = 4.69).
    const sale = await created({
      contactId: member,
      lines: [{ description: 'Café', quantity: '20', unitPriceWithTax: '4.99', taxRate: '5.5', productId: coffee }],
    });
    expect(sale.lines[0]).toMatchObject({
      unitPriceWithTax: '4.49', priceGiven: 'unitPriceWithTax', listPrice: '4.99', groupDiscount: '10.00', tax: '4.68', total: '89.80',
    });
    expect(sale.total).toBe('89.80');
  });

  it('discount comes off the tax-included gross', async () => {
    // 59.97 less 10 % (5.997, so 6.00) = 53.97; 53.97 / 1.2 = 44.975, so 44.98 before tax and 8.99 of tax.
    const sale = await created({
      contactId: plain,
      lines: [{ description: 'Coffret', quantity: '3', unitPriceWithTax: '19.99', discountPercent: '10', taxRate: '20' }],
    });
    expect(sale.lines[0]).toMatchObject({ discount: '5.00', tax: '8.99', total: '53.97' });
    expect(sale).toMatchObject({ subtotal: '44.98', discountTotal: '5.00', taxTotal: '8.99', total: '53.97' });
  });

  it('both prices or none are rejected', async () => {
    const both = await post({ contactId: plain, lines: [{ description: 'Thé', quantity: '1', unitPrice: '8.33', unitPriceWithTax: '9.99' }] });
    expect(both.statusCode).toBe(422);
    expect(both.json().errors).toEqual([
      expect.objectContaining({ path: 'lines.0.unitPriceWithTax', code: 'line_two_prices', message: expect.stringContaining('unitPriceWithTax (9.99)') }),
    ]);
    const none = await t.api(
      'POST',
      '/api/v1/sales',
      { contactId: plain, date: '2026-03-02', status: 'final', lines: [{ description: 'Thé', quantity: '1' }] },
      { 'accept-language': 'en' },
    );
    expect(none.statusCode).toBe(422);
    expect(none.json().errors).toEqual([
      expect.objectContaining({ path: 'lines.0.unitPrice', code: 'line_price_missing', message: expect.stringContaining('give unitPrice') }),
    ]);
  });

  it('returns give back what was paid', async () => {
    await enableLoyalty(t);
    const customer = await addCustomer(t, 'Retour');
    // 7 x 1.99 = 13.93, less 10 % (1.393, so 1.39) = 12.54 paid, of which 0.65 is tax (12.54 / 1.055 = 11.886…).
    // Before tax the gross is 13.20 (13.93 / 1.055 = 13.203…), so the discount before tax is 13.20 - 11.89.
    const sale = await created({
      contactId: customer,
      lines: [{ description: 'Biscuits', quantity: '7', unitPriceWithTax: '1.99', discountPercent: '10', taxRate: '5.5' }],
    });
    const line = sale.lines[0] as LineView;
    expect(line).toMatchObject({ discount: '1.31', tax: '0.65', total: '12.54' });
    expect((await loyaltyOf(t, customer)).points).toBe(12);

    const giveBack = async (quantity: string) => {
      const res = await t.api('POST', `/api/v1/sales/${sale.id}/returns`, { date: '2026-03-05', lines: [{ lineId: line.id, quantity }] });
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    // Each return takes the total of the units returned so far (12.54 x 2/7 = 3.582…, so 3.58;
    // 12.54 x 4/7 = 7.165…, so 7.17) less what earlier returns took; the last takes what is left.
    const first = await giveBack('2');
    const second = await giveBack('2');
    const last = await giveBack('3');
    expect([first.total, second.total, last.total]).toEqual(['3.58', '3.59', '5.37']);
    const lines = [first, second, last].map((r) => r.lines[0] as LineView);
    for (const returned of lines) {
      expect(returned).toMatchObject({ unitPriceWithTax: '1.99', priceGiven: 'unitPriceWithTax', discountPercent: '10', taxRate: '5.5' });
    }
    const sum = (field: 'tax' | 'discount' | 'total') => lines.reduce((total, l) => total + cents(l[field]), 0);
    expect(sum('total')).toBe(cents(line.total));
    expect(sum('tax')).toBe(cents(line.tax));
    expect(sum('discount')).toBe(cents(line.discount));
    const rows = await t.database.db.kysely
      .selectFrom('document_lines')
      .where('returned_line_id', '=', line.id)
      .select(['gross', 'discount', 'tax', 'total'])
      .execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(Number(row.gross) - Number(row.discount) + Number(row.tax)).toBe(Number(row.total));

    const after = (await t.api('GET', `/api/v1/sales/${sale.id}`)).json();
    expect(after.lines[0].returnedQuantity).toBe('7');
    expect(after.openAmount).toBe('0.00');
    expect((await loyaltyOf(t, customer)).points).toBe(0);
    const again = await t.api('POST', `/api/v1/sales/${sale.id}/returns`, { date: '2026-03-05', lines: [{ lineId: line.id, quantity: '1' }] });
    expect(again.statusCode).toBe(422);
  });

  it('full return of a group-priced line gives back its total', async () => {
    const sale = await created({
      contactId: member,
      lines: [{ description: 'Café', quantity: '20', unitPriceWithTax: '4.99', taxRate: '5.5', productId: coffee }],
    });
    const line = sale.lines[0] as LineView;
    const res = await t.api('POST', `/api/v1/sales/${sale.id}/returns`, { date: '2026-03-05', lines: [{ lineId: line.id, quantity: '20' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().total).toBe('89.80');
    expect(res.json().lines[0]).toMatchObject({ tax: '4.68', total: '89.80', priceGiven: 'unitPriceWithTax' });
  });

  it('parked sale keeps the mode through customer changes', async () => {
    const parked = await created({
      contactId: null,
      status: 'parked',
      lines: [
        { description: 'Café', quantity: '20', unitPriceWithTax: '4.99', taxRate: '5.5', productId: coffee },
        { description: 'Coffret', quantity: '1', unitPrice: '16.66', taxRate: '20', productId: chocolate },
      ],
    });
    expect(parked.lines.map((l: LineView) => l.total)).toEqual(['99.80', '19.99']);
    const change = async (contactId: string | null) => {
      const res = await t.api('PATCH', `/api/v1/sales/${parked.id}`, { contactId });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    const grouped = await change(member);
    expect(grouped.lines[0]).toMatchObject({
      unitPriceWithTax: '4.49', priceGiven: 'unitPriceWithTax', listPrice: '4.99', groupDiscount: '10.00', total: '89.80',
    });
    // The line priced before tax keeps its old arithmetic: 19.99 less 10 % is 17.99, so 14.99 before tax.
    expect(grouped.lines[1]).toMatchObject({ unitPrice: '14.99', priceGiven: 'unitPrice', listPrice: '16.66', groupDiscount: '1.67', total: '17.99' });
    expect(grouped.total).toBe('107.79');

    const cleared = await change(null);
    expect(cleared.lines[0]).toMatchObject({ unitPriceWithTax: '4.99', priceGiven: 'unitPriceWithTax', listPrice: null, groupDiscount: '0.00', total: '99.80' });
    expect(cleared.lines[1]).toMatchObject({ unitPrice: '16.66', priceGiven: 'unitPrice', listPrice: null, total: '19.99' });
    expect(cleared.total).toBe('119.79');

    await change(member);
    const other = await change(plain);
    expect(other.lines[0]).toMatchObject({ unitPriceWithTax: '4.99', listPrice: null, total: '99.80' });
    expect(other.total).toBe('119.79');

    const edited = await t.api('PUT', `/api/v1/sales/${parked.id}`, {
      date: '2026-03-03',
      lines: [{ description: 'Café', quantity: '3', unitPriceWithTax: '4.99', taxRate: '5.5', productId: coffee }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().lines[0]).toMatchObject({ priceGiven: 'unitPriceWithTax', total: '14.97' });

    const final = await t.api('POST', `/api/v1/sales/${parked.id}/finalise`, {});
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json().total).toBe('14.97');
  });

  it('quote prices a tax-included line as the sale', async () => {
    const res = await t.api('POST', '/api/v1/sales/quote', {
      contactId: member,
      lines: [{ quantity: '20', unitPriceWithTax: '4.99', taxRate: '5.5', productId: coffee }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lines[0]).toMatchObject({ unitPriceWithTax: '4.49', priceGiven: 'unitPriceWithTax', listPrice: '4.99', total: '89.80' });
    expect(res.json().total).toBe('89.80');
  });

  it('random tax-included lines charge the shelf price', async () => {
    const line = fc.record({
      priceCents: fc.integer({ min: 0, max: 500_000 }),
      quantityMilli: fc.integer({ min: 1, max: 200_000 }),
      discountBp: fc.integer({ min: 0, max: 9_900 }),
      taxBp: fc.constantFrom(0, 210, 550, 850, 1000, 1234, 2000),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), async (lines) => {
        // A parked sale: its lines are stored, so their gross before tax can be read back.
        const res = await post({
          contactId: plain,
          status: 'parked',
          lines: lines.map((l) => ({
            description: 'Article',
            quantity: (l.quantityMilli / 1000).toFixed(3),
            unitPriceWithTax: (l.priceCents / 100).toFixed(2),
            discountPercent: (l.discountBp / 100).toFixed(2),
            taxRate: (l.taxBp / 100).toFixed(2),
          })),
        });
        // A sale must come to more than zero; those that do not are rejected and prove nothing.
        if (res.statusCode === 422 && res.json().errors[0]?.code === 'total_not_positive') return;
        expect(res.statusCode, res.body).toBe(201);
        const sale = res.json();
        const rows = await t.database.db.kysely
          .selectFrom('document_lines')
          .where('document_id', '=', sale.id)
          .orderBy('position')
          .select(['gross', 'discount', 'tax', 'total'])
          .execute();
        let subtotal = 0;
        lines.forEach((l, index) => {
          const row = rows[index];
          expect(row).toBeDefined();
          if (!row) return;
          // round(price x quantity), then the discount on that, each half away from zero.
          const grossWithTax = roundHalfAway(BigInt(l.priceCents) * BigInt(l.quantityMilli), 1000n);
          const discountWithTax = roundHalfAway(grossWithTax * BigInt(l.discountBp), 10_000n);
          expect(Number(row.total)).toBe(Number(grossWithTax - discountWithTax));
          expect(Number(row.gross) - Number(row.discount) + Number(row.tax)).toBe(Number(row.total));
          expect(Number(row.discount)).toBeGreaterThanOrEqual(0);
          subtotal += Number(row.gross) - Number(row.discount);
        });
        expect(cents(sale.subtotal)).toBe(subtotal);
        expect(cents(sale.subtotal) + cents(sale.taxTotal)).toBe(cents(sale.total));
      }),
      { numRuns: 50 },
    );
  });
});

function roundHalfAway(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
}
