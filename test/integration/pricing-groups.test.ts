import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, enableLoyalty, postSale, sale } from '../helpers/pricing.ts';
import { repriceParkedSale } from '../../src/pricing/reprice-sale.ts';

describe.each(engines)('customer group pricing on %s', (engine) => {
  let t: TestApp;
  let productId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    productId = await addProduct(t, { sku: 'CAFE-250', name: 'Café moulu 250 g', sellingPrice: '20.00' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('group price only for customers in a group', async () => {
    const resellers = await addGroup(t, { name: 'Revendeurs', calculation: 'percentage', percentage: '10' });
    const individuals = await addGroup(t, { name: 'Particuliers', calculation: 'percentage', percentage: '0' });
    const inGroup = await addCustomer(t, 'SARL Noël', { customerGroupId: resellers });
    const noGroup = await addCustomer(t, 'Marc', { lastName: 'Bonnet' });
    const zeroGroup = await addCustomer(t, 'Claire', { customerGroupId: individuals });

    const totals: Record<string, string> = {};
    for (const [name, contactId] of [['A', inGroup], ['B', noGroup], ['C', zeroGroup]] as const) {
      const sold = await sale(t, { contactId, productId, amount: '20.00' });
      totals[name] = sold.lines[0].total;
    }
    const walkIn = await sale(t, { contactId: null, productId, amount: '20.00', paid: '20.00' });

    expect(totals.A).toBe('18.00');
    expect(totals.B).toBe('20.00');
    expect(totals.C).toBe('20.00');
    expect(walkIn.lines[0].total).toBe('20.00');
  });
});

describe.each(engines)('customer group price rules on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('percentage rounds half away from zero per line', async () => {
    const product = await addProduct(t, { sku: 'THE-01', name: 'Thé vert', sellingPrice: '9.99' });
    const group = await addGroup(t, { name: 'Demi', calculation: 'percentage', percentage: '12.5' });
    const client = await addCustomer(t, 'Arrondi', { customerGroupId: group });
    const sold = await t.api('POST', '/api/v1/sales', {
      contactId: client,
      date: '2026-03-02',
      status: 'final',
      lines: [{ description: 'Thé', quantity: '3', unitPrice: '9.99', productId: product }],
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const line = sold.json().lines[0];
    // 9.99 - 12.5 % = 9.99 - 1.24875, so 8.74 a unit; 3 units.
    expect(line.unitPrice).toBe('8.74');
    expect(line.listPrice).toBe('9.99');
    expect(line.groupDiscount).toBe('3.75');
    expect(line.total).toBe('26.22');
  });

  it('negative percentage raises the price', async () => {
    const product = await addProduct(t, { sku: 'MIEL-1', name: 'Miel', sellingPrice: '200.00' });
    const group = await addGroup(t, { name: 'Majoré', calculation: 'percentage', percentage: '-5.5' });
    const client = await addCustomer(t, 'Majoration', { customerGroupId: group });
    const line = (await sale(t, { contactId: client, productId: product, amount: '200.00' })).lines[0];
    expect(line.total).toBe('211.00');
    expect(line.groupDiscount).toBe('-11.00');
  });

  it('price group uses its price, else the selling price', async () => {
    const list = (await t.api('POST', '/api/v1/price-groups', { name: 'Grossiste' })).json().id as string;
    const listed = await addProduct(t, {
      sku: 'HUILE-1', name: 'Huile d’olive', sellingPrice: '15.00', prices: [{ priceGroupId: list, price: '12.40' }],
    });
    const unlisted = await addProduct(t, { sku: 'SEL-1', name: 'Sel de Guérande', sellingPrice: '4.20' });
    const group = await addGroup(t, { name: 'Grossistes', calculation: 'price_group', priceGroupId: list });
    const client = await addCustomer(t, 'Grossiste', { customerGroupId: group });
    const sold = await t.api('POST', '/api/v1/sales', {
      contactId: client,
      date: '2026-03-02',
      status: 'final',
      lines: [
        { description: 'Huile', quantity: '2', unitPrice: '15.00', productId: listed },
        { description: 'Sel', quantity: '1', unitPrice: '4.20', productId: unlisted },
        { description: 'Emballage cadeau', quantity: '1', unitPrice: '1.50' },
      ],
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const lines = sold.json().lines;
    expect(lines.map((l: { total: string }) => l.total)).toEqual(['24.80', '4.20', '1.50']);
    expect(lines.map((l: { groupDiscount: string }) => l.groupDiscount)).toEqual(['5.20', '0.00', '0.00']);
  });

  it('tax-included price becomes the line price before tax', async () => {
    const product = await addProduct(t, { sku: 'VIN-1', name: 'Vin rouge', sellingPrice: '12.00', taxRate: '20' });
    const group = await addGroup(t, { name: 'Cavistes', calculation: 'percentage', percentage: '10' });
    const client = await addCustomer(t, 'Caviste', { customerGroupId: group });
    const sold = await t.api('POST', '/api/v1/sales', {
      contactId: client,
      date: '2026-03-02',
      status: 'final',
      lines: [{ description: 'Vin', quantity: '1', unitPrice: '10.00', taxRate: '20', productId: product }],
    });
    const line = sold.json().lines[0];
    expect(line.unitPrice).toBe('9.00');
    expect(line.tax).toBe('1.80');
    expect(line.total).toBe('10.80');
  });

  it('purchases keep the price they were sent', async () => {
    const product = await addProduct(t, { sku: 'FARINE', name: 'Farine', sellingPrice: '3.00' });
    const group = await addGroup(t, { name: 'Fournisseurs groupés', calculation: 'percentage', percentage: '50' });
    const supplier = await t.api('POST', '/api/v1/contacts', {
      type: 'both', kind: 'business', businessName: 'Moulin Dupont', mobile: '06 11 22 33 44', customerGroupId: group,
    });
    expect(supplier.statusCode, supplier.body).toBe(201);
    const bought = await t.api('POST', '/api/v1/purchases', {
      contactId: supplier.json().id,
      date: '2026-03-02',
      status: 'final',
      lines: [{ description: 'Farine', quantity: '10', unitPrice: '1.20', productId: product }],
    });
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.json().lines[0].total).toBe('12.00');
  });

  it('another business’s product on a line is refused', async () => {
    const other = await t.addBusiness('Voisin');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/products',
      headers: { authorization: `Bearer ${other.token}` },
      payload: { sku: 'ETR-1', name: 'Produit voisin', sellingPrice: '5.00' },
    });
    const res = await postSale(t, { contactId: null, amount: '5.00', paid: '5.00', productId: foreign.json().id });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'lines.0.productId', code: 'not_found_ref' });
  });

  it('contact cannot join another business’s group', async () => {
    const other = await t.addBusiness('Voisin 2');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customer-groups',
      headers: { authorization: `Bearer ${other.token}` },
      payload: { name: 'Étranger', calculation: 'percentage', percentage: '30' },
    });
    expect(foreign.statusCode).toBe(201);
    const res = await t.api('POST', '/api/v1/contacts', {
      type: 'customer', kind: 'individual', firstName: 'Intrus', mobile: '06 99 88 77 66', customerGroupId: foreign.json().id,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'customerGroupId', code: 'not_found_ref' });
  });

  it('sale records the customer’s group', async () => {
    const group = await addGroup(t, { name: 'Fidèles', calculation: 'percentage', percentage: '5' });
    const client = await addCustomer(t, 'Fidèle', { customerGroupId: group });
    const sold = await sale(t, { contactId: client, amount: '10.00' });
    const row = await t.database.db.kysely.selectFrom('documents').where('id', '=', sold.id).select('customer_group_id').executeTakeFirstOrThrow();
    expect(row.customer_group_id).toBe(group);
  });
  it('parked sale follows a change of customer', async () => {
    const product = await addProduct(t, { sku: 'PARK-1', name: 'Article en attente', sellingPrice: '20.00' });
    const group = await addGroup(t, { name: 'Remise dix', calculation: 'percentage', percentage: '10' });
    const member = await addCustomer(t, 'Membre', { customerGroupId: group });
    const plain = await addCustomer(t, 'Passant');
    await enableLoyalty(t);
    await t.api('POST', `/api/v1/contacts/${plain}/loyalty/adjustments`, { points: 5, reason: 'Bienvenue' });
    const parked = await sale(t, { contactId: plain, productId: product, amount: '20.00', status: 'parked', redeemPoints: 5 });
    expect(parked.total).toBe('15.00');

    const changeCustomer = async (contactId: string | null) => {
      await t.database.db.kysely.transaction().execute(async (trx) => {
        const contact = contactId
          ? await trx.selectFrom('contacts').where('id', '=', contactId).select(['id', 'customer_group_id']).executeTakeFirstOrThrow()
          : null;
        await repriceParkedSale(trx, t.business.businessId, parked.id, contact);
        await trx.updateTable('documents').set({ contact_id: contactId }).where('id', '=', parked.id).execute();
      });
      return (await t.api('GET', `/api/v1/sales/${parked.id}`)).json();
    };

    const toMember = await changeCustomer(member);
    expect(toMember.lines).toHaveLength(1);
    expect(toMember.lines[0]).toMatchObject({ total: '18.00', groupDiscount: '2.00' });
    expect(toMember.total).toBe('18.00');
    const cleared = await changeCustomer(null);
    expect(cleared.lines[0]).toMatchObject({ total: '20.00', groupDiscount: '0.00', listPrice: null });
    expect(cleared.total).toBe('20.00');
  });
});
