import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translateTerm } from '../../src/shared/messages.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, sale } from '../helpers/pricing.ts';

describe.each(engines)('products, price groups and customer groups on %s', (engine) => {
  let t: TestApp;
  let other: ReturnType<typeof asToken>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    other = asToken(t, (await t.addBusiness('Autre boutique')).token);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('product search by part of SKU or name', async () => {
    await addProduct(t, { sku: 'CONF-ABR', name: 'Confiture d’abricot', sellingPrice: '4.50', taxRate: '5.5' });
    await addProduct(t, { sku: 'CONF-FRA', name: 'Confiture de fraise', sellingPrice: '4.90' });
    await addProduct(t, { sku: 'PAIN-01', name: 'Pain d’épices', sellingPrice: '6.00', isActive: false });

    const bySku = (await t.api('GET', '/api/v1/products?q=conf-')).json();
    expect(bySku.items.map((p: { sku: string }) => p.sku).sort()).toEqual(['CONF-ABR', 'CONF-FRA']);
    const byName = (await t.api('GET', '/api/v1/products?q=EPICES')).json();
    expect(byName.items.map((p: { name: string }) => p.name)).toEqual(['Pain d’épices']);
    expect(byName.items[0].isActive).toBe(false);
    const active = (await t.api('GET', '/api/v1/products?active=true&q=o')).json();
    expect(active.items.every((p: { isActive: boolean }) => p.isActive)).toBe(true);
    const apricot = bySku.items.find((p: { sku: string }) => p.sku === 'CONF-ABR');
    expect(apricot).toMatchObject({ sellingPrice: '4.50', taxRate: '5.5' });
  });

  it('product list pages with a cursor', async () => {
    for (const n of [1, 2, 3]) await addProduct(t, { sku: `PAGE-${n}`, name: `Page ${n}`, sellingPrice: '1.00' });
    const first = (await t.api('GET', '/api/v1/products?q=page&limit=2')).json();
    expect(first.items.map((p: { sku: string }) => p.sku)).toEqual(['PAGE-1', 'PAGE-2']);
    const second = (await t.api('GET', `/api/v1/products?q=page&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((p: { sku: string }) => p.sku)).toEqual(['PAGE-3']);
    expect(second.nextCursor).toBeNull();
  });

  it('duplicate SKU is a conflict naming the product', async () => {
    await addProduct(t, { sku: 'UNIQUE-1', name: 'Premier', sellingPrice: '1.00' });
    const res = await t.api('POST', '/api/v1/products', { sku: 'UNIQUE-1', name: 'Second', sellingPrice: '2.00' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('product_sku_taken');
    expect(res.json().detail).toContain('Premier');
  });

  it('invalid product fields are all reported', async () => {
    const res = await t.api('POST', '/api/v1/products', { sku: 'BAD', name: 'Mauvais', sellingPrice: '-1.00', taxRate: '120' });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['sellingPrice', 'taxRate']);
  });

  it('taken SKU comes with the other issues', async () => {
    await addProduct(t, { sku: 'PRIS-1', name: 'Déjà là', sellingPrice: '1.00' });
    const res = await t.api('POST', '/api/v1/products', { sku: 'PRIS-1', name: 'Autre', sellingPrice: 'dix' });
    expect(res.statusCode).toBe(422);
    const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(issues).toEqual(['sellingPrice:invalid_amount', 'sku:product_sku_taken']);
    const alone = await t.api('POST', '/api/v1/products', { sku: 'PRIS-1', name: 'Autre', sellingPrice: '2.00' });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().errors.map((e: { path: string }) => e.path)).toEqual(['sku']);
  });

  it('product update replaces its group prices', async () => {
    const list = (await t.api('POST', '/api/v1/price-groups', { name: 'Restaurants' })).json().id;
    const id = await addProduct(t, { sku: 'BEURRE', name: 'Beurre', sellingPrice: '3.00', prices: [{ priceGroupId: list, price: '2.60' }] });
    const changed = await t.api('PATCH', `/api/v1/products/${id}`, { sellingPrice: '3.20', prices: [] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ sellingPrice: '3.20', prices: [] });
  });

  it('sold product cannot be deleted', async () => {
    const id = await addProduct(t, { sku: 'VENDU', name: 'Vendu', sellingPrice: '2.00' });
    const unsold = await addProduct(t, { sku: 'INVENDU', name: 'Invendu', sellingPrice: '2.00' });
    await sale(t, { contactId: null, productId: id, amount: '2.00', paid: '2.00' });
    const rejected = await t.api('DELETE', `/api/v1/products/${id}`);
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json()).toMatchObject({ code: 'product_in_use', count: 1 });
    expect((await t.api('DELETE', `/api/v1/products/${unsold}`)).statusCode).toBe(204);
    expect((await t.api('GET', `/api/v1/products/${unsold}`)).statusCode).toBe(404);
  });

  it('customer group percentage accepts decimals and negatives', async () => {
    const res = await t.api('POST', '/api/v1/customer-groups', { name: 'Décimal', calculation: 'percentage', percentage: '-12.25' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ percentage: '-12.25', priceGroupId: null, contactCount: 0 });
    const bad = await t.api('POST', '/api/v1/customer-groups', { name: 'Trop', calculation: 'percentage', percentage: '150' });
    expect(bad.json().errors[0]).toMatchObject({ path: 'percentage', code: 'invalid_group_percent' });
    const missing = await t.api('POST', '/api/v1/customer-groups', { name: 'Sans liste', calculation: 'price_group' });
    expect(missing.json().errors[0]).toMatchObject({ path: 'priceGroupId', code: 'required' });
  });

  it('group names are unique, case and accents ignored', async () => {
    await addGroup(t, { name: 'Écoles', calculation: 'percentage', percentage: '8' });
    const res = await t.api('POST', '/api/v1/customer-groups', { name: 'ecoles', calculation: 'percentage', percentage: '2' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('customer_group_name_taken');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['name']);
    const both = await t.api('POST', '/api/v1/customer-groups', { name: 'ÉCOLES', calculation: 'percentage', percentage: '150' });
    expect(both.statusCode).toBe(422);
    const issues = both.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(issues).toEqual(['percentage:invalid_group_percent', 'name:customer_group_name_taken']);
  });

  it('deleting a used group asks where its contacts go', async () => {
    const from = await addGroup(t, { name: 'Ancien', calculation: 'percentage', percentage: '3' });
    const to = await addGroup(t, { name: 'Nouveau', calculation: 'percentage', percentage: '4' });
    const a = await addCustomer(t, 'Déplacé', { customerGroupId: from });
    const b = await addCustomer(t, 'Déplacée', { customerGroupId: from });

    const rejected = await t.api('DELETE', `/api/v1/customer-groups/${from}`);
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json()).toMatchObject({ code: 'customer_group_in_use', count: 2 });
    const badTarget = await t.api('DELETE', `/api/v1/customer-groups/${from}?moveTo=${from}`);
    expect(badTarget.statusCode).toBe(422);

    const moved = await t.api('DELETE', `/api/v1/customer-groups/${from}?moveTo=${to}`);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toEqual({ movedContacts: 2, movedTo: to });
    for (const id of [a, b]) expect((await t.api('GET', `/api/v1/contacts/${id}`)).json().customerGroupId).toBe(to);
    expect((await t.api('GET', `/api/v1/customer-groups/${to}`)).json().contactCount).toBe(2);
    expect((await t.api('GET', `/api/v1/customer-groups/${from}`)).statusCode).toBe(404);

    const cleared = await t.api('DELETE', `/api/v1/customer-groups/${to}?moveTo=none`);
    expect(cleared.json()).toEqual({ movedContacts: 2, movedTo: null });
    expect((await t.api('GET', `/api/v1/contacts/${a}`)).json().customerGroupId).toBeNull();
  });

  it('price group followed by a customer group cannot be deleted', async () => {
    const list = (await t.api('POST', '/api/v1/price-groups', { name: 'Liste suivie' })).json().id;
    await addGroup(t, { name: 'Suiveurs', calculation: 'price_group', priceGroupId: list });
    const res = await t.api('DELETE', `/api/v1/price-groups/${list}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'price_group_in_use', count: 1 });
  });

  it('changes need their permissions', async () => {
    const cashier = asToken(t, (await t.addUser(['customer.view', 'sale.create'])).token);
    const cases: [string, string, unknown, string][] = [
      ['POST', '/api/v1/products', { sku: 'X', name: 'X', sellingPrice: '1.00' }, 'product.manage'],
      ['POST', '/api/v1/price-groups', { name: 'X' }, 'pricing.manage'],
      ['POST', '/api/v1/customer-groups', { name: 'X', calculation: 'percentage', percentage: '1' }, 'pricing.manage'],
      ['GET', '/api/v1/reports/sales-by-customer-group?from=2026-01-01&to=2026-12-31', undefined, 'ledger.view'],
    ];
    for (const [method, url, body, permission] of cases) {
      const res = await cashier(method as 'POST', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().permission, url).toBe(permission);
      expect(res.json().detail, url).toContain(translateTerm('permission', permission, 'fr'));
    }
    expect((await cashier('GET', '/api/v1/products')).statusCode).toBe(200);
    expect((await cashier('GET', '/api/v1/customer-groups')).statusCode).toBe(200);
  });

  it('group report needs a view of all customers', async () => {
    const url = '/api/v1/reports/sales-by-customer-group?from=2026-01-01&to=2026-12-31';
    const seller = asToken(t, (await t.addUser(['customer.view_own', 'ledger.view', 'sale.create'])).token);
    const denied = await seller('GET', url);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().permission).toBe('customer.view');
    expect(denied.json().detail).toContain('Voir tous les clients');
    expect((await seller('GET', `${url}&format=csv`)).statusCode).toBe(403);

    const cashier = asToken(t, (await t.addUser(['customer.view', 'ledger.view', 'sale.create'])).token);
    expect((await cashier('GET', url)).statusCode).toBe(200);
  });

  it('another business’s records answer 404', async () => {
    const product = await addProduct(t, { sku: 'PRIVE', name: 'Privé', sellingPrice: '1.00' });
    const list = (await t.api('POST', '/api/v1/price-groups', { name: 'Privée' })).json().id;
    const group = await addGroup(t, { name: 'Privés', calculation: 'percentage', percentage: '1' });
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/products/${product}`],
      ['PATCH', `/api/v1/products/${product}`, { name: 'Volé' }],
      ['DELETE', `/api/v1/products/${product}`],
      ['GET', `/api/v1/price-groups/${list}`],
      ['PATCH', `/api/v1/price-groups/${list}`, { name: 'Volée' }],
      ['DELETE', `/api/v1/price-groups/${list}`],
      ['GET', `/api/v1/customer-groups/${group}`],
      ['PATCH', `/api/v1/customer-groups/${group}`, { name: 'Volés' }],
      ['DELETE', `/api/v1/customer-groups/${group}?moveTo=none`],
    ];
    for (const [method, url, body] of calls) {
      const res = await other(method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('Privé');
    }
    const list2 = (await other('GET', '/api/v1/products?q=prive')).json();
    expect(list2.items).toEqual([]);
  });
});
