import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, adjust, enableLoyalty, loyaltyOf } from '../helpers/pricing.ts';

interface QuoteLine {
  position: number;
  productId: string | null;
  unitPrice: string;
  unitPriceWithTax: string;
  priceGiven: 'unitPrice' | 'unitPriceWithTax';
  listPrice: string | null;
  groupDiscount: string;
  discount: string;
  tax: string;
  total: string;
}

interface Quote {
  contactId: string | null;
  customerGroup: { id: string; name: string } | null;
  lines: QuoteLine[];
  redemption: { points: number; amount: string } | null;
  redemptionIssues: { path: string; code: string; message: string }[];
  subtotal: string;
  discountTotal: string;
  taxTotal: string;
  totalBeforeRedemption: string;
  total: string;
}

type Line = Record<string, unknown>;

/** Picks the amounts of a saved line that a quote line also carries. */
function savedLine(line: Record<string, unknown>) {
  const { position, productId, unitPrice, unitPriceWithTax, priceGiven, listPrice, groupDiscount, discount, tax, total } = line;
  return { position, productId, unitPrice, unitPriceWithTax, priceGiven, listPrice, groupDiscount, discount, tax, total };
}

describe.each(engines)('sale quote on %s', (engine) => {
  let t: TestApp;
  let coffee: string;
  let wine: string;
  let tea: string;
  let percentMember: string;
  let listMember: string;
  let plain: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const wholesale = await t.api('POST', '/api/v1/price-groups', { name: 'Grossistes' });
    expect(wholesale.statusCode, wholesale.body).toBe(201);
    const listId = wholesale.json().id as string;
    coffee = await addProduct(t, { sku: 'CAFE-250', name: 'Café moulu 250 g', sellingPrice: '6.90', taxRate: '5.5', prices: [{ priceGroupId: listId, price: '5.40' }] });
    wine = await addProduct(t, { sku: 'VIN-75', name: 'Côtes-du-Rhône 75 cl', sellingPrice: '14.90', taxRate: '20' });
    tea = await addProduct(t, { sku: 'THE-100', name: 'Thé vert 100 g', sellingPrice: '9.99', taxRate: '0' });
    const percent = await addGroup(t, { name: 'Habitués', calculation: 'percentage', percentage: '12.5' });
    const list = await addGroup(t, { name: 'Revendeurs', calculation: 'price_group', priceGroupId: listId });
    percentMember = await addCustomer(t, 'Habituée', { customerGroupId: percent });
    listMember = await addCustomer(t, 'Revendeur', { customerGroupId: list });
    plain = await addCustomer(t, 'Passant');
  });
  afterAll(async () => {
    await t?.close();
  });

  const quote = (body: Record<string, unknown>) => t.api('POST', '/api/v1/sales/quote', body);

  async function quoted(body: Record<string, unknown>): Promise<Quote> {
    const res = await quote(body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Quote;
  }

  async function saved(body: Record<string, unknown>) {
    const res = await t.api('POST', '/api/v1/sales', { date: '2026-03-02', status: 'parked', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  /** Quotes the lines, saves the same lines, and checks the sale stores what the quote showed. */
  async function expectSaveEqualsQuote(contactId: string | null, lines: Line[], redeemPoints?: number) {
    const body = { contactId, lines, ...(redeemPoints === undefined ? {} : { redeemPoints }) };
    const before = await quoted(body);
    const sale = await saved(body);
    const goods = sale.lines.filter((line: { loyaltyPoints: number | null }) => line.loyaltyPoints === null);
    expect(goods.map(savedLine)).toEqual(before.lines);
    expect(sale.subtotal).toBe(before.subtotal);
    expect(sale.discountTotal).toBe(before.discountTotal);
    expect(sale.taxTotal).toBe(before.taxTotal);
    expect(sale.total).toBe(before.total);
    return { quote: before, sale };
  }

  it('percentage group price shows per line', async () => {
    const result = await quoted({ contactId: percentMember, lines: [{ quantity: '1', unitPrice: '6.54', taxRate: '5.5', productId: coffee }] });
    expect(result.customerGroup?.name).toBe('Habitués');
    // 6.90 less 12.5 % is 6.04 (6.0375 rounded), which is 5.73 before 5.5 % tax. The list price is 6.54.
    expect(result.lines).toEqual([
      {
        position: 1, productId: coffee, unitPrice: '5.73', unitPriceWithTax: '6.05', priceGiven: 'unitPrice',
        listPrice: '6.54', groupDiscount: '0.81', discount: '0.00', tax: '0.32', total: '6.05',
      },
    ]);
    expect(result.total).toBe('6.05');
    expect(result.redemption).toBeNull();
  });

  it('saved sale equals the quote', async () => {
    const lines: Line[] = [
      { description: 'Café', quantity: '3', unitPrice: '6.54', taxRate: '5.5', productId: coffee },
      { description: 'Vin', quantity: '1.5', unitPrice: '12.42', discountPercent: '7.5', taxRate: '20', productId: wine },
      { description: 'Thé', quantity: '2', unitPrice: '9.99', productId: tea },
      { description: 'Emballage cadeau', quantity: '1', unitPrice: '2.50', taxRate: '20' },
    ];
    for (const contactId of [percentMember, listMember, plain, null]) {
      const { quote: before } = await expectSaveEqualsQuote(contactId, lines);
      expect(before.lines).toHaveLength(4);
    }
  });

  it('price list applies where it has a price', async () => {
    const result = await quoted({
      contactId: listMember,
      lines: [
        { quantity: '2', unitPrice: '6.54', taxRate: '5.5', productId: coffee },
        { quantity: '1', unitPrice: '12.42', taxRate: '20', productId: wine },
      ],
    });
    // 5.40 tax included is 5.12 before 5.5 % tax. The wine has no price in the list.
    expect(result.lines[0]).toMatchObject({ unitPrice: '5.12', listPrice: '6.54', groupDiscount: '2.84' });
    expect(result.lines[1]).toMatchObject({ unitPrice: '12.42', listPrice: '12.42', groupDiscount: '0.00' });
  });

  it('no group and walk-in keep the typed price', async () => {
    for (const contactId of [plain, null]) {
      const result = await quoted({ contactId, lines: [{ quantity: '1', unitPrice: '7.00', taxRate: '5.5', productId: coffee }] });
      expect(result.customerGroup).toBeNull();
      expect(result.lines[0]).toMatchObject({ unitPrice: '7.00', listPrice: null, groupDiscount: '0.00', total: '7.39' });
    }
  });

  it('explicit price gives way to the group price', async () => {
    const result = await quoted({ contactId: percentMember, lines: [{ quantity: '1', unitPrice: '99.00', taxRate: '5.5', productId: coffee }] });
    expect(result.lines[0]).toMatchObject({ unitPrice: '5.73', listPrice: '6.54' });
  });

  it('redemption is priced and nothing is spent', async () => {
    await enableLoyalty(t, { pointValue: '0.10' });
    await adjust(t, percentMember, 40, 'Bienvenue');
    const lines = [{ description: 'Vin', quantity: '1', unitPrice: '12.42', taxRate: '20', productId: wine }];
    const result = await quoted({ contactId: percentMember, lines, redeemPoints: 30 });
    // 14.90 less 12.5 % is 13.04 tax included (13.0375), so 10.87 + 2.17 tax = 13.04, less 3.00 of points.
    expect(result.totalBeforeRedemption).toBe('13.04');
    expect(result.redemption).toEqual({ points: 30, amount: '3.00' });
    expect(result.total).toBe('10.04');
    expect((await loyaltyOf(t, percentMember)).points).toBe(40);

    const { sale } = await expectSaveEqualsQuote(percentMember, lines, 30);
    expect(sale.lines.at(-1).loyaltyPoints).toBe(30);
  });

  it('points beyond the balance are left out', async () => {
    await enableLoyalty(t, { pointValue: '0.10' });
    const result = await quoted({ contactId: plain, lines: [{ quantity: '1', unitPrice: '10.00' }], redeemPoints: 5 });
    expect(result.redemption).toBeNull();
    expect(result.total).toBe('10.00');
    expect(result.redemptionIssues).toEqual([
      { path: 'redeemPoints', code: 'loyalty_exceeds_balance', message: '5 points demandés, mais le client n’en a que 0 utilisables.' },
    ]);
    const saved = await t.api('POST', '/api/v1/sales', { contactId: plain, date: '2026-03-02', status: 'parked', lines: [{ description: 'A', quantity: '1', unitPrice: '10.00' }], redeemPoints: 5 });
    expect(saved.statusCode).toBe(422);
    expect(saved.json().errors[0]).toMatchObject({ path: 'redeemPoints', code: 'loyalty_exceeds_balance' });
  });

  it('points and a bad line fail together', async () => {
    const res = await quote({ contactId: plain, lines: [{ quantity: 'x', unitPrice: '10.00' }], redeemPoints: 5 });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors.map((issue: { path: string }) => issue.path)).toEqual(['lines.0.quantity']);
  });

  it('unreadable line is rejected with its path', async () => {
    const res = await quote({ contactId: plain, lines: [{ quantity: '0', unitPrice: '10.00' }, { quantity: '1', unitPrice: '1,5' }] });
    expect(res.statusCode, res.body).toBe(422);
    const paths = res.json().errors.map((issue: { path: string }) => issue.path);
    expect(paths).toEqual(['lines.0.quantity', 'lines.1.unitPrice']);
  });

  it('supplier is not a customer', async () => {
    const created = await t.api('POST', '/api/v1/contacts', { type: 'supplier', kind: 'business', businessName: 'Brûlerie', mobile: '06 98 76 54 01' });
    expect(created.statusCode, created.body).toBe(201);
    const res = await quote({ contactId: created.json().id, lines: [{ quantity: '1', unitPrice: '10.00' }] });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'contactId', code: 'contact_not_customer' });
  });

  it('quote writes nothing', async () => {
    const db = t.database.db.kysely;
    const count = async (table: 'documents' | 'document_lines' | 'audit_log' | 'loyalty_movements') => {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const tables = ['documents', 'document_lines', 'audit_log', 'loyalty_movements'] as const;
    const before = await Promise.all(tables.map(count));
    await quoted({ contactId: percentMember, lines: [{ quantity: '1', unitPrice: '6.54', productId: coffee }], redeemPoints: 1 });
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  it('needs the sale.create permission', async () => {
    const viewer = await t.addUser(['customer.view', 'ledger.view'], 'Lecteur');
    const res = await asToken(t, viewer.token)('POST', '/api/v1/sales/quote', { lines: [{ quantity: '1', unitPrice: '1.00' }] });
    expect(res.statusCode).toBe(403);
  });

  it('another business’s customer is not found', async () => {
    const other = await t.addBusiness('Autre boutique');
    const res = await asToken(t, other.token)('POST', '/api/v1/sales/quote', { contactId: percentMember, lines: [{ quantity: '1', unitPrice: '1.00' }] });
    expect(res.statusCode).toBe(404);
  });

  it('random sales are saved as quoted', async () => {
    const products = [coffee, wine, tea, null];
    const line = fc.record({
      product: fc.constantFrom(...products),
      quantityMilli: fc.integer({ min: 1, max: 20_000 }),
      priceMinor: fc.integer({ min: 0, max: 50_000 }),
      discountBp: fc.integer({ min: 0, max: 5_000 }),
      taxBp: fc.constantFrom(0, 210, 550, 1000, 2000),
    });
    const decimal = (value: number, digits: number) => (value / 10 ** digits).toFixed(digits);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(percentMember, listMember, plain, null), fc.array(line, { minLength: 1, maxLength: 4 }), async (contactId, drawn) => {
        const lines = drawn.map((l) => ({
          description: 'Article',
          quantity: decimal(l.quantityMilli, 3),
          unitPrice: decimal(l.priceMinor, 2),
          discountPercent: decimal(l.discountBp, 2),
          taxRate: decimal(l.taxBp, 2),
          ...(l.product ? { productId: l.product } : {}),
        }));
        // A sale worth nothing is rejected when saved, so the property covers those that total more than zero.
        const before = await quoted({ contactId, lines });
        if (Number(before.total.replace('.', '')) <= 0) return;
        await expectSaveEqualsQuote(contactId, lines);
      }),
      { numRuns: 15 },
    );
  });
});
