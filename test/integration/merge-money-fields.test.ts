/**
 * A merge that would give the kept contact another credit limit or customer
 * group needs the permission that setting the field needs: a user allowed to
 * merge but not to grant credit or discounts cannot do it through a merge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('merge money fields on %s', (engine) => {
  let t: TestApp;
  let groupId = '';
  let mergeOnly: ReturnType<typeof asToken>;
  let mergeWithMoney: ReturnType<typeof asToken>;

  const create = async (body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', { kind: 'individual', type: 'customer', ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Grossistes', calculation: 'percentage', percentage: '15' });
    expect(group.statusCode, group.body).toBe(201);
    groupId = group.json().id;
    const viewAndMerge = ['customer.view', 'ledger.view', 'contact.merge'];
    mergeOnly = asToken(t, (await t.addUser(viewAndMerge, 'Fusion')).token);
    mergeWithMoney = asToken(t, (await t.addUser([...viewAndMerge, 'ledger.discount', 'credit_limit.override'], 'Fusion et crédit')).token);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('rejects a credit limit taken without permission', async () => {
    const keep = await create({ firstName: 'Jean', lastName: 'Faure', mobile: '06 12 34 56 70', creditLimit: '100.00' });
    const dup = await create({ firstName: 'Jean', lastName: 'FAURE', mobile: '06 12 34 56 71', creditLimit: '5000.00' });
    const request = { keepId: keep.id, mergeIds: [dup.id], fields: { creditLimit: dup.id }, dryRun: true };

    const refused = await mergeOnly('POST', '/api/v1/contacts/merge', request);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().code).toBe('money_field_forbidden');
    expect(refused.json().errors).toEqual([
      { path: 'fields.creditLimit', code: 'field_needs_permission', message: 'Ce champ demande la permission « Passer outre la limite de crédit ».' },
    ]);

    const kept = await mergeOnly('POST', '/api/v1/contacts/merge', { ...request, fields: { creditLimit: keep.id } });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().contact.creditLimit).toBe('100.00');

    const allowed = await mergeWithMoney('POST', '/api/v1/contacts/merge', request);
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json().contact.creditLimit).toBe('5000.00');
  });

  it('rejects a group filled in without permission', async () => {
    const keep = await create({ firstName: 'Anaïs', lastName: 'Roux', mobile: '06 12 34 56 72' });
    const dup = await create({ firstName: 'Anaïs', lastName: 'ROUX', mobile: '06 12 34 56 73', customerGroupId: groupId });
    // Without a choice, the kept contact's empty group takes the merged contact's.
    const request = { keepId: keep.id, mergeIds: [dup.id], dryRun: true };

    const refused = await mergeOnly('POST', '/api/v1/contacts/merge', request);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().errors[0]).toMatchObject({ path: 'fields.customerGroupId', code: 'field_needs_permission' });

    const kept = await mergeOnly('POST', '/api/v1/contacts/merge', { ...request, fields: { customerGroupId: keep.id }, dryRun: false });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().contact.customerGroupId).toBeNull();
    const after = await t.api('GET', `/api/v1/contacts/${keep.id}`);
    expect(after.json().customerGroupId).toBeNull();
  });

  it('allows the group with the discount permission', async () => {
    const keep = await create({ firstName: 'Paul', lastName: 'Martin', mobile: '06 12 34 56 74' });
    const dup = await create({ firstName: 'Paul', lastName: 'MARTIN', mobile: '06 12 34 56 75', customerGroupId: groupId });
    const res = await mergeWithMoney('POST', '/api/v1/contacts/merge', { keepId: keep.id, mergeIds: [dup.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().contact.customerGroupId).toBe(groupId);
  });
});
