/**
 * An import checks each row with the importing user's permissions, so a
 * user without ledger.discount cannot put customers in a customer group
 * through a file either.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

describe.each(engines)('customer group on import on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Habitués', calculation: 'percentage', percentage: '10' });
    expect(group.statusCode, group.body).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = async (token: string, file: string) => {
    const body = multipart(Buffer.from(file, 'utf8'), 'clients.csv');
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${token}`, 'accept-language': 'fr' },
    });
  };

  it('row with a group needs ledger.discount', async () => {
    const { token } = await t.addUser(['customer.view', 'customer.create', 'customer.update']);
    const res = await upload(token, 'Nom;Mobile;Groupe de clients\nLemaire;0600009901;Habitués\nGarnier;0600009902;\n');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('failed');
    expect(res.json().totals).toMatchObject({ rows: 2, invalid: 1, created: 0 });
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toMatchObject({ line: 2, column: 'Groupe de clients', code: 'field_needs_permission' });
    expect(res.json().errors[0].message).toContain('Accorder des remises sur le solde');
  });

  it('row with a group imports with ledger.discount', async () => {
    const { token } = await t.addUser(['customer.view', 'customer.create', 'customer.update', 'ledger.discount']);
    const res = await upload(token, 'Nom;Mobile;Groupe de clients\nRoux;0600009903;Habitués\n');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().totals).toMatchObject({ rows: 1, invalid: 0, created: 1 });
  });
});
