import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactRow } from '../../src/db/schema.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart, realFixtures } from '../helpers/transfer-files.ts';

interface FixtureCase {
  file: string;
  format: string;
  rows: number;
  valid: number;
  /** [line, code] of every row error, in order. */
  errors: [number, string][];
  /** Fields of the contacts stored, found by their name. */
  stored?: Record<string, Partial<ContactRow>>;
  encoding?: string;
  delimiter?: string;
  headerLine?: number | null;
}

const cases: FixtureCase[] = [
  {
    file: 'akaunting/customers.xlsx', format: 'xlsx', rows: 1, valid: 0, headerLine: 1,
    errors: [[2, 'required']],
  },
  {
    file: 'dolibarr/file_import_company_1.csv', format: 'csv', rows: 2, valid: 2, delimiter: ';', errors: [],
    stored: {
      MyBigCompanyImport1: {
        code: 'CU01-0001', email: 'test@mycompany.com', tax_number: 'FR0123456781', address_line1: '61 jump street',
        city: 'Big town', zip_code: '123456', mobile: '101010101', status: 'active',
      },
      // The placeholder code `auto` means "generate one".
      MyBigCompanyImport2: { code: 'CO0001', email: 'test@mycompany2.com' },
    },
  },
  {
    file: 'ez-vcard/John_Doe_LOTUS_NOTES.vcf', format: 'vcf', rows: 1, valid: 1, errors: [],
    stored: {
      'Mr. John Johny Doe': {
        prefix: 'Mr.', first_name: 'John', middle_name: 'Johny', last_name: 'Doe', business_name: 'IBM',
        email: 'john.doe@ibm.com', mobile: '+1 (212) 204-34456', address_line1: '25334',
        address_line2: 'South cresent drive, Building 5, 3rd floo r', city: 'New York', country: 'US',
        zip_code: 'NYC887', date_of_birth: '1980-05-21',
      },
    },
  },
  {
    file: 'ez-vcard/John_Doe_MS_OUTLOOK.vcf', format: 'vcf', rows: 1, valid: 1, errors: [],
    stored: {
      'Mr. John Richter James Doe': {
        middle_name: 'Richter James', mobile: '(905) 555-1234', mobile_e164: '+19055551234', landline: '(905) 666-1234',
        email: 'john.doe@ibm.cm', address_line1: 'Cresent moon drive', city: 'Albaney', country: 'US',
        date_of_birth: '1980-03-22',
      },
    },
  },
  {
    file: 'ez-vcard/gmail-single2.vcf', format: 'vcf', rows: 1, valid: 1, errors: [],
    stored: {
      'VCard Test': {
        business_name: 'TheCompany', mobile: '5555551115', landline: '5555551111', alternate_number: '5555551112',
        email: 'email@example.com', address_line1: '111 Main St', zip_code: '10011', date_of_birth: '1912-06-23',
      },
    },
  },
  {
    file: 'invoiceninja/clients.csv', format: 'csv', rows: 20, valid: 20, delimiter: ',', headerLine: 4, errors: [],
    stored: {
      'Terrill Ondricka': {
        business_name: 'Ludwig Krajcik DVM', mobile: '1-537-759-0369', email: 'brook59@example.org',
        address_line1: "371 O'Connell Summit", address_line2: 'Suite 612', zip_code: '83425-0771', opening_balance: 0,
      },
      'Pink Balistreri': { mobile: '1-995-790-2394 x58884', zip_code: '05144' },
    },
  },
  {
    file: 'invoiceninja/wave_clients.csv', format: 'csv', rows: 4, valid: 4, errors: [],
    stored: {
      'Homer Connery': { business_name: 'Homer Simpson', mobile: '555-875-5245', city: 'Glasgow, Scotland', shipping_address: null },
      'Jessica Jones': { business_name: null, country: 'AU', state: 'Queensland', address_line2: 'Apt 4' },
      'Luke Cage Martha Stewart': { mobile: '555-867-5309 x89', country: 'BS' },
    },
  },
  {
    file: 'kcontacts/testfullvcard.vcf', format: 'vcf', rows: 1, valid: 1, errors: [],
    stored: {
      'Mr Sherlock Holmes': {
        mobile: '+44-555-555-5555 ext. 5555', mobile_e164: '+445555555555', landline: '+44-555-555-6666',
        email: 'detective@sherlockholmes.com', country: 'GB', zip_code: 'NW1', date_of_birth: '1953-10-15',
      },
    },
  },
  {
    file: 'kcontacts/vcard10.vcf', format: 'vcf', rows: 5, valid: 0,
    errors: [[1, 'required'], [9, 'required'], [19, 'required'], [29, 'required'], [42, 'required']],
  },
  {
    file: 'opensourcepos/importCustomers.csv', format: 'csv', rows: 1, valid: 1, errors: [],
    stored: {
      'Bob Smith': {
        mobile: '585-555-1111', mobile_e164: '+15855551111', email: 'bsmith@nowhere.com', address_line2: 'Apt 4',
        country: 'US', zip_code: '11111', business_name: null,
      },
    },
  },
  {
    file: 'paheko/creation-sans-entete.csv', format: 'csv', rows: 107, valid: 107, headerLine: null, errors: [],
    stored: {
      'Cigxqyb Ryèqles': { mobile: '0266969287', email: 'ny54v784@i2a5u.fr' },
      'Lambert Paul': { mobile: '0875445356', email: 'yoyu087s@u2mox.fr' },
    },
  },
  {
    // Lines 4 and 9 are two members who share a phone: both are imported.
    file: 'paheko/maj.csv', format: 'csv', rows: 9, valid: 9, delimiter: ';', errors: [],
    stored: {
      'Grunberg Laurence': { code: '1', mobile: '0299794923', email: 'lgrun@free.fr', zip_code: '35000', city: 'Rennes' },
      'Bismuth Michèle': { address_line1: '83 rue Jouffroy d’Abbans', city: 'Hédé', zip_code: '35630' },
    },
  },
  {
    // Every row has the same phones, and some customers have two addresses: a
    // shared phone or e-mail warns without rejecting the row, so each address
    // becomes a contact.
    file: 'prestashop/addresses_import.csv', format: 'csv', rows: 16, valid: 16, delimiter: ';', errors: [],
    stored: {
      'Peter Pan': { mobile: '06 02 03 04 05', landline: '01 02 03 04 05', country: 'US', zip_code: '12001', status: 'active' },
      'Tiger Lily': { mobile_e164: '+33602030405', city: 'Le Chesnay', country: 'FR' },
      'James Hook': { business_name: 'Räuber Schätze GmBH', city: 'Berlin', country: 'DE' },
    },
  },
  {
    file: 'prestashop/customers_import.csv', format: 'csv', rows: 9, valid: 0, delimiter: ';',
    errors: [2, 3, 4, 5, 6, 7, 8, 9, 10].map((line) => [line, 'required'] as [number, string]),
  },
  { file: 'roundcube/apple.vcf', format: 'vcf', rows: 1, valid: 0, errors: [[1, 'required']] },
  { file: 'roundcube/gmail.csv', format: 'csv', rows: 1, valid: 0, errors: [[2, 'invalid_country']] },
  {
    file: 'roundcube/tb_plain.csv', format: 'csv', rows: 1, valid: 0,
    errors: [[2, 'phone_too_short'], [2, 'phone_too_short'], [2, 'phone_too_short']],
  },
  { file: 'roundcube/utf-16_sample.vcf', format: 'vcf', rows: 1, valid: 0, encoding: 'utf-16be', errors: [[1, 'required']] },
];

describe.each(engines)('third-party files on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function upload(token: string, file: string, options: unknown) {
    const body = multipart(readFileSync(join(realFixtures, file)), file.split('/')[1] ?? file, options);
    return t.app.inject({
      method: 'POST', url: '/api/v1/imports', payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${token}`, 'accept-language': 'fr' },
    });
  }

  it.each(cases)('previews and imports $file', async (fixture) => {
    const { business, token } = await t.addBusiness(`Fixtures ${fixture.file}`);
    const preview = await upload(token, fixture.file, { dryRun: true, onInvalid: 'skip' });
    expect(preview.statusCode).toBe(201);
    const body = preview.json();
    expect(body.format).toBe(fixture.format);
    expect(body.totals.rows).toBe(fixture.rows);
    expect(body.totals.valid).toBe(fixture.valid);
    expect(body.totals.invalid).toBe(fixture.rows - fixture.valid);
    expect(body.errors.map((error: { line: number; code: string }) => [error.line, error.code])).toEqual(fixture.errors);
    for (const error of body.errors) expect(error.message).toMatch(/^Ligne \d+/);
    if (fixture.encoding) expect(body.encoding).toBe(fixture.encoding);
    if (fixture.delimiter) expect(body.delimiter).toBe(fixture.delimiter);
    if (fixture.headerLine !== undefined) expect(body.headerLine).toBe(fixture.headerLine);

    const commit = await t.app.inject({
      method: 'POST', url: `/api/v1/imports/${body.id}/commit`, payload: {},
      headers: { authorization: `Bearer ${token}` },
    });
    expect(commit.json().status).toBe('committed');
    expect(commit.json().totals.created).toBe(body.totals.created);
    const rows = await t.database.db.kysely.selectFrom('contacts').selectAll()
      .where('business_id', '=', business.businessId).execute();
    expect(rows).toHaveLength(body.totals.created);
    for (const [name, fields] of Object.entries(fixture.stored ?? {})) {
      // A file may give one name twice (a customer with two addresses): one of those contacts must have the fields.
      const named = rows.filter((candidate) => candidate.name === name);
      expect(named.length, name).toBeGreaterThan(0);
      const values = { ...fields };
      if ('opening_balance' in values) values.opening_balance = Number(values.opening_balance);
      const actuals = named.map((row) => {
        const record = row as unknown as Record<string, unknown>;
        return Object.fromEntries(Object.keys(values).map((key) => {
          const value = record[key];
          return [key, key === 'opening_balance' ? Number(value) : value];
        }));
      });
      expect(actuals).toContainEqual(values);
    }
    for (const row of rows) expect(JSON.stringify(row)).not.toMatch(/\ufffd/);
  });

  it.each(['erpnext-customer/test_records.json', 'odoo/res_partner_demo.xml'])('rejects %s with its type', async (file) => {
    const { token } = await t.addBusiness(`Unsupported ${file}`);
    const res = await upload(token, file, { dryRun: true });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('file_type_unsupported');
    expect(res.json().detail).toContain(file.endsWith('.json') ? 'JSON' : 'XML');
  });
});
