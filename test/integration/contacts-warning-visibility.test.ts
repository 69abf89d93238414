/**
 * What the issues about another contact (a shared mobile, email, tax number,
 * loyalty card or code) reveal: the other contact's name, code and id only
 * to a user who may view that contact.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContacts } from '../../src/contacts/create-contacts.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { issueAt, person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

interface Issue {
  path: string;
  code: string;
  message: string;
  contactId?: string;
}

const own = ['customer.view_own', 'customer.create', 'customer.update'];

function warningAt(body: { warnings: Issue[] }, path: string): Issue | undefined {
  return body.warnings.find((warning) => warning.path === path);
}

describe.each(engines)('warning visibility on %s', (engine) => {
  let t: TestApp;
  let seller: { userId: string; token: string };
  let viewer: { userId: string; token: string };
  let other: { id: string; code: string };
  let call: (token: string, method: InjectOptions['method'], url: string, body?: unknown, locale?: string) => Promise<LightMyRequestResponse>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    call = (token, method, url, body, locale = 'fr') =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': locale },
        ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
      });
    seller = await t.addUser(own, 'Vendeuse');
    viewer = await t.addUser(['customer.view', 'customer.create', 'customer.update'], 'Caissière');
    const res = await t.api('POST', '/api/v1/contacts', person('Gaspard', '06 40 00 00 01', {
      lastName: 'Secret', email: 'gaspard.secret@example.fr', taxNumber: 'FR 40 303 265 045',
      loyaltyCardNumber: 'CARTE-SECRET', code: 'SECRET-1',
    }));
    expect(res.statusCode, res.body).toBe(201);
    other = res.json();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hides another contact from a view-own user', async () => {
    const res = await call(seller.token, 'POST', '/api/v1/contacts', person('Alice', '+33640000001', {
      email: 'Gaspard.Secret@example.fr', taxNumber: 'fr40303265045',
    }));
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    for (const [path, code] of [['mobile', 'duplicate_mobile'], ['email', 'duplicate_email'], ['taxNumber', 'duplicate_tax_number']]) {
      const warning = warningAt(body, path as string);
      expect(warning?.code).toBe(code);
      expect(warning?.message).toContain('un autre contact');
      expect(warning?.message).not.toContain('Secret');
      expect(warning?.message).not.toContain('SECRET-1');
      expect(warning).not.toHaveProperty('contactId');
    }
    expect(warningAt(body, 'mobile')?.message).toBe('Ce numéro est déjà celui d’un autre contact.');
    expect(JSON.stringify(body)).not.toContain(other.id);
  });

  it('words the hidden warning in English', async () => {
    const res = await call(seller.token, 'POST', '/api/v1/contacts', person('Bob', '06 40 00 00 01'), 'en');
    expect(res.statusCode, res.body).toBe(201);
    expect(warningAt(res.json(), 'mobile')?.message).toBe('This number already belongs to another contact.');
  });

  it('names another contact to a view-all user', async () => {
    const res = await call(viewer.token, 'POST', '/api/v1/contacts', person('Chloé', '06 40 00 00 01', {
      email: 'gaspard.secret@example.fr',
    }), 'en');
    expect(res.statusCode, res.body).toBe(201);
    const mobile = warningAt(res.json(), 'mobile');
    expect(mobile?.message).toBe(`This number already belongs to Gaspard Secret (${other.code}).`);
    expect(mobile?.contactId).toBe(other.id);
    expect(warningAt(res.json(), 'email')?.contactId).toBe(other.id);
  });

  it('names the view-own user’s own contacts', async () => {
    const mine = await call(seller.token, 'POST', '/api/v1/contacts', person('Denis', '06 40 00 00 02', { lastName: 'Mien' }));
    expect(mine.statusCode, mine.body).toBe(201);
    const res = await call(seller.token, 'POST', '/api/v1/contacts', person('Emma', '06 40 00 00 02'));
    expect(res.statusCode, res.body).toBe(201);
    const warning = warningAt(res.json(), 'mobile');
    expect(warning?.message).toContain('Denis Mien');
    expect(warning?.contactId).toBe(mine.json().id);
  });

  it('names a contact assigned to the view-own user', async () => {
    const assigned = await t.api('POST', '/api/v1/contacts', person('Fanny', '06 40 00 00 03', {
      lastName: 'Confiée', assignedUserIds: [seller.userId],
    }));
    expect(assigned.statusCode, assigned.body).toBe(201);
    const res = await call(seller.token, 'POST', '/api/v1/contacts', person('Gilles', '06 40 00 00 03'));
    expect(res.statusCode, res.body).toBe(201);
    expect(warningAt(res.json(), 'mobile')?.contactId).toBe(assigned.json().id);
    expect(warningAt(res.json(), 'mobile')?.message).toContain('Fanny Confiée');
  });

  it('hides another contact when stopping on warnings', async () => {
    const res = await call(seller.token, 'POST', '/api/v1/contacts?stopOnWarnings=true', person('Hugo', '06 40 00 00 01'));
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('duplicate_warning');
    const issue = issueAt(res.json(), 'mobile') as Issue | undefined;
    expect(issue?.message).toBe('Ce numéro est déjà celui d’un autre contact.');
    expect(issue).not.toHaveProperty('contactId');

    const named = await call(viewer.token, 'POST', '/api/v1/contacts?stopOnWarnings=true', person('Hugo', '06 40 00 00 01'));
    expect(named.statusCode, named.body).toBe(409);
    expect((issueAt(named.json(), 'mobile') as Issue | undefined)?.contactId).toBe(other.id);
  });

  it('hides another contact on update', async () => {
    const mine = await call(seller.token, 'POST', '/api/v1/contacts', person('Inès', '06 40 00 00 04'));
    expect(mine.statusCode, mine.body).toBe(201);
    const res = await call(seller.token, 'PATCH', `/api/v1/contacts/${mine.json().id}`, { mobile: '06 40 00 00 01' });
    expect(res.statusCode, res.body).toBe(200);
    const warning = warningAt(res.json(), 'mobile');
    expect(warning?.message).toBe('Ce numéro est déjà celui d’un autre contact.');
    expect(warning).not.toHaveProperty('contactId');

    const seen = await call(viewer.token, 'PATCH', `/api/v1/contacts/${mine.json().id}`, { email: 'gaspard.secret@example.fr' });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(warningAt(seen.json(), 'email')?.contactId).toBe(other.id);
  });

  it('hides the holder of a taken card', async () => {
    const res = await call(seller.token, 'POST', '/api/v1/contacts', person('Jules', '06 40 00 00 05', { loyaltyCardNumber: 'CARTE-SECRET' }));
    expect(res.statusCode, res.body).toBe(422);
    const issue = issueAt(res.json(), 'loyaltyCardNumber');
    expect(issue?.code).toBe('duplicate_loyalty_card');
    expect(issue?.message).toBe('Cette carte de fidélité est déjà attribuée à un autre contact : vérifiez son numéro.');

    const named = await call(viewer.token, 'POST', '/api/v1/contacts', person('Jules', '06 40 00 00 05', { loyaltyCardNumber: 'CARTE-SECRET' }));
    expect(named.statusCode, named.body).toBe(422);
    expect(issueAt(named.json(), 'loyaltyCardNumber')?.message).toContain('Gaspard Secret');
  });

  it('hides the holder of a taken code', async () => {
    const res = await call(seller.token, 'POST', '/api/v1/contacts', person('Karim', '06 40 00 00 06', { code: 'SECRET-1' }), 'en');
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('contact_code_taken');
    expect(res.json().detail).toBe('Contact code “SECRET-1” is already used by another contact: choose another or leave it empty.');
    expect(issueAt(res.json(), 'code')?.message).toBe('Code “SECRET-1” is already used by another contact.');

    const named = await call(viewer.token, 'POST', '/api/v1/contacts', person('Karim', '06 40 00 00 06', { code: 'SECRET-1' }), 'en');
    expect(named.statusCode, named.body).toBe(409);
    expect(named.json().detail).toContain('Gaspard Secret');
  });

  it('hides suppliers from a view-own supplier user', async () => {
    const supplier = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Grossiste Caché', mobile: '06 40 00 00 07',
    });
    expect(supplier.statusCode, supplier.body).toBe(201);
    const buyer = await t.addUser(['customer.view', 'supplier.view_own', 'supplier.create'], 'Acheteur');
    const res = await call(buyer.token, 'POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Nouveau grossiste', mobile: '06 40 00 00 07', email: 'gaspard.secret@example.fr',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(warningAt(res.json(), 'mobile')?.message).toBe('Ce numéro est déjà celui d’un autre contact.');
    expect(warningAt(res.json(), 'mobile')).not.toHaveProperty('contactId');
    // The customer who has the email is visible with customer.view.
    expect(warningAt(res.json(), 'email')?.contactId).toBe(other.id);
  });

  it('batch names only what the actor may view', async () => {
    const actor = { businessId: t.business.businessId, userId: seller.userId, isAdmin: false, permissions: new Set(own) };
    const outcomes = await createContacts(t.database.db.kysely, actor, [
      person('Léon', '06 40 00 00 01'),
      person('Léon', '06 40 00 00 08', { lastName: 'Premier' }),
      person('Marc', '06 40 00 00 08'),
    ]);
    const warnings = outcomes.map((outcome) => (outcome.ok ? outcome.warnings : []));
    expect(warnings[0]).toEqual([{ path: 'mobile', code: 'duplicate_mobile' }]);
    expect(warnings[1]).toEqual([]);
    const first = outcomes[1];
    expect(warnings[2]).toEqual([{
      path: 'mobile', code: 'duplicate_mobile', params: { name: 'Léon Premier', code: first?.ok ? first.contact.code : '' },
      contactId: first?.ok ? first.contact.id : '',
    }]);
  });
});
