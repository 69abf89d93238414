import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addCustomer, addGroup, addProduct, enableLoyalty, loyaltyOf } from '../helpers/pricing.ts';
import { multipart, xlsxFile } from '../helpers/transfer-files.ts';
import { resolveAuth } from '../../src/auth/context.ts';
import { verifyLedger } from '../../src/ledger/verify.ts';
import { formatDecimal } from '../../src/shared/money.ts';
import { SECRET_KEY_VARIABLE } from '../../src/messages/secrets.ts';
import { beginCommit } from '../../src/transfer/import/commit-import.ts';
import { cancelJob } from '../../src/transfer/import/jobs.ts';

const header = ['Référence de la vente', 'Date', 'Client', 'Référence produit', 'Désignation', 'Quantité', 'Prix unitaire HT', 'Remise %', 'TVA %', 'Statut'];

/** Writes a French CSV sales file: the header above, then one row per line (missing cells are empty). */
function csv(rows: string[][]): Buffer {
  return Buffer.from(`${[header, ...rows].map((row) => row.join(';')).join('\n')}\n`, 'utf8');
}

interface Issue {
  line: number;
  column: string | null;
  field: string | null;
  value: string | null;
  code: string;
  message: string;
}

describe.each(engines)('sales import on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Creates a business with a 10 % group, a member (code PRO-1, card 4242), a customer without group and two products. */
  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    const call = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr', ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const as = { ...t, api: call } as TestApp;
    const coffee = await addProduct(as, { sku: 'CAFE-250', name: 'Café moulu 250 g', sellingPrice: '20.00', taxRate: '0' });
    const tea = await addProduct(as, { sku: 'THE-100', name: 'Thé vert 100 g', sellingPrice: '10.55', taxRate: '5.5' });
    const group = await addGroup(as, { name: 'Revendeurs', calculation: 'percentage', percentage: '10' });
    const member = await addCustomer(as, 'Paul', { code: 'PRO-1', loyaltyCardNumber: '4242', customerGroupId: group, email: 'paul@example.fr' });
    const plain = await addCustomer(as, 'Marc', { code: 'CLI-2', email: 'marc@example.fr' });

    const upload = (file: Buffer, name: string, options: Record<string, unknown> = {}) => {
      const body = multipart(file, name, { kind: 'sales', ...options });
      return call('POST', '/api/v1/imports', body.payload, body.headers);
    };
    /** Previews then commits a file, expecting both to succeed. */
    const importFile = async (file: Buffer, options: Record<string, unknown> = {}) => {
      const preview = await upload(file, 'ventes.csv', { dryRun: true, ...options });
      expect(preview.statusCode, preview.body).toBe(201);
      const commit = await call('POST', `/api/v1/imports/${preview.json().id}/commit`, {});
      expect(commit.statusCode, commit.body).toBe(200);
      return commit.json();
    };
    const sales = () =>
      db.selectFrom('documents').selectAll().where('business_id', '=', business.businessId).where('type', '=', 'sale').orderBy('number').execute();
    const read = async (id: string) => (await call('GET', `/api/v1/sales/${id}`)).json();
    return { business, token, call, as, db, upload, importFile, sales, read, coffee, tea, member, plain };
  }

  it('group customer gets the group discount per line', async () => {
    const s = await shop();
    await enableLoyalty(s.as);
    const result = await s.importFile(csv([
      ['T-1001', '02/03/2026', 'PRO-1', 'CAFE-250', '', '2'],
      ['T-1001', '', '', 'THE-100', '', '1'],
      ['T-1002', '03/03/2026', '4242', 'CAFE-250', '', '1'],
    ]));
    expect(result.kind).toBe('sales');
    expect(result.status).toBe('committed');
    expect(result.totals).toEqual({ rows: 3, valid: 3, invalid: 0, created: 2, updated: 0, skipped: 0 });
    expect(result.message).toBe('Import terminé : 2 ventes créées à partir de 3 lignes, 0 ligne en erreur non importée.');

    const [first, second] = await s.sales();
    expect(first?.source_reference).toBe('T-1001');
    expect(first?.import_id).toBe(result.id);
    expect(first?.contact_id).toBe(s.member);
    expect(second?.source_reference).toBe('T-1002');
    const sale = await s.read(first?.id ?? '');
    expect(sale.status).toBe('final');
    expect(sale.date).toBe('2026-03-02');
    expect(sale.lines[0]).toMatchObject({ description: 'Café moulu 250 g', quantity: '2', unitPrice: '18.00', listPrice: '20.00', groupDiscount: '4.00', total: '36.00' });
    // The row gives no price, so the line takes the catalogue's 10.55 tax included. 10.55 less 10 % (1.055,
    // rounded to 1.06) is 9.49, which the customer pays exactly: 9.00 before 5.5 % tax, 0.49 of tax.
    expect(sale.lines[1]).toMatchObject({
      description: 'Thé vert 100 g', unitPriceWithTax: '9.49', priceGiven: 'unitPriceWithTax', unitPrice: '9.00',
      listPrice: '10.55', groupDiscount: '1.06', taxRate: '5.5', tax: '0.49', total: '9.49',
    });
    expect(sale.total).toBe('45.49');

    const typed = await s.call('POST', '/api/v1/sales', {
      contactId: s.member, date: '2026-03-02', status: 'parked',
      lines: [
        { description: 'Café moulu 250 g', quantity: '2', unitPriceWithTax: '20.00', productId: s.coffee },
        { description: 'Thé vert 100 g', quantity: '1', unitPriceWithTax: '10.55', taxRate: '5.5', productId: s.tea },
      ],
    });
    expect(typed.json().lines.map((line: { total: string }) => line.total)).toEqual(['36.00', '9.49']);
    expect(typed.json().total).toBe(sale.total);

    const ledger = (await s.call('GET', `/api/v1/contacts/${s.member}/ledger`)).json();
    expect(ledger.items.map((item: { reference: string }) => item.reference).sort()).toEqual([first?.number, second?.number].sort());
    // 45.49 earns 45 points and 18.00 earns 18, one per euro.
    expect((await loyaltyOf(s.as, s.member)).points).toBe(63);
  });

  it('explicit price gets the group price as in the API', async () => {
    const s = await shop();
    const result = await s.importFile(csv([['T-2001', '02/03/2026', 'paul@example.fr', 'CAFE-250', '', '1', '25,00']]));
    expect(result.totals.created).toBe(1);
    const [row] = await s.sales();
    const sale = await s.read(row?.id ?? '');
    expect(sale.lines[0]).toMatchObject({ unitPrice: '18.00', listPrice: '20.00', groupDiscount: '2.00' });
    const api = await s.call('POST', '/api/v1/sales', {
      contactId: s.member, date: '2026-03-02', status: 'parked',
      lines: [{ description: 'Café', quantity: '1', unitPrice: '25.00', productId: s.coffee }],
    });
    expect(api.json().lines[0].unitPrice).toBe(sale.lines[0].unitPrice);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 2, column: 'Prix unitaire HT', value: '25,00', code: 'import_sale_group_price' });
    expect(result.warnings[0].message).toBe(
      'Ligne 2, colonne « Prix unitaire HT » : Le prix indiqué est remplacé par celui du groupe du client : 18.00 HT au lieu du prix catalogue 20.00 HT, comme pour une vente saisie.',
    );
  });

  it('no group and walk-in keep their prices', async () => {
    const s = await shop();
    const result = await s.importFile(csv([
      ['T-3001', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1'],
      ['T-3002', '02/03/2026', '', 'CAFE-250', '', '1', '', '', '', 'En attente'],
      ['T-3003', '02/03/2026', '', '', 'Emballage cadeau', '2', '2,50', '10', '20', 'en attente'],
    ]));
    expect(result.totals.created).toBe(3);
    const [plainSale, walkIn, free] = await Promise.all((await s.sales()).map((row) => s.read(row.id)));
    expect(plainSale.contactId).toBe(s.plain);
    expect(plainSale.lines[0]).toMatchObject({ unitPrice: '20.00', listPrice: null, groupDiscount: '0.00', total: '20.00' });
    expect(walkIn.contactId).toBeNull();
    expect(walkIn.status).toBe('parked');
    expect(walkIn.lines[0]).toMatchObject({ unitPrice: '20.00', listPrice: null, total: '20.00' });
    // 2 x 2.50 = 5.00, less 10 % = 4.50, plus 20 % tax = 5.40.
    expect(free.lines[0]).toMatchObject({ description: 'Emballage cadeau', productId: null, discount: '0.50', tax: '0.90', total: '5.40' });
  });

  it('tax-included column charges the shelf price', async () => {
    const s = await shop();
    const withTax = header.map((column) => (column === 'Prix unitaire HT' ? 'Prix unitaire TTC' : column));
    const file = Buffer.from(`${[withTax, ['T-4001', '02/03/2026', 'CLI-2', '', 'Chocolat noir', '3', '19,99', '', '20']].map((row) => row.join(';')).join('\n')}\n`);
    const result = await s.importFile(file);
    expect(result.totals.created).toBe(1);
    const [row] = await s.sales();
    const sale = await s.read(row?.id ?? '');
    // 3 x 19.99 = 59.97 tax included, of which 9.99 is the 20 % tax (59.97 - 59.97 / 1.2 = 59.97 - 49.98).
    expect(sale.lines[0]).toMatchObject({ unitPriceWithTax: '19.99', priceGiven: 'unitPriceWithTax', unitPrice: '16.66', tax: '9.99', total: '59.97' });
    expect(sale.total).toBe('59.97');
  });

  it('tax-included price gets the group price', async () => {
    const s = await shop();
    const withTax = header.map((column) => (column === 'Prix unitaire HT' ? 'Prix unitaire TTC' : column));
    const file = Buffer.from(`${[withTax, ['T-4101', '02/03/2026', 'PRO-1', 'THE-100', '', '2', '12,00']].map((row) => row.join(';')).join('\n')}\n`);
    const result = await s.importFile(file);
    expect(result.totals.created).toBe(1);
    const [row] = await s.sales();
    const sale = await s.read(row?.id ?? '');
    // The group's price replaces the file's: 10.55 less 10 % is 9.49 a unit, tax included, so 18.98.
    expect(sale.lines[0]).toMatchObject({ unitPriceWithTax: '9.49', priceGiven: 'unitPriceWithTax', listPrice: '10.55', groupDiscount: '2.12', total: '18.98' });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ line: 2, column: 'Prix unitaire TTC', value: '12,00', code: 'import_sale_group_price_with_tax' });
    expect(result.warnings[0].message).toContain('9.49 TTC au lieu du prix catalogue 10.55 TTC');
  });

  it('imported sales take their payments', async () => {
    const s = await shop();
    const paying = [...header, 'Montant payé', 'Mode de paiement'];
    const file = (rows: string[][]) => Buffer.from(`${[paying, ...rows].map((row) => row.join(';')).join('\n')}\n`, 'utf8');
    const result = await s.importFile(file([
      ['T-3101', '02/03/2026', '', 'CAFE-250', '', '1', '', '', '', '', '', 'CB'],
      ['T-3102', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1', '', '', '', '', '', 'Espèces'],
      ['T-3103', '02/03/2026', 'CLI-2', 'CAFE-250', '', '2', '', '', '', '', '15,00', 'Chèque'],
      ['T-3104', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1', '', '', '', '', '0', 'Carte bancaire'],
    ]));
    expect(result.totals).toMatchObject({ rows: 4, valid: 4, created: 4 });
    const [walkIn, member, partly, credit] = await Promise.all((await s.sales()).map((row) => s.read(row.id)));
    expect(walkIn).toMatchObject({ contactId: null, status: 'final', total: '20.00', paidAmount: '20.00' });
    // The group price applies before the sale is paid in full: 20.00 less 10 %.
    expect(member).toMatchObject({ contactId: s.member, total: '18.00', paidAmount: '18.00' });
    expect(partly).toMatchObject({ total: '40.00', paidAmount: '15.00' });
    expect(credit).toMatchObject({ total: '20.00', paidAmount: '0.00' });
    const balances = async () => [
      (await s.call('GET', `/api/v1/contacts/${s.member}`)).json().balance,
      (await s.call('GET', `/api/v1/contacts/${s.plain}`)).json().balance,
    ];
    expect(await balances()).toEqual(['0.00', '45.00']);
    const payments = await s.db.selectFrom('payments').select(['method', 'amount']).where('business_id', '=', s.business.businessId).orderBy('amount').execute();
    expect(payments.map((payment) => [payment.method, Number(payment.amount)])).toEqual([['cheque', 1500], ['cash', 1800], ['card', 2000]]);

    const undo = await s.call('DELETE', `/api/v1/imports/${result.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(await balances()).toEqual(['0.00', '0.00']);
    expect((await s.sales()).map((sale) => sale.status)).toEqual(['void', 'void', 'void', 'void']);

    const preview = await s.upload(file([
      ['T-3201', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1', '', '', '', '', '10,00', ''],
      ['T-3202', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1', '', '', '', '', '', 'Bitcoin'],
      ['T-3203', '02/03/2026', '', 'CAFE-250', '', '1', '', '', '', 'En attente', '', 'Espèces'],
      ['T-3204', '02/03/2026', '', 'CAFE-250', '', '1', '', '', '', '', '5,00', 'Espèces'],
      ['T-3205', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1', '', '', '', '', '30,00', 'Espèces'],
      ['T-3206', '02/03/2026', '', 'CAFE-250', '', '1', '', '', '', '', '-5', 'Espèces'],
    ]), 'ventes.csv', { dryRun: true });
    expect(preview.statusCode, preview.body).toBe(201);
    const errors = (preview.json().errors as Issue[]).map(({ line, column, code }) => [line, column, code]);
    expect(errors).toEqual([
      [2, 'Montant payé', 'import_sale_payment_method_missing'],
      [3, 'Mode de paiement', 'unknown_payment_method'],
      [4, 'Mode de paiement', 'parked_with_payments'],
      [5, 'Montant payé', 'walk_in_must_pay_in_full'],
      [6, 'Montant payé', 'payments_exceed_total'],
      [7, 'Montant payé', 'amount_negative'],
    ]);
  });

  it('errors name their line and column', async () => {
    const s = await shop();
    const file = await xlsxFile([
      header,
      ['T-4001', '02/03/2026', 'INCONNU', 'CAFE-250', null, 1],
      ['T-4002', '02/03/2026', 'PRO-1', 'CAFE-250', null, 1],
      ['T-4002', null, null, 'PAS-DE-SKU', null, 1],
      ['T-4003', '02/03/2026', 'PRO-1', 'CAFE-250', null, 'deux'],
      ['T-4004', '02/03/2026', 'PRO-1', 'CAFE-250', null, 1],
      ['T-4004', '05/03/2026', null, 'THE-100', null, 1],
      [null, '02/03/2026', 'PRO-1', 'CAFE-250', null, 1],
      ['T-4005', '31/02/2026', 'PRO-1', 'CAFE-250', null, 1],
      ['T-4006', '02/03/2026', 'PRO-1', 'CAFE-250', null, 1],
      ['T-4007', '02/03/2026', '', 'CAFE-250', null, 1],
      ['T-4008', null, 'PRO-1', null, 'Livraison', 1],
    ], 'Ventes');

    const preview = await s.upload(file, 'ventes.xlsx', { dryRun: true });
    expect(preview.statusCode, preview.body).toBe(201);
    const body = preview.json();
    expect(body.status).toBe('previewed');
    expect(body.totals).toEqual({ rows: 11, valid: 1, invalid: 10, created: 1, updated: 0, skipped: 0 });
    const errors = (body.errors as Issue[]).map(({ line, column, code }) => [line, column, code]);
    expect(errors).toEqual([
      [2, 'Client', 'import_customer_not_found'],
      [3, null, 'import_sale_not_imported'],
      [4, 'Référence produit', 'import_product_not_found'],
      [5, 'Quantité', 'invalid_quantity'],
      [6, null, 'import_sale_not_imported'],
      [7, 'Date', 'import_sale_value_differs'],
      [8, 'Référence de la vente', 'import_sale_reference_missing'],
      [9, 'Date', 'import_invalid_date'],
      [11, null, 'import_sale_walk_in_final'],
      [12, 'Date', 'import_sale_date_missing'],
      [12, 'Prix unitaire HT', 'import_sale_line_price_missing'],
    ]);

    const messages = new Map((body.errors as Issue[]).map((issue) => [`${issue.line} ${issue.code}`, issue.message]));
    expect(messages.get('2 import_customer_not_found')).toBe(
      'Ligne 2, colonne « Client » : Aucun client n’a « INCONNU » pour code, carte de fidélité, e-mail ou mobile : créez-le d’abord ou corrigez la valeur.',
    );
    expect(messages.get('3 import_sale_not_imported')).toBe('Ligne 3 : La vente « T-4002 » n’est pas importée à cause de l’erreur en ligne 4.');
    expect(messages.get('6 import_sale_not_imported')).toBe('Ligne 6 : La vente « T-4004 » n’est pas importée à cause de l’erreur en ligne 7.');
    expect(messages.get('7 import_sale_value_differs')).toBe(
      'Ligne 7, colonne « Date » : La vente « T-4004 » a déjà « 02/03/2026 » à la ligne 6 : ses lignes doivent donner la même valeur ou laisser la case vide.',
    );
    expect(await s.sales()).toHaveLength(0);
  });

  it('abort saves nothing and skip saves valid sales', async () => {
    const s = await shop();
    const file = csv([
      ['T-5001', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1'],
      ['T-5002', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1'],
      ['T-5002', '', '', 'NOPE', '', '1'],
    ]);
    const preview = await s.upload(file, 'ventes.csv', { dryRun: true });
    const id = preview.json().id as string;
    const aborted = await s.call('POST', `/api/v1/imports/${id}/commit`, {});
    expect(aborted.json().status).toBe('failed');
    expect(aborted.json().totals.created).toBe(0);
    expect(await s.sales()).toHaveLength(0);
    const ledger = await s.db.selectFrom('ledger_entries').select('id').where('business_id', '=', s.business.businessId).execute();
    expect(ledger).toHaveLength(0);

    const skipped = await s.call('POST', `/api/v1/imports/${id}/commit`, { onInvalid: 'skip' });
    expect(skipped.json().status).toBe('committed');
    expect(skipped.json().totals).toMatchObject({ rows: 3, valid: 1, invalid: 2, created: 1 });
    const stored = await s.sales();
    expect(stored.map((sale) => sale.source_reference)).toEqual(['T-5001']);
  });

  it('re-import of the same file creates nothing', async () => {
    const s = await shop();
    const file = csv([
      ['T-6001', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1'],
      ['T-6002', '02/03/2026', 'CLI-2', 'THE-100', '', '3'],
    ]);
    await s.importFile(file);
    const [firstSale] = await s.sales();
    const again = await s.upload(file, 'ventes.csv', { dryRun: true });
    expect(again.json().totals).toMatchObject({ rows: 2, valid: 0, invalid: 2, created: 0 });
    expect(again.json().errors[0]).toMatchObject({ line: 2, column: 'Référence de la vente', value: 'T-6001', code: 'import_sale_reference_used' });
    expect(again.json().errors[0].message).toContain(firstSale?.number);
    const skip = await s.call('POST', `/api/v1/imports/${again.json().id}/commit`, { onInvalid: 'skip' });
    expect(skip.json().totals.created).toBe(0);
    expect(await s.sales()).toHaveLength(2);

    const numbered = await s.upload(csv([[firstSale?.number ?? '', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1']]), 'ventes.csv', { dryRun: true });
    expect(numbered.json().errors[0].code).toBe('import_sale_reference_used');
  });

  it('undo voids the sales and frees their references', async () => {
    const s = await shop();
    await enableLoyalty(s.as);
    const file = csv([
      ['T-7001', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1'],
      ['T-7002', '02/03/2026', '', 'THE-100', '', '1', '', '', '', 'En attente'],
    ]);
    const result = await s.importFile(file);
    expect((await loyaltyOf(s.as, s.member)).points).toBe(18);
    const undo = await s.call('DELETE', `/api/v1/imports/${result.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().status).toBe('undone');
    expect(undo.json().message).toBe('Import défait : 2 ventes annulées par une contrepassation.');

    const stored = await s.sales();
    expect(stored.map((sale) => sale.status)).toEqual(['void', 'void']);
    expect(stored[0]?.void_reason).toBe('Import défait (ventes.csv)');
    const ledger = (await s.call('GET', `/api/v1/contacts/${s.member}/ledger`)).json();
    expect(ledger.items.map((item: { type: string }) => item.type).sort()).toEqual(['reversal', 'sale']);
    const member = (await s.call('GET', `/api/v1/contacts/${s.member}`)).json();
    expect(member.balance).toBe('0.00');
    expect((await loyaltyOf(s.as, s.member)).points).toBe(0);

    const again = await s.importFile(file);
    expect(again.totals.created).toBe(2);
  });

  it('undo is rejected after a payment', async () => {
    const s = await shop();
    const result = await s.importFile(csv([
      ['T-8001', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1'],
      ['T-8002', '02/03/2026', 'PRO-1', 'CAFE-250', '', '2'],
    ]));
    const paid = await s.call('POST', '/api/v1/payments', { contactId: s.member, amount: '10.00', method: 'cash', date: '2026-03-04' });
    expect(paid.statusCode, paid.body).toBe(201);
    const undo = await s.call('DELETE', `/api/v1/imports/${result.id}`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().code).toBe('import_undo_sales_blocked');
    const views = await Promise.all((await s.sales()).map((sale) => s.read(sale.id)));
    const settled = views.filter((view) => view.paidAmount !== '0.00');
    expect(settled).toHaveLength(1);
    const [paidSale] = settled;
    const named = `${paidSale.reference} (${paidSale.sourceReference})`;
    expect(undo.json().detail).toBe(
      `Impossible de défaire cet import : 1 de ses ventes ont depuis un règlement, un retour ou des points dépensés (${named}). Rien n’a été défait : traitez ces ventes une par une.`,
    );
    expect(undo.json().sales).toEqual([{ id: paidSale.id, reference: paidSale.reference, sourceReference: paidSale.sourceReference, reasons: ['allocation'] }]);
    expect((await s.sales()).map((sale) => sale.status)).toEqual(['final', 'final']);
  });

  it('undo is rejected after a return or spent points', async () => {
    const s = await shop();
    await enableLoyalty(s.as);
    const result = await s.importFile(csv([
      ['T-9001', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1'],
      ['T-9002', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1'],
    ]));
    const [memberSale, plainSale] = await s.sales();
    const lines = (await s.read(plainSale?.id ?? '')).lines;
    const returned = await s.call('POST', `/api/v1/sales/${plainSale?.id}/returns`, { date: '2026-03-05', lines: [{ lineId: lines[0].id, quantity: '1' }] });
    expect(returned.statusCode, returned.body).toBe(201);
    const spent = await s.call('POST', '/api/v1/sales', {
      contactId: s.member, date: '2026-03-06', status: 'final', redeemPoints: 10,
      lines: [{ description: 'Divers', quantity: '1', unitPrice: '15.00' }],
    });
    expect(spent.statusCode, spent.body).toBe(201);

    const undo = await s.call('DELETE', `/api/v1/imports/${result.id}`);
    expect(undo.statusCode).toBe(409);
    const reasons = Object.fromEntries(undo.json().sales.map((sale: { id: string; reasons: string[] }) => [sale.id, sale.reasons]));
    // The return first lowered what the sale owed, which is an allocation too.
    expect(reasons).toEqual({ [memberSale?.id ?? '']: ['points'], [plainSale?.id ?? '']: ['allocation', 'return'] });
  });

  it('undo keeps the advance the import used', async () => {
    const s = await shop();
    const advance = await s.call('POST', '/api/v1/payments', { contactId: s.member, amount: '50.00', method: 'cash', date: '2026-03-01' });
    expect(advance.statusCode, advance.body).toBe(201);
    const result = await s.importFile(csv([['T-9101', '02/03/2026', 'PRO-1', 'CAFE-250', '', '1']]));
    const [row] = await s.sales();
    expect((await s.read(row?.id ?? '')).openAmount).toBe('0.00');
    const undo = await s.call('DELETE', `/api/v1/imports/${result.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    const member = (await s.call('GET', `/api/v1/contacts/${s.member}`)).json();
    expect(member.balance).toBe('-50.00');
  });

  it('credit limit applies to imported sales', async () => {
    const s = await shop();
    const limited = await addCustomer(s.as, 'Limitée', { code: 'LIM-1', creditLimit: '25.00' });
    const preview = await s.upload(csv([
      ['T-9201', '02/03/2026', 'LIM-1', 'CAFE-250', '', '1'],
      ['T-9202', '03/03/2026', 'LIM-1', 'CAFE-250', '', '1'],
    ]), 'ventes.csv', { dryRun: true });
    expect(preview.json().totals).toMatchObject({ valid: 1, invalid: 1, created: 1 });
    expect(preview.json().errors[0]).toMatchObject({ line: 3, column: null, code: 'credit_limit_exceeded' });
    expect(limited).toBeTruthy();
  });

  /** Writes a French CSV sales file whose rows may also give the amount paid, the payment method and the points redeemed. */
  function payingCsv(rows: string[][]): Buffer {
    const columns = [...header, 'Montant payé', 'Mode de paiement', 'Points utilisés'];
    return Buffer.from(`${[columns, ...rows].map((row) => row.join(';')).join('\n')}\n`, 'utf8');
  }

  /** Returns the differences `comptoir verify` finds in the business. */
  async function differencesOf(businessId: string) {
    const report = await verifyLedger(t.database.db.kysely);
    return report.differences.filter((difference) => difference.businessId === businessId);
  }

  it('credit limit sees the earlier sales of the file', async () => {
    const s = await shop();
    const limited = await addCustomer(s.as, 'Limitée', { code: 'LIM-2', creditLimit: '5.00' });
    const advance = await s.call('POST', '/api/v1/payments', { contactId: limited, amount: '30.00', method: 'cash', date: '2026-03-01' });
    expect(advance.statusCode, advance.body).toBe(201);
    const result = await s.importFile(payingCsv([
      // 20.00 settled from the advance of 30.00, which keeps 10.00: exposure -10.00.
      ['T-9401', '02/03/2026', 'LIM-2', 'CAFE-250', '', '1'],
      // Paid in full at the till, so it adds nothing to the exposure.
      ['T-9402', '03/03/2026', 'LIM-2', 'CAFE-250', '', '1', '', '', '', '', '', 'Espèces'],
      // -10.00 + 20.00 = 10.00 goes over 5.00; before T-9401 it was -30.00 + 20.00.
      ['T-9403', '04/03/2026', 'LIM-2', 'CAFE-250', '', '1'],
      // -10.00 + 10.55 = 0.55: the rejected sale left nothing behind.
      ['T-9404', '05/03/2026', 'LIM-2', 'THE-100', '', '1'],
    ]), { onInvalid: 'skip' });
    expect(result.status).toBe('committed');
    expect(result.totals).toMatchObject({ rows: 4, valid: 3, invalid: 1, created: 3 });
    expect(result.errors.map((issue: Issue) => [issue.line, issue.code])).toEqual([[4, 'credit_limit_exceeded']]);

    const contact = (await s.call('GET', `/api/v1/contacts/${limited}`)).json();
    expect(contact.balance).toBe('0.55');
    expect(contact.receivable).toBe('0.55');
    expect(contact.advance).toBe('0.00');
    const row = await s.db.selectFrom('contacts').where('id', '=', limited)
      .select(['last_activity_on', 'last_sale_on', 'earliest_open_due_on']).executeTakeFirstOrThrow();
    expect(row.last_activity_on).toBe('2026-03-05');
    expect(row.last_sale_on).toBe('2026-03-05');
    expect(row.earliest_open_due_on).toBe('2026-03-05');
    expect(await differencesOf(s.business.businessId)).toEqual([]);
    expect(await s.db.selectFrom('deferred_contact_figures').selectAll().execute()).toEqual([]);
  });

  it('points earned earlier in the file can be spent', async () => {
    const s = await shop();
    await enableLoyalty(s.as);
    const result = await s.importFile(payingCsv([
      // 2 × 18.00 at the group price earns 36 points.
      ['T-9501', '02/03/2026', 'PRO-1', 'CAFE-250', '', '2'],
      // Spends 30 of them: 36.00 - 30.00 = 6.00, which earns 6.
      ['T-9502', '03/03/2026', 'PRO-1', 'CAFE-250', '', '2', '', '', '', '', '', '', '30'],
      // 12 points are left, not 20.
      ['T-9503', '04/03/2026', 'PRO-1', 'CAFE-250', '', '2', '', '', '', '', '', '', '20'],
    ]), { onInvalid: 'skip' });
    expect(result.totals).toMatchObject({ valid: 2, invalid: 1, created: 2 });
    expect(result.errors.map((issue: Issue) => [issue.line, issue.code])).toEqual([[4, 'loyalty_exceeds_balance']]);
    expect((await loyaltyOf(s.as, s.member)).points).toBe(12);
    const member = (await s.call('GET', `/api/v1/contacts/${s.member}`)).json();
    expect(member.balance).toBe('42.00');
    expect(await differencesOf(s.business.businessId)).toEqual([]);
  });

  it('balance webhook follows each imported sale', async () => {
    const s = await shop();
    const hadKey = process.env[SECRET_KEY_VARIABLE];
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    try {
      const hook = await s.call('POST', '/api/v1/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['balance.changed'] });
      expect(hook.statusCode, hook.body).toBe(201);
    } finally {
      if (hadKey === undefined) delete process.env[SECRET_KEY_VARIABLE];
      else process.env[SECRET_KEY_VARIABLE] = hadKey;
    }
    await s.importFile(payingCsv([
      ['T-9601', '02/03/2026', 'CLI-2', 'CAFE-250', '', '1'],
      ['T-9602', '03/03/2026', 'CLI-2', 'CAFE-250', '', '1', '', '', '', '', '5,00', 'Espèces'],
    ]));
    const rows = await s.db.selectFrom('messages').where('business_id', '=', s.business.businessId)
      .where('event', '=', 'balance.changed').select(['id', 'text']).execute();
    const data = rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((row) => JSON.parse(row.text).data);
    expect(data.map((event: { balance: string }) => event.balance)).toEqual(['20.00', '35.00']);
    expect(data.map((event: { receivable: string }) => event.receivable)).toEqual(['20.00', '35.00']);
  });

  /** Formats a date as the French files write it. */
  function frenchDate(date: Date): string {
    const iso = date.toISOString().slice(0, 10);
    return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  }

  it('many sales keep exact ledger totals', async () => {
    const s = await shop();
    // Typed before the import, on a day that imported sales share.
    const payment = await s.call('POST', '/api/v1/payments', { contactId: s.plain, amount: '30.00', method: 'cash', date: '2026-01-10' });
    expect(payment.statusCode, payment.body).toBe(201);

    // Two sales every third day from 20 December 2025 to 24 February 2026. Some are paid in part or in full.
    const rows: string[][] = [];
    for (let index = 0; index < 45; index += 1) {
      const date = frenchDate(new Date(Date.UTC(2025, 11, 20 + Math.floor(index / 2) * 3)));
      let paid = ['', ''];
      if (index % 5 === 2) paid = ['', 'Espèces'];
      else if (index % 3 === 1) paid = ['5,00', 'Espèces'];
      // The sale in the middle pays more than its total, so it fails inside its savepoint.
      if (index === 22) paid = ['500,00', 'Espèces'];
      rows.push([`T-98${String(index).padStart(2, '0')}`, date, 'CLI-2', 'CAFE-250', '', String((index % 3) + 1), '', '', '', '', ...paid]);
    }
    const result = await s.importFile(payingCsv(rows), { onInvalid: 'skip' });
    expect(result.status).toBe('committed');
    expect(result.totals).toMatchObject({ rows: 45, valid: 44, invalid: 1, created: 44 });
    expect(result.errors.map((issue: Issue) => [issue.line, issue.code])).toEqual([[24, 'payments_exceed_total']]);

    const entries = await s.db.selectFrom('ledger_entries').where('contact_id', '=', s.plain)
      .select(['id', 'date', 'seq', 'location_id', 'debit', 'credit']).orderBy('date').orderBy('seq').execute();
    const computed = new Map<string, { debit: number; credit: number; entries: number }>();
    for (const entry of entries) {
      for (const key of [`day|${entry.date}|${entry.location_id}`, `month|${entry.date.slice(0, 7)}|${entry.location_id}`]) {
        const total = computed.get(key) ?? { debit: 0, credit: 0, entries: 0 };
        total.debit += Number(entry.debit);
        total.credit += Number(entry.credit);
        total.entries += 1;
        computed.set(key, total);
      }
    }
    const stored = await s.db.selectFrom('ledger_totals').where('contact_id', '=', s.plain).selectAll().execute();
    const storedByKey = new Map(stored.map((row) => [
      `${row.granularity}|${row.period}|${row.location_id}`,
      { debit: Number(row.debit), credit: Number(row.credit), entries: Number(row.entries) },
    ]));
    expect(storedByKey).toEqual(computed);
    expect([...computed.keys()].filter((key) => key.startsWith('month|')).map((key) => key.split('|')[1]).sort()).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(await differencesOf(s.business.businessId)).toEqual([]);
    expect(await s.db.selectFrom('deferred_contact_figures').selectAll().execute()).toEqual([]);

    // Each counter gave consecutive numbers from 1 and stores the last one.
    const numbers = [
      ...(await s.sales()).map((sale) => sale.number),
      ...(await s.db.selectFrom('payments').where('business_id', '=', s.business.businessId).select('number').execute()).map((row) => row.number),
    ];
    const byCounter = new Map<string, number[]>();
    for (const number of numbers) {
      const [, prefix, year, sequence] = /^([A-Z]+)(\d{4})-(\d+)$/.exec(number) ?? [];
      const name = `reference:${prefix}:${year}`;
      byCounter.set(name, [...(byCounter.get(name) ?? []), Number(sequence)]);
    }
    expect([...byCounter.keys()].sort()).toEqual(['reference:RG:2025', 'reference:RG:2026', 'reference:VE:2025', 'reference:VE:2026']);
    const counters = await s.db.selectFrom('counters').where('business_id', '=', s.business.businessId)
      .where('name', 'like', 'reference:%').select(['name', 'value']).execute();
    expect(counters.length).toBe(byCounter.size);
    for (const counter of counters) {
      const sequences = (byCounter.get(counter.name) ?? []).sort((a, b) => a - b);
      expect(sequences, counter.name).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
      expect(Number(counter.value), counter.name).toBe(sequences.length);
    }

    const running = new Map<string, number>();
    const endOfDay = new Map<string, number>();
    let balance = 0;
    for (const entry of entries) {
      balance += Number(entry.debit) - Number(entry.credit);
      running.set(entry.id, balance);
      endOfDay.set(entry.date, balance);
    }
    const contact = (await s.call('GET', `/api/v1/contacts/${s.plain}`)).json();
    expect(contact.balance).toBe(formatDecimal(balance, 'EUR'));

    const history = (await s.call('GET', `/api/v1/contacts/${s.plain}/balance-history`)).json();
    expect(history.openingBalance).toBe('0.00');
    expect(history.points).toEqual([...endOfDay].map(([date, total]) => ({ date, balance: formatDecimal(total, 'EUR') })));

    const page = (await s.call('GET', `/api/v1/contacts/${s.plain}/ledger?from=2026-01-10&limit=500`)).json();
    const before = entries.filter((entry) => entry.date < '2026-01-10').reduce((sum, entry) => sum + Number(entry.debit) - Number(entry.credit), 0);
    expect(page.openingBalance).toBe(formatDecimal(before, 'EUR'));
    expect(page.closingBalance).toBe(formatDecimal(balance, 'EUR'));
    expect(page.items.length).toBe(entries.filter((entry) => entry.date >= '2026-01-10').length);
    for (const item of page.items) expect(item.balance, item.reference).toBe(formatDecimal(running.get(item.id) ?? Number.NaN, 'EUR'));
  });

  it('sale message reads the balance so far', async () => {
    const s = await shop();
    const hadKey = process.env[SECRET_KEY_VARIABLE];
    process.env[SECRET_KEY_VARIABLE] = randomBytes(32).toString('base64');
    try {
      const email = await s.call('PUT', '/api/v1/message-channels/email', {
        enabled: true, host: '127.0.0.1', port: 2525, security: 'none', fromAddress: 'boutique@example.fr', fromName: 'Boutique',
      });
      expect(email.statusCode, email.body).toBe(200);
    } finally {
      if (hadKey === undefined) delete process.env[SECRET_KEY_VARIABLE];
      else process.env[SECRET_KEY_VARIABLE] = hadKey;
    }
    const template = await s.call('POST', '/api/v1/message-templates', {
      event: 'new_sale',
      name: 'Solde après la vente',
      autoSend: { email: true },
      contents: [{ channel: 'email', locale: 'fr', subject: 'Solde {{contact_due}}', text: 'Merci.' }],
    });
    expect(template.statusCode, template.body).toBe(201);

    await s.importFile(payingCsv([
      ['T-9901', '02/02/2026', 'CLI-2', 'CAFE-250', '', '1'],
      ['T-9902', '03/03/2026', 'CLI-2', 'CAFE-250', '', '1', '', '', '', '', '5,00', 'Espèces'],
      ['T-9903', '03/03/2026', 'CLI-2', 'CAFE-250', '', '2'],
    ]));
    const messages = await s.db.selectFrom('messages')
      .innerJoin('documents', 'documents.id', 'messages.source_id')
      .where('messages.template_id', '=', template.json().id)
      .select(['documents.number', 'messages.subject'])
      .orderBy('documents.number')
      .execute();
    const subjects = messages.map((message) => message.subject?.replace(/[\u00a0\u202f]/g, ' '));
    expect(subjects).toEqual(['Solde 20,00 €', 'Solde 35,00 €', 'Solde 75,00 €']);
  });

  it('undo finds the sales by their import', async () => {
    const s = await shop();
    await enableLoyalty(s.as);
    const result = await s.importFile(payingCsv([
      ['T-9701', '02/03/2026', 'PRO-1', 'CAFE-250', '', '2'],
      ['T-9702', '03/03/2026', 'PRO-1', 'CAFE-250', '', '2', '', '', '', '', '', '', '30'],
    ]));
    const stored = await s.db.selectFrom('imports').where('id', '=', result.id).select('created_ids').executeTakeFirstOrThrow();
    expect(stored.created_ids).toBe('[]');
    // The undo must void T-9702 first, so that its 30 points come back before T-9701 takes back the 36 it earned.
    const undo = await s.call('DELETE', `/api/v1/imports/${result.id}`);
    expect(undo.statusCode, undo.body).toBe(200);
    expect(undo.json().message).toBe('Import défait : 2 ventes annulées par une contrepassation.');
    expect((await s.sales()).map((sale) => sale.status)).toEqual(['void', 'void']);
    expect((await loyaltyOf(s.as, s.member)).points).toBe(0);
    expect(await differencesOf(s.business.businessId)).toEqual([]);
  });

  it('template imports back as it is', async () => {
    const s = await shop();
    for (const lang of ['fr', 'en'] as const) {
      const template = await s.call('GET', `/api/v1/imports/template.xlsx?kind=sales&lang=${lang}`);
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-disposition']).toContain(lang === 'fr' ? 'modele-ventes.xlsx' : 'sales-template.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0];
      expect(sheet?.getRow(1).getCell(1).value).toBe(lang === 'fr' ? 'Référence de la vente' : 'Sale reference');
      const preview = await s.upload(template.rawPayload, `template-${lang}.xlsx`, { dryRun: true });
      expect(preview.statusCode, preview.body).toBe(201);
      const body = preview.json();
      expect(body.columns.filter((column: { field: string | null }) => column.field === null)).toEqual([]);
      expect(body.errors).toEqual([]);
      expect(body.totals).toMatchObject({ rows: 4, valid: 4, created: 3 });
    }
  });

  it('fields, mapping and history know the kind', async () => {
    const s = await shop();
    const fields = (await s.call('GET', '/api/v1/imports/fields?kind=sales&lang=en')).json();
    expect(fields.items.map((item: { field: string }) => item.field)).toContain('unitPriceWithTax');
    expect(fields.items.find((item: { field: string }) => item.field === 'sku').label).toBe('SKU');

    const file = Buffer.from('Ticket;Jour;Carte;Produit code;Qté\nA-1;02/03/2026;4242;CAFE-250;2\n', 'utf8');
    const unmapped = await s.upload(file, 'caisse.csv', { dryRun: true });
    const byHeader = Object.fromEntries(unmapped.json().columns.map((column: { header: string; field: string | null }) => [column.header, column.field]));
    expect(byHeader).toEqual({ Ticket: 'reference', Jour: null, Carte: null, 'Produit code': null, Qté: 'quantity' });

    const mapping = { Jour: 'date', Carte: 'customer', 'Produit code': 'sku' };
    const mapped = await s.importFile(file, { mapping });
    expect(mapped.totals.created).toBe(1);
    const next = await s.upload(Buffer.from('Ticket;Jour;Carte;Produit code;Qté\nA-2;03/03/2026;4242;CAFE-250;1\n', 'utf8'), 'caisse.csv', { dryRun: true });
    expect(next.json().columns.map((column: { source: string | null }) => column.source)).toEqual(['header', 'saved', 'saved', 'saved', 'header']);
    expect(next.json().totals.created).toBe(1);

    const wrong = await s.upload(file, 'caisse.csv', { dryRun: true, mapping: { Jour: 'firstName' } });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('options.mapping.Jour');

    const history = (await s.call('GET', '/api/v1/imports')).json();
    expect(history.items[0].kind).toBe('sales');
  });

  it('percent cells read as the spreadsheet shows them', async () => {
    const s = await shop();
    const file = await xlsxFile([
      header,
      ['T-9301', '02/03/2026', 'CLI-2', null, 'Service', 1, 100, { value: 0.1, numFmt: '0%' }, { value: 0.055, numFmt: '0.0%' }],
    ]);
    const result = await s.importFile(file);
    expect(result.totals.created).toBe(1);
    const [row] = await s.sales();
    expect((await s.read(row?.id ?? '')).lines[0]).toMatchObject({ discountPercent: '10', taxRate: '5.5', total: '94.95' });
  });

  it('cancel writes nothing and progress counts rows', async () => {
    const s = await shop();
    const rows = Array.from({ length: 40 }, (_, i) => [`C-${i}`, '02/03/2026', 'PRO-1', 'CAFE-250', '', '1']);
    const preview = await s.upload(csv(rows), 'ventes.csv', { dryRun: true });
    const id = preview.json().id as string;
    const auth = await resolveAuth(s.db, { headers: { authorization: `Bearer ${s.token}` }, cookies: {} } as never);
    if (!auth) throw new Error('no auth');
    const { finished } = await beginCommit(t.database.db, auth, id, { locale: 'fr' });
    expect(cancelJob(id)).toBe(true);
    const cancelled = await finished;
    expect(cancelled.status).toBe('cancelled');
    const stored = (await s.call('GET', `/api/v1/imports/${id}`)).json();
    expect(stored.message).toBe('Import annulé : rien n’a été enregistré.');
    expect(await s.sales()).toHaveLength(0);

    const streamed = await s.call('POST', `/api/v1/imports/${id}/commit`, {}, { accept: 'application/x-ndjson' });
    const lines = streamed.body.trim().split('\n').map((line) => JSON.parse(line));
    const last = lines[lines.length - 1].import;
    expect(last.status).toBe('committed');
    expect(last.progress).toEqual({ done: 40, total: 40 });
    expect(await s.sales()).toHaveLength(40);
  });

  it('needs the sale.create permission', async () => {
    const clerk = await t.addUser(['customer.create', 'customer.view'], 'Vendeur');
    const body = multipart(csv([['T-1', '02/03/2026', '', '', 'X', '1', '1', '', '', 'En attente']]), 'v.csv', { kind: 'sales', dryRun: true });
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/imports', payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${clerk.token}`, 'accept-language': 'fr' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().permission).toBe('sale.create');
  });

  it('vCard is not a sales file', async () => {
    const s = await shop();
    const res = await s.upload(Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean\r\nEND:VCARD\r\n'), 'carte.vcf', { dryRun: true });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('import_sales_format');
  });
});
