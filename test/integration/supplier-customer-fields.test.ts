/**
 * A customer turned into a supplier, by a PATCH or an upsert import, loses
 * the customer-only fields that the request or row does not set, with one
 * warning per field and an audit entry. A value that the request or row
 * itself gives to the supplier is still rejected, naming that value.
 * A user who may not change a cleared credit limit or group cannot make
 * the change, and the error names the value and the permission.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { issueAt, readContactRow } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

interface Warning {
  path: string;
  code: string;
  message: string;
}

interface RowWarning {
  line: number;
  code: string;
  message: string;
}

const english = { 'accept-language': 'en' };

describe.each(engines)('customer fields of a new supplier on %s', (engine) => {
  let t: TestApp;
  let groupId = '';
  let mobileCounter = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Grossistes', calculation: 'percentage', percentage: '10' });
    expect(group.statusCode, group.body).toBe(201);
    groupId = group.json().id;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** Creates a customer business with a card, a credit limit and the group. */
  async function customer(code: string, card: string) {
    mobileCounter += 1;
    const res = await t.api('POST', '/api/v1/contacts', {
      code, kind: 'business', businessName: `Maison ${code}`, mobile: `06 40 00 00 ${String(mobileCounter).padStart(2, '0')}`,
      loyaltyCardNumber: card, creditLimit: '250.00', customerGroupId: groupId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  async function auditChanges(contactId: string) {
    const rows = await t.database.db.kysely.selectFrom('audit_log').select(['action', 'changes'])
      .where('entity_id', '=', contactId).orderBy('id').execute();
    return rows.map((row) => ({ action: row.action, changes: JSON.parse(row.changes) as unknown }));
  }

  function upload(file: string, options: unknown, headers: Record<string, string> = {}) {
    const body = multipart(Buffer.from(file, 'utf8'), 'contacts.csv', options);
    return t.api('POST', '/api/v1/imports', body.payload, { ...body.headers, ...headers });
  }

  it('patch to supplier clears with warnings', async () => {
    const id = await customer('CL-1', 'FID-1001');
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' }, english);
    expect(res.statusCode, res.body).toBe(200);
    const contact = res.json();
    expect(contact.type).toBe('supplier');
    expect(contact.loyaltyCardNumber).toBeNull();
    expect(contact.creditLimit).toBeNull();
    expect(contact.customerGroupId).toBeNull();
    expect(contact.warnings).toEqual<Warning[]>([
      {
        path: 'loyaltyCardNumber',
        code: 'supplier_card_cleared',
        message: 'The loyalty card “FID-1001” is removed, because a supplier has none. To keep it, make the contact a customer and supplier.',
      },
      {
        path: 'creditLimit',
        code: 'supplier_credit_limit_cleared',
        message: 'The credit limit of €250.00 is removed, because a supplier has none. To keep it, make the contact a customer and supplier.',
      },
      {
        path: 'customerGroupId',
        code: 'supplier_group_cleared',
        message: 'The customer group “Grossistes” is removed, because a supplier belongs to none. To keep it, make the contact a customer and supplier.',
      },
    ]);

    const row = await readContactRow(t, id);
    expect(row?.loyalty_card_number).toBeNull();
    expect(row?.credit_limit).toBeNull();
    expect(row?.customer_group_id).toBeNull();
    const audit = await auditChanges(id);
    expect(audit.at(-1)).toEqual({
      action: 'updated',
      changes: expect.arrayContaining([
        { field: 'type', from: 'customer', to: 'supplier' },
        { field: 'loyaltyCardNumber', from: 'FID-1001', to: null },
        { field: 'creditLimit', from: '250.00', to: null },
        { field: 'customerGroupId', from: groupId, to: null },
      ]),
    });

    // The card is free again.
    const other = await t.api('POST', '/api/v1/contacts', {
      firstName: 'Nina', mobile: '06 41 00 00 01', loyaltyCardNumber: 'FID-1001',
    });
    expect(other.statusCode, other.body).toBe(201);
  });

  it('patch warnings read in French', async () => {
    const id = await customer('CL-2', 'FID-1002');
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings.map((warning: Warning) => warning.message)).toEqual([
      'La carte de fidélité « FID-1002 » est retirée, car un fournisseur n’en a pas. Pour la garder, faites du contact un client et fournisseur.',
      'La limite de crédit de 250,00\u00a0€ est retirée, car un fournisseur n’en a pas. Pour la garder, faites du contact un client et fournisseur.',
      'Le groupe de clients « Grossistes » est retiré, car un fournisseur n’appartient à aucun groupe. Pour le garder, faites du contact un client et fournisseur.',
    ]);
  });

  it('stopOnWarnings keeps the customer fields', async () => {
    const id = await customer('CL-3', 'FID-1003');
    const res = await t.api('PATCH', `/api/v1/contacts/${id}?stopOnWarnings=true`, { type: 'supplier' }, english);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('duplicate_warning');
    expect(res.json().errors.map((issue: Warning) => issue.code)).toEqual([
      'supplier_card_cleared', 'supplier_credit_limit_cleared', 'supplier_group_cleared',
    ]);
    const row = await readContactRow(t, id);
    expect(row?.type).toBe('customer');
    expect(row?.loyalty_card_number).toBe('FID-1003');
  });

  it('patch clearing a field warns of the others', async () => {
    const id = await customer('CL-4', 'FID-1004');
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier', loyaltyCardNumber: null, creditLimit: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings.map((warning: Warning) => warning.path)).toEqual(['customerGroupId']);
    expect(res.json().customerGroupId).toBeNull();
  });

  it('patch giving a card names it', async () => {
    const id = await customer('CL-5', 'FID-1005');
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier', loyaltyCardNumber: 'FID-2005' }, english);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([{
      path: 'loyaltyCardNumber',
      code: 'customer_field_on_supplier',
      message: '“FID-2005” applies to customers only, and this contact is a supplier: clear this field, or make the contact a customer or both.',
    }]);
    expect((await readContactRow(t, id))?.type).toBe('customer');
  });

  it('patch giving a group names it', async () => {
    const id = await customer('CL-6', 'FID-1006');
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier', customerGroupId: groupId }, english);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toHaveLength(1);
    expect(issueAt(res.json(), 'customerGroupId')?.message).toBe(
      '“Grossistes” applies to customers only, and this contact is a supplier: clear this field, or make the contact a customer or both.',
    );
  });

  it('new supplier with a group names it', async () => {
    const res = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Minoterie Roux', mobile: '06 42 00 00 01', customerGroupId: groupId,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(issueAt(res.json(), 'customerGroupId')?.message).toContain('« Grossistes »');
    expect(res.body).not.toContain(groupId);
  });

  it('upsert import clears with warnings', async () => {
    const id = await customer('CL-7', 'FID-1007');
    const file = 'Code;Type;Ville\nCL-7;fournisseur;Lyon\n';
    const preview = await upload(file, { mode: 'upsert', matchOn: ['code'], dryRun: true }, english);
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().errors).toEqual([]);
    expect(preview.json().totals).toMatchObject({ rows: 1, valid: 1, invalid: 0, updated: 1 });
    expect(preview.json().warnings.map((warning: RowWarning) => [warning.line, warning.code])).toEqual([
      [2, 'supplier_card_cleared'], [2, 'supplier_credit_limit_cleared'], [2, 'supplier_group_cleared'],
    ]);
    expect(preview.json().warnings[0].message).toContain('“FID-1007”');
    expect(preview.json().warnings[2].message).toContain('“Grossistes”');
    expect((await readContactRow(t, id))?.loyalty_card_number).toBe('FID-1007');

    const commit = await t.api('POST', `/api/v1/imports/${preview.json().id}/commit`, {}, english);
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json().status).toBe('committed');
    const read = await t.api('GET', `/api/v1/imports/${preview.json().id}`);
    expect(read.json().warnings.map((warning: RowWarning) => warning.message)).toEqual([
      'Ligne 2 : La carte de fidélité « FID-1007 » est retirée, car un fournisseur n’en a pas. Pour la garder, faites du contact un client et fournisseur.',
      'Ligne 2 : La limite de crédit de 250,00\u00a0€ est retirée, car un fournisseur n’en a pas. Pour la garder, faites du contact un client et fournisseur.',
      'Ligne 2 : Le groupe de clients « Grossistes » est retiré, car un fournisseur n’appartient à aucun groupe. Pour le garder, faites du contact un client et fournisseur.',
    ]);

    const row = await readContactRow(t, id);
    expect(row?.type).toBe('supplier');
    expect(row?.city).toBe('Lyon');
    expect(row?.loyalty_card_number).toBeNull();
    expect(row?.credit_limit).toBeNull();
    expect(row?.customer_group_id).toBeNull();
    const audit = await auditChanges(id);
    expect(audit.at(-1)?.changes).toEqual(expect.arrayContaining([
      { field: 'loyaltyCardNumber', from: 'FID-1007', to: null },
      { field: 'creditLimit', from: '250.00', to: null },
      { field: 'customerGroupId', from: groupId, to: null },
    ]));
  });

  it('upsert row giving a group names it', async () => {
    const id = await customer('CL-8', 'FID-1008');
    const file = 'Code;Type;Groupe de clients\nCL-8;fournisseur;Grossistes\n';
    const res = await upload(file, { mode: 'upsert', matchOn: ['code'] }, english);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('failed');
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toMatchObject({ line: 2, column: 'Groupe de clients', code: 'customer_field_on_supplier' });
    expect(res.json().errors[0].message).toBe(
      'Line 2, column “Groupe de clients”: “Grossistes” applies to customers only, and this contact is a supplier: clear this field, or make the contact a customer or both.',
    );
    expect((await readContactRow(t, id))?.type).toBe('customer');
  });

  it('upsert row giving a card names it', async () => {
    await customer('CL-9', 'FID-1009');
    const file = 'Code;Type;Carte de fidélité\nCL-9;fournisseur;FID-2009\n';
    const res = await upload(file, { mode: 'upsert', matchOn: ['code'] }, english);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toMatchObject({ line: 2, code: 'customer_field_on_supplier' });
    expect(res.json().errors[0].message).toContain('“FID-2009”');
    expect(res.json().errors[0].message).not.toContain('FID-1009');
  });

  /** Creates a user who may change customers and suppliers, with `extra` permissions. */
  async function clerk(extra: string[]) {
    const base = ['customer.view', 'customer.update', 'supplier.view', 'supplier.update'];
    return (await t.addUser([...base, ...extra], 'Commis')).token;
  }

  it('patch without credit permission names the limit', async () => {
    const id = await customer('CL-20', 'FID-1020');
    const res = await asToken(t, await clerk(['ledger.discount']))('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('supplier_credit_limit_forbidden');
    const message =
      'Faire de « Maison CL-20 » un fournisseur retire sa limite de crédit de 250,00\u00a0€, ce qui demande la permission ' +
      '« Passer outre la limite de crédit » : demandez ce changement à un administrateur, ou faites du contact un client et fournisseur.';
    expect(res.json().detail).toBe(message);
    expect(res.json().errors).toEqual([{ path: 'creditLimit', code: 'supplier_credit_limit_forbidden', message }]);
    const row = await readContactRow(t, id);
    expect(row?.type).toBe('customer');
    expect(row?.credit_limit).not.toBeNull();
  });

  it('patch without discount permission names the group', async () => {
    const id = await customer('CL-21', 'FID-1021');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/contacts/${id}`,
      headers: { authorization: `Bearer ${await clerk(['credit_limit.override'])}`, ...english },
      payload: { type: 'supplier' },
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('supplier_group_forbidden');
    expect(res.json().detail).toBe(
      'Making “Maison CL-21” a supplier removes its customer group “Grossistes”, which needs the “Give discounts on the balance” permission: ' +
      'ask an administrator to make this change, or make the contact a customer and supplier.',
    );
    expect((await readContactRow(t, id))?.customer_group_id).toBe(groupId);
  });

  it('form patch without permission names the limit', async () => {
    const id = await customer('CL-23', 'FID-1023');
    // The contact form sends the customer-only fields of a supplier as null.
    const patch = { type: 'supplier', loyaltyCardNumber: null, creditLimit: null, customerGroupId: null };
    const res = await asToken(t, await clerk(['ledger.discount']))('PATCH', `/api/v1/contacts/${id}`, patch);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().code).toBe('supplier_credit_limit_forbidden');
    expect(res.json().detail).toContain('retire sa limite de crédit de 250,00\u00a0€');
    expect((await readContactRow(t, id))?.type).toBe('customer');
  });

  it('upsert row without permission names the limit', async () => {
    await customer('CL-22', 'FID-1022');
    const token = await clerk(['ledger.discount']);
    const file = 'Code;Type;Ville\nCL-22;fournisseur;Lyon\n';
    const res = await upload(file, { mode: 'upsert', matchOn: ['code'], dryRun: true }, { ...english, authorization: `Bearer ${token}` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toMatchObject({ line: 2, field: 'creditLimit', code: 'supplier_credit_limit_forbidden' });
    expect(res.json().errors[0].message).toBe(
      'Line 2: Making “Maison CL-22” a supplier removes its credit limit of €250.00, which needs the “Override the credit limit” ' +
      'permission: ask an administrator to make this change, or make the contact a customer and supplier.',
    );
  });
});
