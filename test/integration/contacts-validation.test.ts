import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { countContacts, issueAt, person, readContactRow, setCustomFieldLabels } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

const mobile = '06 11 22 33 44';

interface BadCase {
  name: string;
  body: Record<string, unknown>;
  status: number;
  code: string;
  path: string;
  issue: string;
}

const badInputs: BadCase[] = [
  { name: 'missing first name', body: { mobile }, status: 422, code: 'validation_failed', path: 'firstName', issue: 'required' },
  { name: 'missing business name', body: { kind: 'business', mobile }, status: 422, code: 'validation_failed', path: 'businessName', issue: 'required' },
  { name: 'missing mobile', body: { firstName: 'Anne' }, status: 422, code: 'validation_failed', path: 'mobile', issue: 'required' },
  { name: 'blank mobile', body: { firstName: 'Anne', mobile: '   ' }, status: 422, code: 'validation_failed', path: 'mobile', issue: 'required' },
  { name: 'invalid email', body: person('Anne', mobile, { email: 'anne@' }), status: 422, code: 'validation_failed', path: 'email', issue: 'invalid_email' },
  { name: 'email with spaces', body: person('Anne', mobile, { email: 'an ne@example.fr' }), status: 422, code: 'validation_failed', path: 'email', issue: 'invalid_email' },
  { name: 'impossible date', body: person('Anne', mobile, { dateOfBirth: '2023-02-29' }), status: 422, code: 'validation_failed', path: 'dateOfBirth', issue: 'invalid_date' },
  { name: 'french date format', body: person('Anne', mobile, { dateOfBirth: '31/03/1980' }), status: 422, code: 'validation_failed', path: 'dateOfBirth', issue: 'invalid_date' },
  { name: 'birth date in future', body: person('Anne', mobile, { dateOfBirth: '2999-01-01' }), status: 422, code: 'validation_failed', path: 'dateOfBirth', issue: 'date_in_future' },
  { name: 'opening balance date', body: person('Anne', mobile, { openingBalance: '10', openingBalanceDate: '2024-13-01' }), status: 422, code: 'validation_failed', path: 'openingBalanceDate', issue: 'invalid_date' },
  { name: 'decimal comma amount', body: person('Anne', mobile, { creditLimit: '12,50' }), status: 422, code: 'validation_failed', path: 'creditLimit', issue: 'invalid_amount' },
  { name: 'too many decimals', body: person('Anne', mobile, { openingBalance: '1.234' }), status: 422, code: 'validation_failed', path: 'openingBalance', issue: 'invalid_amount' },
  { name: 'negative credit limit', body: person('Anne', mobile, { creditLimit: '-5.00' }), status: 422, code: 'validation_failed', path: 'creditLimit', issue: 'amount_negative' },
  { name: 'unknown type', body: person('Anne', mobile, { type: 'client' }), status: 422, code: 'validation_failed', path: 'type', issue: 'invalid_enum' },
  { name: 'unknown kind', body: person('Anne', mobile, { kind: 'company' }), status: 422, code: 'validation_failed', path: 'kind', issue: 'invalid_enum' },
  { name: 'unknown status', body: person('Anne', mobile, { status: 'archived' }), status: 422, code: 'validation_failed', path: 'status', issue: 'invalid_enum' },
  { name: 'mobile too short', body: person('Anne', '06 12'), status: 422, code: 'validation_failed', path: 'mobile', issue: 'phone_too_short' },
  { name: 'landline too short', body: person('Anne', mobile, { landline: '123' }), status: 422, code: 'validation_failed', path: 'landline', issue: 'phone_too_short' },
  { name: 'invalid country', body: person('Anne', mobile, { country: 'XX' }), status: 422, code: 'validation_failed', path: 'country', issue: 'invalid_country' },
  { name: 'invalid iban', body: person('Anne', mobile, { bankAccount: { iban: 'FR76 3000 6000 0112 3456 7890 188' } }), status: 422, code: 'validation_failed', path: 'bankAccount.iban', issue: 'invalid_iban' },
  { name: 'invalid bic', body: person('Anne', mobile, { bankAccount: { bic: 'BNP' } }), status: 422, code: 'validation_failed', path: 'bankAccount.bic', issue: 'invalid_bic' },
  { name: 'pay term too long', body: person('Anne', mobile, { payTerm: { number: 3651, unit: 'days' } }), status: 422, code: 'validation_failed', path: 'payTerm.number', issue: 'out_of_range' },
  { name: 'pay term months', body: person('Anne', mobile, { payTerm: { number: 121, unit: 'months' } }), status: 422, code: 'validation_failed', path: 'payTerm.number', issue: 'out_of_range' },
  { name: 'pay term fraction', body: person('Anne', mobile, { payTerm: { number: 1.5, unit: 'days' } }), status: 422, code: 'validation_failed', path: 'payTerm.number', issue: 'out_of_range' },
  { name: 'pay term unit', body: person('Anne', mobile, { payTerm: { number: 2, unit: 'weeks' } }), status: 422, code: 'validation_failed', path: 'payTerm.unit', issue: 'invalid_enum' },
  { name: 'unlabelled custom field', body: person('Anne', mobile, { customFields: { custom3: 'x' } }), status: 422, code: 'validation_failed', path: 'customFields.custom3', issue: 'custom_field_unlabelled' },
  { name: 'custom field too long', body: person('Anne', mobile, { customFields: { custom1: 'x'.repeat(501) } }), status: 422, code: 'validation_failed', path: 'customFields.custom1', issue: 'too_long' },
  { name: 'name too long', body: person('A'.repeat(101), mobile), status: 422, code: 'validation_failed', path: 'firstName', issue: 'too_long' },
  { name: 'invalid code', body: person('Anne', mobile, { code: 'CO 12' }), status: 422, code: 'validation_failed', path: 'code', issue: 'invalid_code' },
  { name: 'unknown body field', body: person('Anne', mobile, { mobil: '0611223344' }), status: 422, code: 'validation_failed', path: 'mobil', issue: 'unknown_field' },
];

describe.each(engines)('contact validation on %s', (engine) => {
  let t: TestApp;
  let otherBusinessUserId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    await setCustomFieldLabels(t, { custom1: 'Allergies' });
    otherBusinessUserId = (await t.addBusiness('Autre boutique')).business.adminUserId;
    const taken = await t.api('POST', '/api/v1/contacts', person('Déjà', '06 99 88 77 66', { code: 'PRIS-1', loyaltyCardNumber: 'CARTE-42' }));
    expect(taken.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it.each(badInputs)('rejects $name', async ({ body, status, code, path, issue }) => {
    const before = await countContacts(t);
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    expect(issueAt(res.json(), path)?.code).toBe(issue);
    expect(await countContacts(t)).toBe(before);
  });

  it('rejects a number where text is expected', async () => {
    const res = await t.api('POST', '/api/v1/contacts', { firstName: 12, mobile });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'firstName')).toBeDefined();
  });

  it('rejects an assigned user of another business', async () => {
    const before = await countContacts(t);
    const body = person('Anne', mobile, { assignedUserIds: [t.business.adminUserId, otherBusinessUserId] });
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'assignedUserIds.1')?.code).toBe('not_found_ref');
    expect(issueAt(res.json(), 'assignedUserIds.0')).toBeUndefined();
    expect(await countContacts(t)).toBe(before);
  });

  it('rejects an unknown assigned user', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Anne', mobile, { assignedUserIds: ['nobody'] }));
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'assignedUserIds.0')?.code).toBe('not_found_ref');
  });

  it('rejects a taken code with 409', async () => {
    const before = await countContacts(t);
    const res = await t.api('POST', '/api/v1/contacts', person('Anne', mobile, { code: 'PRIS-1' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contact_code_taken');
    expect(res.json().detail).toContain('Déjà');
    expect(issueAt(res.json(), 'code')?.code).toBe('code_taken');
    expect(await countContacts(t)).toBe(before);
  });

  it('rejects a taken loyalty card', async () => {
    const before = await countContacts(t);
    const res = await t.api('POST', '/api/v1/contacts', person('Anne', mobile, { loyaltyCardNumber: 'CARTE-42' }));
    expect(res.statusCode).toBe(422);
    const issue = issueAt(res.json(), 'loyaltyCardNumber');
    expect(issue?.code).toBe('duplicate_loyalty_card');
    expect(issue?.message).toContain('PRIS-1');
    expect(await countContacts(t)).toBe(before);
  });

  it('rejects other writings of a taken card', async () => {
    const before = await countContacts(t);
    // No-break, narrow no-break and tab spaces come with cells pasted from a spreadsheet.
    for (const card of ['carte-42', 'CARTE 42', 'Carte.42', 'CARTE\u00a042', 'CARTE\u202f42', 'CARTE\t42']) {
      const res = await t.api('POST', '/api/v1/contacts', person('Anne', mobile, { loyaltyCardNumber: card }));
      expect(res.statusCode, card).toBe(422);
      const issue = issueAt(res.json(), 'loyaltyCardNumber');
      expect(issue?.code, card).toBe('duplicate_loyalty_card');
      expect(issue?.message, card).toContain('PRIS-1');
    }
    expect(await countContacts(t)).toBe(before);
  });

  it('rejects a taken card key on update', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Bruno', '06 11 22 33 55', { loyaltyCardNumber: 'B-7' }));
    expect(created.statusCode, created.body).toBe(201);
    const url = `/api/v1/contacts/${created.json().id}`;

    const taken = await t.api('PATCH', url, { loyaltyCardNumber: 'carte 42' });
    expect(taken.statusCode).toBe(422);
    expect(issueAt(taken.json(), 'loyaltyCardNumber')?.code).toBe('duplicate_loyalty_card');
    expect(issueAt(taken.json(), 'loyaltyCardNumber')?.message).toContain('PRIS-1');

    const rewritten = await t.api('PATCH', url, { loyaltyCardNumber: 'b 7' });
    expect(rewritten.statusCode, rewritten.body).toBe(200);
    expect(rewritten.json().loyaltyCardNumber).toBe('b 7');
  });

  it('reports every issue at once', async () => {
    const res = await t.api('POST', '/api/v1/contacts', { email: 'nope', type: 'x' });
    expect(res.statusCode).toBe(422);
    const paths = res.json().errors.map((issue: { path: string }) => issue.path).sort();
    expect(paths).toEqual(['email', 'firstName', 'mobile', 'type']);
  });

  it('names the digits and an example for a bad amount', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Anne', mobile, { creditLimit: '12,50' }));
    const message = issueAt(res.json(), 'creditLimit')?.message ?? '';
    expect(message).toContain('12,50');
    expect(message).toContain('2');
    expect(message).toContain('1234.50');
  });

  it('words problems in English', async () => {
    const res = await t.api('POST', '/api/v1/contacts', { firstName: 'Anne', email: 'bad' }, { 'accept-language': 'en' });
    expect(res.json().detail).toContain('invalid value');
    expect(issueAt(res.json(), 'mobile')?.message).toBe('This field is required.');
    expect(issueAt(res.json(), 'email')?.message).toContain('not a valid email address');
  });

  it('says how to write an e-mail', async () => {
    const body = person('Gaëlle', mobile, { email: 'gaëlle.poulain@example.fr' });
    const french = await t.api('POST', '/api/v1/contacts', body);
    expect(issueAt(french.json(), 'email')?.message).toBe(
      '« gaëlle.poulain@example.fr » n’est pas une adresse e-mail valide : écrivez-la sous la forme nom@exemple.fr, ' +
        'sans espace ni lettre accentuée avant le @.',
    );
    const english = await t.api('POST', '/api/v1/contacts', body, { 'accept-language': 'en' });
    expect(issueAt(english.json(), 'email')?.message).toBe(
      '“gaëlle.poulain@example.fr” is not a valid email address: write it like name@example.com, ' +
        'with no spaces or accented letters before the @.',
    );
  });

  it('says how to label a custom field', async () => {
    const body = person('Anne', mobile, { customFields: { custom3: 'VIP' } });
    const french = await t.api('POST', '/api/v1/contacts', body);
    expect(issueAt(french.json(), 'customFields.custom3')?.message).toBe(
      'Le champ personnalisé 3 n’a pas de nom : nommez-le dans Paramètres › Champs personnalisés, puis enregistrez à nouveau.',
    );
    const english = await t.api('POST', '/api/v1/contacts', body, { 'accept-language': 'en' });
    expect(issueAt(english.json(), 'customFields.custom3')?.message).toBe(
      'Custom field 3 has no label: name it under Settings › Custom field labels, then save again.',
    );
  });

  it('trims text and stores empty strings as null', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('  Élodie  ', ' 06 12 34 56 01 ', {
      lastName: ' Martin ', email: '', city: '   ', country: 'fr',
    }));
    expect(res.statusCode).toBe(201);
    const contact = res.json();
    expect(contact.firstName).toBe('Élodie');
    expect(contact.name).toBe('Élodie Martin');
    expect(contact.mobile).toBe('06 12 34 56 01');
    expect(contact.email).toBeNull();
    expect(contact.city).toBeNull();
    expect(contact.country).toBe('FR');
  });

  it('derives the name of an individual', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Jean', '06 12 34 56 02', {
      prefix: 'M.', middleName: 'Pierre', lastName: 'Dupont',
    }));
    expect(res.json().name).toBe('M. Jean Pierre Dupont');
  });

  it('names a business by its business name', async () => {
    const res = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Fromagerie Blanc SARL',
      firstName: 'Luc', lastName: 'Blanc', mobile: '06 12 34 56 03',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('Fromagerie Blanc SARL');
    expect(res.json().firstName).toBe('Luc');
    expect(res.json().kind).toBe('business');
  });

  it('takes a business name alone as a business', async () => {
    const res = await t.api('POST', '/api/v1/contacts', { businessName: 'Cave Roux', mobile: '06 12 34 56 04' });
    expect(res.statusCode).toBe(201);
    expect(res.json().kind).toBe('business');
    expect(res.json().type).toBe('customer');
  });

  it('stores every field in its format', async () => {
    const res = await t.api('POST', '/api/v1/contacts', person('Hélène', '06 12 34 56 05', {
      creditLimit: '1500.5',
      openingBalance: '-20.00',
      openingBalanceDate: '2024-01-31',
      payTerm: { number: 30, unit: 'days', endOfMonth: true },
      bankAccount: { iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'bnpa fr pp', holder: 'Hélène Faure' },
      customFields: { custom1: 'Gluten' },
      dateOfBirth: '1980-02-29',
      assignedUserIds: [t.business.adminUserId],
      taxNumber: 'FR 40 303 265 045',
    }));
    expect(res.statusCode).toBe(201);
    const contact = res.json();
    expect(contact.creditLimit).toBe('1500.50');
    expect(contact.openingBalance).toBe('-20.00');
    expect(contact.openingBalanceDate).toBe('2024-01-31');
    expect(contact.payTerm).toEqual({ number: 30, unit: 'days', endOfMonth: true });
    expect(contact.bankAccount).toEqual({ iban: 'FR7630006000011234567890189', bic: 'BNPAFRPP', holder: 'Hélène Faure' });
    expect(contact.customFields).toEqual({ custom1: 'Gluten' });
    expect(contact.dateOfBirth).toBe('1980-02-29');
    expect(contact.assignedUserIds).toEqual([t.business.adminUserId]);
    expect(contact.warnings).toEqual([]);
    const row = await readContactRow(t, contact.id);
    expect(row?.tax_number_key).toBe('FR40303265045');
    expect(Number(row?.credit_limit)).toBe(150050);
  });

  it('keeps a zero credit limit apart from no limit', async () => {
    const zero = await t.api('POST', '/api/v1/contacts', person('Zéro', '06 12 34 56 06', { creditLimit: '0' }));
    const none = await t.api('POST', '/api/v1/contacts', person('Aucun', '06 12 34 56 07', { creditLimit: '' }));
    expect(zero.json().creditLimit).toBe('0.00');
    expect(none.json().creditLimit).toBeNull();
  });

  it('rejects a bad patch and changes nothing', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Paul', '06 12 34 56 08', { email: 'paul@example.fr' }));
    const id = created.json().id;
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { email: 'paul@', mobile: '' });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'email')?.code).toBe('invalid_email');
    expect(issueAt(res.json(), 'mobile')?.code).toBe('required');
    const row = await readContactRow(t, id);
    expect(row?.email).toBe('paul@example.fr');
    expect(row?.mobile).toBe('06 12 34 56 08');
  });

  it('rejects customer fields on a supplier', async () => {
    const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Fournisseurs ?', calculation: 'percentage', percentage: '5' });
    expect(group.statusCode).toBe(201);
    const before = await countContacts(t);
    const res = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Minoterie Dupuis', mobile: '06 12 34 56 10',
      loyaltyCardNumber: 'SUP-0001', creditLimit: '500.00', customerGroupId: group.json().id,
    });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'loyaltyCardNumber')?.code).toBe('customer_field_on_supplier');
    expect(issueAt(res.json(), 'loyaltyCardNumber')?.message).toContain('SUP-0001');
    expect(issueAt(res.json(), 'creditLimit')?.code).toBe('customer_field_on_supplier');
    expect(issueAt(res.json(), 'customerGroupId')?.code).toBe('customer_field_on_supplier');
    expect(await countContacts(t)).toBe(before);
  });

  it('supplier type clears a stored card', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Lina', '06 12 34 56 11', { loyaltyCardNumber: 'FID-7001' }));
    const id = created.json().id;
    const changed = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier' }, { 'accept-language': 'en' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().loyaltyCardNumber).toBeNull();
    expect(changed.json().warnings).toEqual([{
      path: 'loyaltyCardNumber',
      code: 'supplier_card_cleared',
      message: 'The loyalty card “FID-7001” is removed, because a supplier has none. To keep it, make the contact a customer and supplier.',
    }]);
    expect((await readContactRow(t, id))?.type).toBe('supplier');
  });

  it('rejects a card given with the supplier type', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Léo', '06 12 34 56 13', { loyaltyCardNumber: 'FID-7002' }));
    const id = created.json().id;
    const rejected = await t.api('PATCH', `/api/v1/contacts/${id}`, { type: 'supplier', loyaltyCardNumber: 'FID-7002' }, { 'accept-language': 'en' });
    expect(rejected.statusCode).toBe(422);
    expect(issueAt(rejected.json(), 'loyaltyCardNumber')?.message).toBe(
      '“FID-7002” applies to customers only, and this contact is a supplier: clear this field, or make the contact a customer or both.',
    );
    expect((await readContactRow(t, id))?.type).toBe('customer');
  });

  it('keeps a customer field stored on a supplier', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      type: 'supplier', kind: 'business', businessName: 'Brasserie Ancienne', mobile: '06 12 34 56 12',
    });
    const id = created.json().id;
    await t.database.db.kysely.updateTable('contacts').set({ credit_limit: 30000 }).where('id', '=', id).execute();
    const res = await t.api('PATCH', `/api/v1/contacts/${id}`, { city: 'Lille' });
    expect(res.statusCode).toBe(200);
    expect(res.json().city).toBe('Lille');
  });

  it('requires a business name when a patch makes a business', async () => {
    const created = await t.api('POST', '/api/v1/contacts', person('Marc', '06 12 34 56 09'));
    const res = await t.api('PATCH', `/api/v1/contacts/${created.json().id}`, { kind: 'business' });
    expect(res.statusCode).toBe(422);
    expect(issueAt(res.json(), 'businessName')?.code).toBe('required');
  });
});
