/**
 * `GET /contacts?fields=…`: items contain the named fields and the id, with
 * the same values as the full response, on both list paths (a sort with its
 * cursor, and relevance for a search). An unknown name is rejected, and a
 * user without ledger.view gets null figures as in the full response. The
 * read of one contact returns the same item as the list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactFields } from '../../src/contacts/list-fields.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { setCustomFieldLabels } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';
import { sale } from '../helpers/ledger-api.ts';
import { adjust, enableLoyalty } from '../helpers/pricing.ts';

const everyField = [
  'id', 'code', 'type', 'kind', 'prefix', 'firstName', 'middleName', 'lastName', 'businessName', 'name', 'mobile',
  'mobileE164', 'alternateNumber', 'alternateNumberE164', 'landline', 'landlineE164', 'email', 'taxNumber',
  'addressLine1', 'addressLine2', 'city', 'state', 'country', 'zipCode', 'shippingAddress', 'dateOfBirth',
  'customerGroupId', 'creditLimit', 'payTerm', 'openingBalance', 'openingBalanceDate', 'loyaltyCardNumber', 'status',
  'bankAccount', 'customFields', 'assignedUserIds', 'createdBy', 'createdAt', 'updatedAt', 'version', 'anonymisedAt', 'balance',
  'receivable', 'payable', 'advance', 'overdue', 'lastActivity', 'points',
];

type Item = Record<string, unknown>;

describe.each(engines)('contact list fields on %s', (engine) => {
  let t: TestApp;
  let clerk: ReturnType<typeof asToken>;
  let richId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await setCustomFieldLabels(t, { custom1: 'Tournée' });
    const clerkUser = await t.addUser(['customer.view', 'customer.create']);
    clerk = asToken(t, clerkUser.token);
    const rich = await t.api('POST', '/api/v1/contacts', {
      type: 'customer', kind: 'individual', prefix: 'Mme', firstName: 'Agathe', lastName: 'Bernard',
      mobile: '06 12 34 56 78', landline: '01 45 67 89 10', email: 'agathe@example.fr', city: 'Lyon',
      addressLine1: '3 rue des Lilas', zipCode: '69003', country: 'FR', creditLimit: '500.00',
      payTerm: { number: 30, unit: 'days', endOfMonth: true }, openingBalance: '25.00', openingBalanceDate: '2024-01-05',
      bankAccount: { iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', holder: 'Agathe Bernard' },
      customFields: { custom1: 'Mardi' }, assignedUserIds: [clerkUser.userId],
    });
    expect(rich.statusCode, rich.body).toBe(201);
    richId = rich.json().id;
    await sale(t, richId, '2024-02-01', '120.00');
    const others = [['Bruno', 'Bernard', '06 12 34 56 01'], ['Chloé', 'Petit', '06 12 34 56 02'], ['Denis', 'Roux', '06 12 34 56 03']];
    for (const [firstName, lastName, mobile] of others) {
      const res = await t.api('POST', '/api/v1/contacts', { type: 'customer', kind: 'individual', firstName, lastName, mobile });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (query: string, api = t.api) => {
    const res = await api('GET', `/api/v1/contacts?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; nextCursor: string | null };
  };

  it('every field equals the full answer', async () => {
    const full = (await list('q=agathe')).items[0] as Item;
    expect(Object.keys(full).sort()).toEqual([...everyField].sort());
    expect(full.overdue).not.toBe('0.00');
    expect(full.assignedUserIds).toHaveLength(1);
    for (const query of ['q=agathe', 'q=agathe&sort=name']) {
      const [item] = (await list(`${query}&fields=${everyField.join(',')}`)).items;
      expect(item, query).toEqual(full);
    }
  });

  it('items hold only the named fields', async () => {
    const res = await t.api('GET', '/api/v1/contacts?sort=balance&order=desc&fields=name,balance,payTerm');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const { items } = res.json() as { items: Item[] };
    expect(items[0]).toEqual({ id: richId, name: 'Mme Agathe Bernard', balance: '145.00', payTerm: { number: 30, unit: 'days', endOfMonth: true } });
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['balance', 'id', 'name', 'payTerm']);
  });

  it('id comes without being named', async () => {
    const { items } = await list('fields=%20city%20');
    expect(items.map((item) => Object.keys(item).sort())).toEqual(Array(4).fill(['city', 'id']));
  });

  it('cursor pages keep the fields', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } =
        await list(`sort=name&limit=1&fields=name${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of page.items) {
        expect(Object.keys(item).sort()).toEqual(['id', 'name']);
        seen.push(item.name as string);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Mme Agathe Bernard', 'Bruno Bernard', 'Chloé Petit', 'Denis Roux']);
  });

  it('search by relevance keeps the fields', async () => {
    const { items } = await list('q=bernard&fields=name,customFields,overdue');
    expect(items.map((item) => item.name).sort()).toEqual(['Bruno Bernard', 'Mme Agathe Bernard']);
    const agathe = items.find((item) => item.id === richId);
    expect(agathe).toEqual({ id: richId, name: 'Mme Agathe Bernard', customFields: { custom1: 'Mardi' }, overdue: '145.00' });
  });

  it('last activity is the latest entry day', async () => {
    const { items } = await list('sort=lastActivity&order=desc&fields=name,lastActivity');
    expect(items[0]).toEqual({ id: richId, name: 'Mme Agathe Bernard', lastActivity: '2024-02-01' });
    for (const item of items.slice(1)) expect(item.lastActivity, item.name as string).toBeNull();

    const full = (await list('q=agathe')).items[0] as Item;
    expect(full.lastActivity).toBe('2024-02-01');
    const named = await list('q=agathe&fields=lastActivity', clerk);
    expect(named.items[0]).toEqual({ id: richId, lastActivity: '2024-02-01' });
  });

  it('one contact read has lastActivity', async () => {
    const read = await t.api('GET', `/api/v1/contacts/${richId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().lastActivity).toBe('2024-02-01');
    const listed = (await list('q=agathe')).items[0];
    expect(read.json()).toEqual(listed);

    const { items } = await list('q=denis&fields=id');
    const withoutEntries = await t.api('GET', `/api/v1/contacts/${items[0]?.id}`);
    expect(withoutEntries.statusCode, withoutEntries.body).toBe(200);
    expect(withoutEntries.json().lastActivity).toBeNull();

    const asClerk = await clerk('GET', `/api/v1/contacts/${richId}`);
    expect(asClerk.statusCode, asClerk.body).toBe(200);
    expect(asClerk.json().lastActivity).toBe('2024-02-01');
    expect(asClerk.json().balance).toBeNull();
  });

  it('OpenAPI lists lastActivity of one contact', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json();
    const read = doc.paths['/api/v1/contacts/{id}'].get;
    const schema = read.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toContain('lastActivity');
    expect(schema.required).toContain('lastActivity');
    expect(read.description).toContain('lastActivity');
  });

  it('unknown field is rejected', async () => {
    const cases = [['name,solde', 'invalid_enum'], ['name,,city', 'empty_field_name'], ['', 'fields_empty']];
    for (const [fields, code] of cases) {
      const res = await t.api('GET', `/api/v1/contacts?fields=${fields}`, undefined, { 'accept-language': 'en' });
      expect(res.statusCode, fields).toBe(422);
      expect(res.json().code, fields).toBe('validation_failed');
      const [issue] = res.json().errors;
      expect(issue.path, fields).toBe('fields');
      expect(issue.code, fields).toBe(code);
      expect(issue.message, fields).toContain('id, code, type, kind,');
    }
    const res = await t.api('GET', '/api/v1/contacts?fields=name,solde');
    expect(res.json().errors[0].message).toMatch(/^fields : « solde » n’est pas accepté\. Valeurs possibles : id, code, type,/);
  });

  it('bad names reported once each', async () => {
    const allowed = contactFields.join(', ');
    const cases: [string, { code: string; message: string }[]][] = [
      [',', [{
        code: 'empty_field_name',
        message: `fields: “,” contains an empty name (two commas in a row, or a comma at the start or end). Remove the extra comma. Accepted names: ${allowed}.`,
      }]],
      ['solde,name,solde,,Solde,', [
        { code: 'invalid_enum', message: `fields: “solde” is not accepted. Allowed values: ${allowed}.` },
        { code: 'empty_field_name', message: expect.stringContaining('fields: “solde,name,solde,,Solde,” contains an empty name') },
        { code: 'invalid_enum', message: `fields: “Solde” is not accepted. Allowed values: ${allowed}.` },
      ]],
      [' ', [{
        code: 'fields_empty',
        message: `fields is empty: name the fields you need, separated by commas, among ${allowed}, or remove fields to get every field.`,
      }]],
    ];
    for (const [fields, expected] of cases) {
      const res = await t.api('GET', `/api/v1/contacts?fields=${encodeURIComponent(fields)}`, undefined, { 'accept-language': 'en' });
      expect(res.statusCode, fields).toBe(422);
      expect(res.json().detail, fields).toBe(`The request has ${expected.length} invalid value${expected.length > 1 ? 's: correct them' : ': correct it'} and try again.`);
      expect(res.json().errors, fields).toEqual(expected.map((issue) => ({ path: 'fields', ...issue })));
    }
    const french = await t.api('GET', '/api/v1/contacts?fields=,');
    expect(french.json().errors).toEqual([{
      path: 'fields',
      code: 'empty_field_name',
      message: `fields : « , » contient un nom vide (deux virgules de suite, ou une virgule au début ou à la fin). Retirez la virgule en trop. Noms acceptés : ${allowed}.`,
    }]);
  });

  it('repeated field is rejected', async () => {
    const res = await t.api('GET', '/api/v1/contacts?fields=code,code,zzz', undefined, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as { path: string; code: string; message: string }[];
    expect(errors.map((issue) => issue.code)).toEqual(['invalid_enum', 'field_repeated']);
    expect(errors[1]).toEqual({
      path: 'fields',
      code: 'field_repeated',
      message: 'fields: “code” at position 2 is already given at position 1. Keep each name once.',
    });
    const french = await t.api('GET', '/api/v1/contacts?fields=name,id,name');
    expect(french.statusCode).toBe(422);
    expect(french.json().errors).toEqual([{
      path: 'fields',
      code: 'field_repeated',
      message: 'fields : « name » en position 3 est déjà indiqué en position 1. Gardez chaque nom une seule fois.',
    }]);
  });

  it('figures stay hidden without ledger.view', async () => {
    const { items } = await list('q=agathe&fields=name,balance,receivable,overdue,openingBalance', clerk);
    expect(items[0]).toEqual({ id: richId, name: 'Mme Agathe Bernard', balance: null, receivable: null, overdue: null, openingBalance: null });

    const named = await list('q=agathe&fields=name,city', clerk);
    expect(named.items[0]).toEqual({ id: richId, name: 'Mme Agathe Bernard', city: 'Lyon' });

    const sorted = await clerk('GET', '/api/v1/contacts?sort=balance&fields=name');
    expect(sorted.statusCode).toBe(403);
    expect(sorted.json().permission).toBe('ledger.view');
  });
  it('points are the usable loyalty points', async () => {
    await enableLoyalty(t);
    await adjust(t, richId, 40, 'Points de bienvenue');
    for (const query of ['sort=name', 'q=bernard']) {
      const { items } = await list(`${query}&fields=name,points`, clerk);
      const byName = Object.fromEntries(items.map((item) => [item.name, item.points]));
      expect(byName['Mme Agathe Bernard'], query).toBe(40);
      expect(byName['Bruno Bernard'], query).toBe(0);
    }
    const full = (await list('q=agathe')).items[0] as Item;
    expect(full.points).toBe(40);
    const read = await t.api('GET', `/api/v1/contacts/${richId}`);
    expect(read.json().points).toBe(40);
  });
});
