import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { countContacts, person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

interface Warning {
  path: string;
  code: string;
  message: string;
  contactId?: string;
}

function warningAt(body: { warnings: Warning[] }, path: string) {
  return body.warnings.find((warning) => warning.path === path);
}

describe.each(engines)('contact warnings on %s', (engine) => {
  let t: TestApp;
  let first: { id: string; code: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const res = await t.api('POST', '/api/v1/contacts', person('Élodie', '06 12 34 56 78', {
      lastName: 'Martin', email: 'elodie.martin@example.fr', taxNumber: 'FR 40 303 265 045',
    }));
    expect(res.statusCode).toBe(201);
    first = res.json();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('warns of a mobile written another way', async () => {
    const before = await countContacts(t);
    const res = await t.api('POST', '/api/v1/contacts', person('Léa', '+33612345678'));
    expect(res.statusCode).toBe(201);
    const warning = warningAt(res.json(), 'mobile');
    expect(warning?.code).toBe('duplicate_mobile');
    expect(warning?.message).toContain('Élodie Martin');
    expect(warning?.message).toContain(first.code);
    expect(warning?.contactId).toBe(first.id);
    expect(await countContacts(t)).toBe(before + 1);
  });

  it('warns of an email in another case', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Théo', '06 55 44 33 22', { email: 'Elodie.MARTIN@Example.fr' }));
    expect(res.statusCode).toBe(201);
    expect(warningAt(res.json(), 'email')?.code).toBe('duplicate_email');
    expect(warningAt(res.json(), 'email')?.message).toContain(first.code);
    expect(warningAt(res.json(), 'email')?.contactId).toBe(first.id);
  });

  it('warns of a tax number written another way', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Inès', '06 55 44 33 23', { taxNumber: 'fr40303265045' }));
    expect(res.statusCode).toBe(201);
    expect(warningAt(res.json(), 'taxNumber')?.code).toBe('duplicate_tax_number');
    expect(warningAt(res.json(), 'taxNumber')?.contactId).toBe(first.id);
    expect(res.json().taxNumber).toBe('fr40303265045');
  });

  it('stops on warnings when asked and writes nothing', async () => {
    const before = await countContacts(t);
    const res = await t.api('POST', '/api/v1/contacts?stopOnWarnings=true', person('Zoé', '0612345678', {
      email: 'ELODIE.martin@example.fr',
    }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('duplicate_warning');
    const codes = res.json().errors.map((issue: Warning) => issue.code).sort();
    expect(codes).toEqual(['duplicate_email', 'duplicate_mobile']);
    expect(res.json().errors.map((issue: Warning) => issue.contactId)).toEqual([first.id, first.id]);
    expect(await countContacts(t)).toBe(before);
  });

  it('saves without warnings even when asked to stop', async () => {
    const res = await t.api('POST', '/api/v1/contacts?stopOnWarnings=true', person('Noël', '06 70 80 90 10'));
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([]);
  });

  it('keeps an unreadable phone as typed with a warning', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Loïc', '12 34 56 78'));
    expect(res.statusCode).toBe(201);
    expect(res.json().mobile).toBe('12 34 56 78');
    expect(res.json().mobileE164).toBeNull();
    const warning = warningAt(res.json(), 'mobile');
    expect(warning?.code).toBe('phone_unreadable');
    expect(warning?.message).toContain('FR');
  });

  it('matches unreadable phones by their digits', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Anaïs', '12-34-56-78'));
    const codes = res.json().warnings.map((warning: Warning) => warning.code).sort();
    expect(codes).toEqual(['duplicate_mobile', 'phone_unreadable']);
  });

  it('reads phones with the contact country', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Wout', '0470 12 34 56', { country: 'BE' }));
    expect(res.json().mobileE164).toBe('+32470123456');
    expect(res.json().warnings).toEqual([]);
  });

  it('warns of a VAT number with a wrong checksum', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Jürgen', '+49 151 2345678', {
      country: 'DE', taxNumber: 'DE 136695977',
    }));
    expect(res.statusCode).toBe(201);
    expect(warningAt(res.json(), 'taxNumber')?.code).toBe('invalid_tax_number');
  });

  it('takes a VAT number without its prefix', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Maxime', '0470 12 34 57', {
      country: 'BE', taxNumber: '0417.497.106',
    }));
    expect(res.json().warnings).toEqual([]);
  });

  it('does not check tax numbers outside the EU', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Ruth', '+41 79 123 45 67', {
      country: 'CH', taxNumber: '12',
    }));
    expect(res.json().warnings).toEqual([]);
  });

  it('warns on update only about changed fields', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Gaëlle', '06 12 34 56 78'));
    expect(warningAt(created.json(), 'mobile')?.code).toBe('duplicate_mobile');
    const id = created.json().id;

    const city = await t.api('PATCH', `/api/v1/contacts/${id}?stopOnWarnings=true`, { city: 'Sète' });
    expect(city.statusCode).toBe(200);
    expect(city.json().warnings).toEqual([]);
    expect(city.json().city).toBe('Sète');

    const email = await t.api('PATCH', `/api/v1/contacts/${id}?stopOnWarnings=true`, { email: 'elodie.martin@EXAMPLE.fr' });
    expect(email.statusCode).toBe(409);
    expect(email.json().errors[0].code).toBe('duplicate_email');
    expect(email.json().errors[0].contactId).toBe(first.id);
    const unchanged = await t.api('GET', `/api/v1/contacts/${id}`);
    expect(unchanged.json().email).toBeNull();
  });

  it('does not warn a contact about itself', async () => {
    const res = await t.api('PATCH', `/api/v1/contacts/${first.id}`, { mobile: '+33 6 12 34 56 78', email: 'ELODIE.martin@example.fr' });
    expect(res.statusCode).toBe(200);
    const mobile = warningAt(res.json(), 'mobile');
    expect(mobile?.message ?? '').not.toContain(first.code);
    expect(mobile?.contactId).not.toBe(first.id);
  });

  it('words warnings in English', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Sophie', '06 12 34 56 78'), { 'accept-language': 'en' });
    expect(warningAt(res.json(), 'mobile')?.message).toContain('already belongs to');
  });
});
