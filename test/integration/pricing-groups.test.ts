import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, postSale, sale } from '../helpers/pricing.ts';

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
