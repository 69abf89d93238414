import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { countContacts, person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('contact permissions on %s', (engine) => {
  let t: TestApp;
  let cashier: { userId: string; token: string };
  let colleague: { userId: string; token: string };
  let adminContactId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    cashier = await t.addUser(['customer.view_own', 'customer.create', 'customer.update'], 'Caissière');
    colleague = await t.addUser(['customer.view_own', 'customer.create', 'customer.update'], 'Collègue');
    adminContactId = (await t.api('POST', '/api/v1/contacts', person('Admin', '06 10 00 00 01'))).json().id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((item) => item.name).sort();

  it('view own sees only created and assigned contacts', async () => {
    const me = asToken(t, cashier.token);
    const mine = await me('POST', '/api/v1/contacts', person('Mien', '06 10 00 00 02'));
    expect(mine.statusCode).toBe(201);
    const assigned = await t.api('POST', '/api/v1/contacts', person('Confié', '06 10 00 00 03', { assignedUserIds: [cashier.userId] }));
    await asToken(t, colleague.token)('POST', '/api/v1/contacts', person('Autre', '06 10 00 00 04'));

    expect(names(await me('GET', '/api/v1/contacts'))).toEqual(['Confié', 'Mien']);
    expect(names(await me('GET', '/api/v1/contacts?q=0610'))).toEqual(['Confié', 'Mien']);
    expect((await me('GET', `/api/v1/contacts/${assigned.json().id}`)).statusCode).toBe(200);
    expect((await me('GET', `/api/v1/contacts/${adminContactId}`)).statusCode).toBe(404);
    expect((await me('PATCH', `/api/v1/contacts/${adminContactId}`, { city: 'Nantes' })).statusCode).toBe(404);
    // Without any delete permission, the route returns 403 before it looks the contact up.
    expect((await me('DELETE', `/api/v1/contacts/${adminContactId}`)).statusCode).toBe(403);
    expect((await me('GET', `/api/v1/contacts/${adminContactId}/notes`)).statusCode).toBe(404);
    expect((await me('GET', `/api/v1/contacts/${adminContactId}/activity`)).statusCode).toBe(404);
    expect((await me('GET', `/api/v1/contacts/${adminContactId}/personal-data`)).statusCode).toBe(404);
    expect((await me('PATCH', `/api/v1/contacts/${mine.json().id}`, { city: 'Nantes' })).json().city).toBe('Nantes');
  });

  it('loses access when un-assigned', async () => {
    const me = asToken(t, cashier.token);
    const created = await t.api('POST', '/api/v1/contacts', person('Passager', '06 10 00 00 05', {
      assignedUserIds: [cashier.userId, colleague.userId],
    }));
    const id = created.json().id;
    expect((await me('GET', `/api/v1/contacts/${id}`)).statusCode).toBe(200);

    const cleared = await t.api('PATCH', `/api/v1/contacts/${id}`, { assignedUserIds: [] });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().assignedUserIds).toEqual([]);
    expect((await me('GET', `/api/v1/contacts/${id}`)).statusCode).toBe(404);
    expect(names(await me('GET', '/api/v1/contacts'))).not.toContain('Passager');
    expect((await me('PATCH', `/api/v1/contacts/${id}`, { city: 'Lyon' })).statusCode).toBe(404);
  });

  it('view own grants no delete', async () => {
    const me = asToken(t, cashier.token);
    const mine = await me('POST', '/api/v1/contacts', person('À garder', '06 10 00 00 06'));
    const res = await me('DELETE', `/api/v1/contacts/${mine.json().id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
    expect((await me('GET', `/api/v1/contacts/${mine.json().id}`)).statusCode).toBe(200);
  });

  it('view own alone grants no create or update', async () => {
    const viewer = await t.addUser(['customer.view_own'], 'Lecteur');
    const as = asToken(t, viewer.token);
    const before = await countContacts(t);
    const res = await as('POST', '/api/v1/contacts', person('Non', '06 10 00 00 07'));
    expect(res.statusCode).toBe(403);
    expect(await countContacts(t)).toBe(before);
    const assigned = await t.api('POST', '/api/v1/contacts', person('Vu', '06 10 00 00 08', { assignedUserIds: [viewer.userId] }));
    expect((await as('GET', `/api/v1/contacts/${assigned.json().id}`)).statusCode).toBe(200);
    expect((await as('PATCH', `/api/v1/contacts/${assigned.json().id}`, { city: 'Lyon' })).statusCode).toBe(403);
  });

  it('checks each side of the type', async () => {
    const as = asToken(t, cashier.token);
    const supplier = await as('POST', '/api/v1/contacts', person('Fournisseur', '06 10 00 00 09', { type: 'supplier' }));
    expect(supplier.statusCode).toBe(403);
    expect(supplier.json().detail).toContain('Créer des fournisseurs');
    const both = await as('POST', '/api/v1/contacts', person('Les deux', '06 10 00 00 10', { type: 'both' }));
    expect(both.statusCode).toBe(403);

    const buyer = await t.addUser(['supplier.view', 'supplier.create', 'supplier.update'], 'Acheteur');
    const asBuyer = asToken(t, buyer.token);
    const created = await asBuyer('POST', '/api/v1/contacts', person('Grossiste', '06 10 00 00 11', { type: 'supplier' }));
    expect(created.statusCode).toBe(201);
    const toBoth = await asBuyer('PATCH', `/api/v1/contacts/${created.json().id}`, { type: 'both' });
    expect(toBoth.statusCode).toBe(403);
    expect(names(await asBuyer('GET', '/api/v1/contacts'))).toEqual(['Grossiste']);
    expect((await asBuyer('GET', `/api/v1/contacts/${adminContactId}`)).statusCode).toBe(404);
  });

  it('shows a both contact to either side', async () => {
    const both = await t.api('POST', '/api/v1/contacts', person('Mixte', '06 10 00 00 12', { type: 'both' }));
    const buyer = await t.addUser(['supplier.view'], 'Comptable');
    const res = await asToken(t, buyer.token)('GET', '/api/v1/contacts?type=customer');
    expect(names(res)).toEqual(['Mixte']);
    expect((await asToken(t, buyer.token)('GET', `/api/v1/contacts/${both.json().id}`)).statusCode).toBe(200);
  });

  it('rejects the list without view permission', async () => {
    const nobody = await t.addUser(['customer.create'], 'Saisie');
    const res = await asToken(t, nobody.token)('GET', '/api/v1/contacts');
    expect(res.statusCode).toBe(403);
  });
});
