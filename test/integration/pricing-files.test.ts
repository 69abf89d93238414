import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { multipartFile } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, returnSale, sale } from '../helpers/pricing.ts';

function importFile(t: TestApp, name: string, content: Buffer | string, query = '') {
  const body = multipartFile(name, content);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/products/import${query}`,
    headers: { authorization: `Bearer ${t.adminToken}`, 'accept-language': 'fr', ...body.headers },
    payload: body.payload,
  });
}

async function readSheet(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe.each(engines)('product files and the group report on %s', (engine) => {
  let t: TestApp;
  let wholesale: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    wholesale = (await t.api('POST', '/api/v1/price-groups', { name: 'Grossiste' })).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('CSV import creates, updates and reports bad rows', async () => {
    await addProduct(t, { sku: 'CAF-1', name: 'Café ancien nom', sellingPrice: '9.00' });
    const csv = [
      'Référence;Nom;Prix de vente TTC;Taux de TVA;Actif;Prix : Grossiste',
      'CAF-1;Café moulu;12,50;5,5;oui;10,00',
      'SUC-1;Sucre;1,20;5,5;non;',
      'BAD-1;Prix faux;douze;20;oui;',
      "'=CMD;Formule neutralisée;3,00;20;oui;",
    ].join('\r\n');
    const dry = await importFile(t, 'produits.csv', `\ufeff${csv}`, '?dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: 2, updated: 1, failed: 1 });
    expect((await t.api('GET', '/api/v1/products?q=sucre')).json().items).toEqual([]);

    const res = await importFile(t, 'produits.csv', `\ufeff${csv}`);
    expect(res.json()).toMatchObject({ dryRun: false, created: 2, updated: 1, failed: 1 });
    expect(res.json().errors[0]).toMatchObject({ line: 4 });
    expect(res.json().errors[0].issues[0]).toMatchObject({ path: 'sellingPrice', code: 'invalid_amount' });

    const coffee = (await t.api('GET', '/api/v1/products?q=caf-1')).json().items[0];
    expect(coffee).toMatchObject({ name: 'Café moulu', sellingPrice: '12.50', taxRate: '5.5', isActive: true });
    expect(coffee.prices).toEqual([{ priceGroupId: wholesale, priceGroupName: 'Grossiste', price: '10.00' }]);
    const sugar = (await t.api('GET', '/api/v1/products?q=sucre')).json().items[0];
    expect(sugar.isActive).toBe(false);
    const formula = (await t.api('GET', '/api/v1/products?q=neutralis')).json().items[0];
    expect(formula.sku).toBe('=CMD');
  });

  it('CSV export neutralises formulas and uses French decimals', async () => {
    const res = await t.api('GET', '/api/v1/products/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.body.replace(/^\ufeff/, '');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Référence;Nom;Prix de vente TTC;Taux de TVA;Actif;Prix : Grossiste');
    expect(lines).toContain('CAF-1;Café moulu;12,50;5,5;oui;10,00');
    expect(lines.some((line) => line.startsWith("'=CMD;"))).toBe(true);
  });

  it('XLSX export reads back through the import', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/products/export?format=xlsx',
      headers: { authorization: `Bearer ${t.adminToken}`, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const rows = await readSheet(res.rawPayload);
    expect(rows[0]).toEqual(['SKU', 'Name', 'Selling price incl. tax', 'Tax rate', 'Active', 'Price: Grossiste']);
    expect(rows).toContainEqual(['CAF-1', 'Café moulu', 12.5, 5.5, 'yes', 10]);

    await t.api('PATCH', `/api/v1/products/${(await t.api('GET', '/api/v1/products?q=caf-1')).json().items[0].id}`, { sellingPrice: '1.00' });
    const back = await importFile(t, 'products.xlsx', res.rawPayload);
    expect(back.json()).toMatchObject({ created: 0, failed: 0 });
    expect((await t.api('GET', '/api/v1/products?q=caf-1')).json().items[0].sellingPrice).toBe('12.50');
    expect((await t.api('GET', '/api/v1/products?q=neutralis')).json().items[0].sku).toBe('=CMD');
  });

  it('sales by customer group over a date range', async () => {
    const product = await addProduct(t, { sku: 'RAPPORT', name: 'Article du rapport', sellingPrice: '50.00' });
    const group = await addGroup(t, { name: 'Associations', calculation: 'percentage', percentage: '20' });
    const member = await addCustomer(t, 'Association', { customerGroupId: group });
    const plain = await addCustomer(t, 'Sans groupe');
    const sold = await sale(t, { contactId: member, productId: product, amount: '50.00', date: '2026-05-10' });
    await sale(t, { contactId: member, productId: product, amount: '50.00', date: '2026-05-11' });
    await sale(t, { contactId: plain, productId: product, amount: '50.00', date: '2026-05-12' });
    await sale(t, { contactId: member, productId: product, amount: '50.00', date: '2026-06-01' });
    await returnSale(t, sold.id, { [sold.lines[0].id]: '1' }, '2026-05-20');

    const res = await t.api('GET', '/api/v1/reports/sales-by-customer-group?from=2026-05-01&to=2026-05-31');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const row = report.rows.find((r: { customerGroupId: string | null }) => r.customerGroupId === group);
    expect(row).toMatchObject({ name: 'Associations', sales: 2, salesTotal: '80.00', groupDiscount: '20.00', returns: 1, returnsTotal: '40.00', netTotal: '40.00' });
    const none = report.rows.find((r: { customerGroupId: string | null }) => r.customerGroupId === null);
    expect(none).toMatchObject({ sales: 1, salesTotal: '50.00', groupDiscount: '0.00' });

    const csv = await t.api('GET', '/api/v1/reports/sales-by-customer-group?from=2026-05-01&to=2026-05-31&format=csv');
    expect(csv.headers['content-disposition']).toContain('sales-by-customer-group-2026-05-01-2026-05-31.csv');
    expect(csv.body).toContain('Associations;2;80,00;20,00;1;40,00;40,00');
    const xlsx = await t.api('GET', '/api/v1/reports/sales-by-customer-group?from=2026-05-01&to=2026-05-31&format=xlsx');
    const rows = await readSheet(xlsx.rawPayload);
    expect(rows).toContainEqual(['Associations', 2, 80, 20, 1, 40, 40]);

    const reversed = await t.api('GET', '/api/v1/reports/sales-by-customer-group?from=2026-05-31&to=2026-05-01');
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().errors[0]).toMatchObject({ path: 'to', code: 'range_end_before_start' });
  });

  it('group report discounts include tax', async () => {
    const product = await addProduct(t, { sku: 'TTC-RAPPORT', name: 'Article à 20 %', sellingPrice: '12.00', taxRate: '20' });
    const group = await addGroup(t, { name: 'Clubs', calculation: 'percentage', percentage: '10' });
    const member = await addCustomer(t, 'Club', { customerGroupId: group });
    const res = await t.api('POST', '/api/v1/sales', {
      contactId: member, date: '2026-07-10', status: 'final',
      lines: [
        { description: 'Au prix affiché', quantity: '1', unitPriceWithTax: '12.00', taxRate: '20', productId: product },
        { description: 'Au prix hors taxes', quantity: '1', unitPrice: '10.00', taxRate: '20', productId: product },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    // 10 % of 12.00 on the first line; 10 % of 10.00 before tax on the second, 1.20 with its 20 % tax.
    expect(res.json().lines.map((l: { groupDiscount: string }) => l.groupDiscount)).toEqual(['1.20', '1.00']);

    const report = (await t.api('GET', '/api/v1/reports/sales-by-customer-group?from=2026-07-01&to=2026-07-31')).json();
    const row = report.rows.find((r: { customerGroupId: string | null }) => r.customerGroupId === group);
    expect(row).toMatchObject({ sales: 1, salesTotal: '21.60', groupDiscount: '2.40' });
  });
});
