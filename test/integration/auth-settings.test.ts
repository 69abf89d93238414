import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewContactRow } from '../../src/db/schema.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('business settings and locations on %s', (engine) => {
  let t: TestApp;
  let other: { token: string; locationId: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const created = await t.addBusiness('Boulangerie Autre');
    other = { token: created.token, locationId: created.business.locationId };
  });
  afterAll(async () => {
    await t?.close();
  });

  const auditOf = (entityType: string, entityId: string) =>
    t.database.db.kysely
      .selectFrom('audit_log')
      .where('business_id', '=', t.business.businessId)
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .select(['action', 'user_id', 'changes'])
      .orderBy('id')
      .execute();

  const insertContact = async (businessId: string) => {
    const now = nowIso();
    const row: NewContactRow = {
      id: newId(), business_id: businessId, code: `CO${newId().slice(-6)}`, type: 'customer', kind: 'individual',
      prefix: null, first_name: 'Zoé', middle_name: null, last_name: 'Roux', business_name: null, name: 'Zoé Roux',
      mobile: '0612345678', mobile_e164: '+33612345678', alternate_number: null, alternate_number_e164: null,
      landline: null, landline_e164: null, email: null, email_key: null, tax_number: null, tax_number_key: null,
      address_line1: null, address_line2: null, city: null, state: null, country: 'FR', zip_code: null,
      shipping_address: null, date_of_birth: null, customer_group_id: null, credit_limit: null, pay_term_number: null,
      pay_term_unit: null, pay_term_end_of_month: 0, opening_balance: 0, opening_balance_date: null,
      loyalty_card_number: null, status: 'active', bank_iban: null, bank_bic: null, bank_holder: null,
      custom_fields: '{}', balance: 0, receivable: 0, payable: 0, advance: 0, created_by: null, anonymised_at: null,
      created_at: now, updated_at: now,
    };
    await t.database.db.kysely.insertInto('contacts').values(row).execute();
  };

  describe('business', () => {
    it('settings read returns the defaults', async () => {
      const res = await t.api('GET', '/api/v1/business');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: t.business.businessId,
        name: 'Épicerie Test',
        currency: 'EUR',
        locale: 'fr',
        timezone: 'Europe/Paris',
        country: 'FR',
        contactCodePrefix: 'CO',
        customFieldLabels: {},
        creditLimitPolicy: 'block',
        currencyLocked: false,
      });
    });

    it('settings change is stored and audited', async () => {
      const res = await t.api('PATCH', '/api/v1/business', {
        name: 'Épicerie du Port',
        contactCodePrefix: 'EP1',
        customFieldLabels: { custom1: 'Allergies', custom10: 'Parrain', custom3: '' },
        creditLimitPolicy: 'warn',
        timezone: 'Europe/Brussels',
        country: 'be',
        locale: 'en',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: 'Épicerie du Port',
        contactCodePrefix: 'EP1',
        customFieldLabels: { custom1: 'Allergies', custom10: 'Parrain' },
        creditLimitPolicy: 'warn',
        timezone: 'Europe/Brussels',
        country: 'BE',
        locale: 'en',
      });
      expect((await t.api('GET', '/api/v1/business')).json().contactCodePrefix).toBe('EP1');

      const audit = await auditOf('business', t.business.businessId);
      const update = audit.find((row) => row.action === 'update');
      expect(update?.user_id).toBe(t.business.adminUserId);
      const changes = JSON.parse(update?.changes ?? '[]') as { field: string; from: unknown; to: unknown }[];
      expect(changes.find((c) => c.field === 'name')).toEqual({ field: 'name', from: 'Épicerie Test', to: 'Épicerie du Port' });
      expect(changes.find((c) => c.field === 'contactCodePrefix')).toEqual({ field: 'contactCodePrefix', from: 'CO', to: 'EP1' });
      expect(changes.map((c) => c.field).sort()).toEqual(
        ['contactCodePrefix', 'country', 'creditLimitPolicy', 'customFieldLabels', 'locale', 'name', 'timezone'],
      );
    });

    it('labels are replaced as a whole', async () => {
      const res = await t.api('PATCH', '/api/v1/business', { customFieldLabels: { custom2: 'Taille' } });
      expect(res.json().customFieldLabels).toEqual({ custom2: 'Taille' });
    });

    it('invalid settings list each field', async () => {
      const res = await t.api('PATCH', '/api/v1/business', {
        name: '  ',
        contactCodePrefix: 'ABCDEFG',
        customFieldLabels: { custom11: 'Trop', custom1: 'ok' },
        timezone: 'Nowhere/Land',
        country: 'FRA',
        currency: 'XYZW',
      });
      expect(res.statusCode).toBe(422);
      const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(issues).toEqual([
        'name:required',
        'currency:invalid_value',
        'timezone:invalid_value',
        'country:invalid_country',
        'contactCodePrefix:invalid_code_prefix',
        'customFieldLabels.custom11:unknown_field',
      ]);
      expect((await t.api('GET', '/api/v1/business')).json().contactCodePrefix).toBe('EP1');
    });

    it('prefix rejects accents and empty', async () => {
      for (const prefix of ['CÉ', '', 'A B', 'A-B']) {
        const res = await t.api('PATCH', '/api/v1/business', { contactCodePrefix: prefix });
        expect(res.statusCode).toBe(422);
        expect(res.json().errors[0].path).toBe('contactCodePrefix');
      }
    });

    it('label longer than 60 is refused', async () => {
      const res = await t.api('PATCH', '/api/v1/business', { customFieldLabels: { custom1: 'x'.repeat(61) } });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: 'customFieldLabels.custom1', code: 'too_long' });
      const ok = await t.api('PATCH', '/api/v1/business', { customFieldLabels: { custom1: 'x'.repeat(60) } });
      expect(ok.statusCode).toBe(200);
    });

    it('unknown field is refused', async () => {
      const res = await t.api('PATCH', '/api/v1/business', { id: 'other' });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0].code).toBe('unknown_field');
    });

    it('currency changes only without contacts', async () => {
      const free = await t.api('PATCH', '/api/v1/business', { currency: 'chf' });
      expect(free.statusCode).toBe(200);
      expect(free.json().currency).toBe('CHF');

      await insertContact(t.business.businessId);
      expect((await t.api('GET', '/api/v1/business')).json().currencyLocked).toBe(true);
      const locked = await t.api('PATCH', '/api/v1/business', { currency: 'EUR' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json().code).toBe('currency_locked');
      expect(locked.json().detail).toBe(
        'La devise ne peut plus passer de CHF à EUR : l’entreprise a déjà 1 contact dont les montants sont en CHF.',
      );
      expect((await t.api('GET', '/api/v1/business')).json().currency).toBe('CHF');

      const same = await t.api('PATCH', '/api/v1/business', { currency: 'CHF', name: 'Épicerie du Port' });
      expect(same.statusCode).toBe(200);
    });

    it('settings need settings.manage', async () => {
      const clerk = await t.addUser(['customer.view', 'users.manage']);
      const read = await asToken(t, clerk.token)('GET', '/api/v1/business');
      expect(read.statusCode).toBe(403);
      expect(read.json()).toMatchObject({ code: 'forbidden', permission: 'settings.manage' });
      expect(read.json().detail).toContain('« Gérer les paramètres de l’entreprise »');
      const change = await asToken(t, clerk.token)('PATCH', '/api/v1/business', { name: 'Volée' });
      expect(change.statusCode).toBe(403);
      expect((await t.api('GET', '/api/v1/business')).json().name).toBe('Épicerie du Port');

      const manager = await t.addUser(['settings.manage']);
      const allowed = await asToken(t, manager.token)('PATCH', '/api/v1/business', { creditLimitPolicy: 'block' });
      expect(allowed.statusCode).toBe(200);
    });

    it('each business sees only its own settings', async () => {
      const res = await asToken(t, other.token)('GET', '/api/v1/business');
      expect(res.json().name).toBe('Boulangerie Autre');
      expect(res.json().currencyLocked).toBe(false);
    });
  });

  describe('locations', () => {
    let createdId: string;

    it('location is created and audited', async () => {
      const res = await t.api('POST', '/api/v1/locations', {
        name: 'Dépôt de Sète',
        addressLine1: '3 quai Aspirant Herber',
        city: 'Sète',
        zipCode: '34200',
        country: 'fr',
        phone: '04 67 00 00 00',
        email: 'depot@example.fr',
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      createdId = body.id;
      expect(body).toMatchObject({
        name: 'Dépôt de Sète', city: 'Sète', zipCode: '34200', country: 'FR', email: 'depot@example.fr', isActive: true,
      });
      const audit = await auditOf('location', createdId);
      expect(audit.map((row) => row.action)).toEqual(['create']);
      expect(JSON.parse(audit[0]?.changes ?? '[]')).toContainEqual({ field: 'city', from: null, to: 'Sète' });
    });

    it('locations list is sorted by name', async () => {
      const res = await t.api('GET', '/api/v1/locations');
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((l: { name: string }) => l.name)).toEqual(['Dépôt de Sète', 'Magasin principal']);
      expect(res.json().nextCursor).toBeNull();
    });

    it('locations list pages with a cursor', async () => {
      const first = await t.api('GET', '/api/v1/locations?limit=1');
      expect(first.json().items).toHaveLength(1);
      expect(first.json().nextCursor).toEqual(expect.any(String));
      const second = await t.api('GET', `/api/v1/locations?limit=1&cursor=${first.json().nextCursor}`);
      expect(second.json().items[0].name).toBe('Magasin principal');
      expect(second.json().nextCursor).toBeNull();
      const broken = await t.api('GET', '/api/v1/locations?cursor=@@@');
      expect(broken.statusCode).toBe(400);
    });

    it('location change records the difference', async () => {
      const res = await t.api('PATCH', `/api/v1/locations/${createdId}`, { city: 'Frontignan', zipCode: '34110', phone: '' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ city: 'Frontignan', zipCode: '34110', phone: null, name: 'Dépôt de Sète' });
      const audit = await auditOf('location', createdId);
      const update = audit.find((row) => row.action === 'update');
      expect(JSON.parse(update?.changes ?? '[]')).toEqual([
        { field: 'city', from: 'Sète', to: 'Frontignan' },
        { field: 'zipCode', from: '34200', to: '34110' },
        { field: 'phone', from: '04 67 00 00 00', to: null },
      ]);
    });

    it('last active location stays active', async () => {
      const off = await t.api('PATCH', `/api/v1/locations/${createdId}`, { isActive: false });
      expect(off.statusCode).toBe(200);
      expect(off.json().isActive).toBe(false);
      const active = await t.api('GET', '/api/v1/locations?active=true');
      expect(active.json().items.map((l: { id: string }) => l.id)).toEqual([t.business.locationId]);

      const last = await t.api('PATCH', `/api/v1/locations/${t.business.locationId}`, { isActive: false });
      expect(last.statusCode).toBe(409);
      expect(last.json().code).toBe('last_active_location');
      expect(last.json().detail).toContain('« Magasin principal » est le dernier magasin actif');
      const row = await t.database.db.kysely.selectFrom('locations').where('id', '=', t.business.locationId).select('is_active').executeTakeFirstOrThrow();
      expect(row.is_active).toBe(1);
    });

    it('invalid location lists each field', async () => {
      const res = await t.api('POST', '/api/v1/locations', { name: '', email: 'pas une adresse' });
      expect(res.statusCode).toBe(422);
      const issues = res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(issues).toContain('name:required');
      expect(issues).toContain('email:invalid_email');
    });

    it('location changes need settings.manage', async () => {
      const cashier = await t.addUser(['customer.view']);
      const asCashier = asToken(t, cashier.token);
      expect((await asCashier('GET', '/api/v1/locations')).statusCode).toBe(200);
      const created = await asCashier('POST', '/api/v1/locations', { name: 'Pirate' });
      expect(created.statusCode).toBe(403);
      expect(created.json().code).toBe('forbidden');
      const changed = await asCashier('PATCH', `/api/v1/locations/${createdId}`, { name: 'Pirate' });
      expect(changed.statusCode).toBe(403);
      expect((await t.api('GET', `/api/v1/locations/${createdId}`)).json().name).toBe('Dépôt de Sète');
    });

    it('another business location is not found', async () => {
      const read = await t.api('GET', `/api/v1/locations/${other.locationId}`);
      expect(read.statusCode).toBe(404);
      expect(read.json().code).toBe('not_found');
      const change = await t.api('PATCH', `/api/v1/locations/${other.locationId}`, { name: 'Prise' });
      expect(change.statusCode).toBe(404);
      const theirs = await asToken(t, other.token)('GET', `/api/v1/locations/${other.locationId}`);
      expect(theirs.json().name).toBe('Magasin principal');
      const list = await t.api('GET', '/api/v1/locations');
      expect(list.json().items.map((l: { id: string }) => l.id)).not.toContain(other.locationId);
    });
  });
});
