import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writableView } from '../../src/contacts/update-contact.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe.each(engines)('contact export on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function shop(options: { labels?: Record<string, string>; groups?: string[] } = {}) {
    const { business, token } = await t.addBusiness(`Export ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    await db.updateTable('businesses').set({ custom_field_labels: JSON.stringify(options.labels ?? {}) })
      .where('id', '=', business.businessId).execute();
    const groups = new Map<string, string>();
    for (const name of options.groups ?? []) {
      const id = newId();
      await db.insertInto('customer_groups').values({
        id, business_id: business.businessId, name, name_key: name.toLowerCase(), calculation: 'percentage',
        percentage_bp: 500, price_group_id: null, created_at: nowIso(), updated_at: nowIso(),
      }).execute();
      groups.set(name, id);
    }
    const call = (method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}, locale = 'fr') =>
      t.app.inject({
        method, url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': locale, ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const create = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/contacts', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Record<string, unknown>;
    };
    const upload = (file: Buffer, name: string, options?: unknown) => {
      const form = multipart(file, name, options);
      return call('POST', '/api/v1/imports', form.payload, form.headers);
    };
    const contacts = async () => {
      const res = await call('GET', '/api/v1/contacts?limit=200&includeInactive=true');
      return (res.json().items as Record<string, unknown>[]).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    };
    return { business, token, db, groups, call, create, upload, contacts };
  }

  it('CSV starts with a BOM and keeps accents without entities', async () => {
    const s = await shop({ labels: { custom1: "Date d'échéance" } });
    await s.create({ firstName: 'Hélène', lastName: 'Çelik', mobile: '0611223344', city: 'Besançon', customFields: { custom1: 'fin mars' } });
    const res = await s.call('GET', '/api/v1/contacts/export?format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('Hélène');
    expect(text).toContain('Çelik');
    expect(text).toContain('Besançon');
    expect(text).toContain("Date d'échéance");
    expect(text).not.toMatch(/&eacute;|&#39;|Ã©|&amp;/);

    const other = await shop({ labels: { custom1: "Date d'échéance" } });
    const back = await other.upload(bytes, 'export.csv');
    expect(back.json().errors).toEqual([]);
    const [contact] = await other.contacts();
    expect(contact).toMatchObject({ name: 'Hélène Çelik', city: 'Besançon', customFields: { custom1: 'fin mars' } });
  });

  it('French CSV uses semicolons, decimal commas and day-first dates', async () => {
    const s = await shop();
    await s.create({
      kind: 'business', businessName: 'Roussel, Anne', mobile: '0611223355',
      openingBalance: '-12.50', openingBalanceDate: '2024-03-05',
    });
    const columns = 'columns=name,balance,openingBalanceDate';
    const fr = await s.call('GET', `/api/v1/contacts/export?format=csv&${columns}`);
    const frLines = fr.body.replace(/^\ufeff/, '').split('\r\n');
    expect(frLines[0]).toBe('Nom complet (calculé);Solde;Date du solde d\'ouverture');
    expect(frLines[1]).toBe('"Roussel, Anne";-12,50;05/03/2024');

    const en = await s.call('GET', `/api/v1/contacts/export?format=csv&${columns}`, undefined, {}, 'en');
    expect(en.body.replace(/^\ufeff/, '').split('\r\n')[1]).toBe('"Roussel, Anne",-12.50,2024-03-05');

    const chosen = await s.call('GET', `/api/v1/contacts/export?format=csv&${columns}&separator=tab&decimal=.&dateFormat=mm/dd/yyyy&bom=false`);
    expect(chosen.body.split('\r\n')[1]).toBe('"Roussel, Anne"\t-12.50\t03/05/2024');
    expect(chosen.body.startsWith('\ufeff')).toBe(false);
  });

  it('creation date is the business day', async () => {
    const s = await shop();
    const created = await s.create({ firstName: 'Noémie', mobile: '0611223366' });
    // 00:29 on 5 December in Paris, still 4 December in UTC.
    await s.db.updateTable('contacts').set({ created_at: '2026-12-04T23:29:21.128Z' }).where('id', '=', String(created.id)).execute();

    const res = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=firstName,createdAt');
    expect(res.body.replace(/^\ufeff/, '').split('\r\n')[1]).toBe('Noémie;05/12/2026');
  });

  it('PDF keeps French accents, ligatures and amounts', async () => {
    const s = await shop();
    await s.create({ firstName: 'Françoise', lastName: 'Lefèvre-Nœl', mobile: '0611223366', openingBalance: '1234.56' });
    const res = await s.call('GET', '/api/v1/contacts/export?format=pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Françoise Lefèvre-Nœl');
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('Liste des contacts');
    expect(text).not.toMatch(/[?□^]|\ufffd/);
  });

  it('exports every matching contact across pages', async () => {
    const s = await shop();
    const now = nowIso();
    const rows = Array.from({ length: 1205 }, (_, i) => ({
      id: newId(), business_id: s.business.businessId, code: `B${String(i).padStart(5, '0')}`, type: i % 5 === 0 ? 'supplier' : 'customer',
      kind: 'individual', first_name: `Nom${String(i).padStart(5, '0')}`, name: `Nom${String(i).padStart(5, '0')}`,
      mobile: `06${String(20000000 + i)}`, pay_term_end_of_month: 0, opening_balance: 0, status: 'active',
      custom_fields: '{}', balance: 0, receivable: 0, payable: 0, advance: 0, created_at: now, updated_at: now,
    }));
    for (let start = 0; start < rows.length; start += 200) {
      await s.db.insertInto('contacts').values(rows.slice(start, start + 200)).execute();
    }
    const all = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=code');
    const lines = all.body.trim().split('\r\n');
    expect(lines).toHaveLength(1206);
    expect(new Set(lines.slice(1)).size).toBe(1205);
    const suppliers = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=code&type=supplier');
    expect(suppliers.body.trim().split('\r\n')).toHaveLength(1 + 241);
    const searched = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=code&q=Nom00042');
    expect(searched.body.trim().split('\r\n').slice(1)).toEqual(['B00042']);
  });

  it('neutralises formulas and the import undoes it', async () => {
    const s = await shop();
    await s.create({ firstName: '=HYPERLINK("x")', lastName: '@Martin', mobile: '+33 6 11 22 33 77', city: '-Nord', openingBalance: '-5.00' });
    const csv = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=firstName,lastName,mobile,city,openingBalance');
    const line = csv.body.split('\r\n')[1];
    expect(line).toBe('"\'=HYPERLINK(""x"")";\'@Martin;\'+33 6 11 22 33 77;\'-Nord;-5,00');

    const xlsx = await s.call('GET', '/api/v1/contacts/export?format=xlsx&columns=firstName,mobile,openingBalance');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]?.getRow(2);
    expect(row?.getCell(1).value).toBe('\'=HYPERLINK("x")');
    expect(row?.getCell(2).value).toBe("'+33 6 11 22 33 77");
    expect(row?.getCell(3).value).toBe(-5);

    for (const [format, body] of [['csv', csv.rawPayload], ['xlsx', xlsx.rawPayload]] as const) {
      const other = await shop();
      await other.upload(body, `back.${format}`);
      const [contact] = await other.contacts();
      expect(contact).toMatchObject({ firstName: '=HYPERLINK("x")', mobile: '+33 6 11 22 33 77' });
    }
  });

  it('XLSX has typed amount and date cells', async () => {
    const s = await shop();
    await s.create({ firstName: 'Zoé', mobile: '0611223388', zipCode: '01000', dateOfBirth: '1958-03-15', openingBalance: '1234.56' });
    const res = await s.call('GET', '/api/v1/contacts/export?format=xlsx&columns=firstName,mobile,zipCode,dateOfBirth,openingBalance');
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]?.getRow(2);
    expect(row?.getCell(2).value).toBe('0611223388');
    expect(row?.getCell(3).value).toBe('01000');
    expect((row?.getCell(4).value as Date).toISOString()).toBe('1958-03-15T00:00:00.000Z');
    expect(row?.getCell(5).value).toBe(1234.56);
    expect(row?.getCell(5).numFmt).toBe('#,##0.00');
  });

  it.each(['csv', 'xlsx', 'vcf', 'vcf3'])('export then import gives back the same contacts (%s)', async (format) => {
    const labels = { custom1: 'Allergies', custom4: 'Parrain' };
    const s = await shop({ labels, groups: ['Habitués'] });
    const group = s.groups.get('Habitués');
    await s.create({
      code: 'CLI-001', type: 'both', kind: 'individual', prefix: 'Mme', firstName: 'Élodie', middleName: 'Anne',
      lastName: 'Lefèvre-Nœl', businessName: 'Cave d’Élodie', mobile: '06 11 22 33 44', alternateNumber: '+32 470 12 34 56',
      landline: '04 67 12 34 56', email: 'elodie@example.fr', taxNumber: 'FR40303265045', addressLine1: '12, rue des Écoles',
      addressLine2: 'Bât. B; 2e étage', city: 'Sète', state: 'Occitanie', country: 'FR', zipCode: '01000',
      shippingAddress: '3 quai Nord\nSète', dateOfBirth: '1958-03-15', customerGroupId: group, creditLimit: '1500.00',
      payTerm: { number: 30, unit: 'days', endOfMonth: true }, openingBalance: '-12.50', openingBalanceDate: '2024-03-05',
      loyaltyCardNumber: 'CARTE-0001', status: 'inactive',
      bankAccount: { iban: 'FR1420041010050500013M02606', bic: 'PSSTFRPPMON', holder: 'Élodie Lefèvre' },
      customFields: { custom1: 'gluten, lactose', custom4: '=Marc' },
    });
    await s.create({ kind: 'business', businessName: 'Fromagerie "Le Comté"', mobile: '+33 6 98 76 54 32', type: 'supplier',
      payTerm: { number: 2, unit: 'months', endOfMonth: false } });
    await s.create({ firstName: 'Ana', mobile: '0611000001', creditLimit: '0.00' });

    const query = format === 'vcf3' ? 'format=vcf&vcardVersion=3.0' : `format=${format}`;
    const exported = await s.call('GET', `/api/v1/contacts/export?${query}`);
    expect(exported.statusCode).toBe(200);
    const other = await shop({ labels, groups: ['Habitués'] });
    const imported = await other.upload(exported.rawPayload, `contacts.${format === 'vcf3' ? 'vcf' : format}`);
    expect(imported.json().errors).toEqual([]);
    expect(imported.json().totals).toMatchObject({ rows: 3, created: 3 });

    const comparable = (contact: Record<string, unknown>, groups: Map<string, string>): Record<string, unknown> => {
      const view = writableView(contact as never) as Record<string, unknown>;
      const groupName = [...groups.entries()].find(([, id]) => id === view.customerGroupId)?.[0] ?? null;
      return { ...view, customerGroupId: groupName, assignedUserIds: undefined };
    };
    const before = (await s.contacts()).map((contact) => comparable(contact, s.groups));
    const after = (await other.contacts()).map((contact) => comparable(contact, other.groups));
    expect(before).toHaveLength(3);
    expect(after).toEqual(before);
    expect(after.find((contact) => contact.code === 'CLI-001')).toMatchObject({
      status: 'inactive', customerGroupId: 'Habitués', openingBalance: '-12.50', openingBalanceDate: '2024-03-05',
      payTerm: { number: 30, unit: 'days', endOfMonth: true }, zipCode: '01000', customFields: { custom1: 'gluten, lactose', custom4: '=Marc' },
      shippingAddress: '3 quai Nord\nSète', alternateNumber: '+32 470 12 34 56',
    });
  });

  it('vCard 4.0 has folded UTF-8 lines and Comptoir fields', async () => {
    const s = await shop();
    await s.create({ firstName: 'Élodie', lastName: 'Martin', mobile: '0611223399', addressLine1: 'Résidence des Œillets, bâtiment C, escalier 4, appartement 12' });
    const res = await s.call('GET', '/api/v1/contacts/export?format=vcf');
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const text = res.body;
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text).toContain('N:Martin;Élodie;;;');
    expect(text).toContain('TEL;TYPE=cell:0611223399');
    expect(text).toContain('X-COMPTOIR-CODE:CO0001');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n /g, '')).toContain('Résidence des Œillets\\, bâtiment C\\, escalier 4\\, appartement 12');
  });

  it('rejects unknown export columns and filters', async () => {
    const s = await shop();
    // An unknown parameter and a bad column are named in the same 422.
    const unknown = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=name,password&colour=blue');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.map((error: { path: string }) => error.path)).toEqual(['colour', 'columns']);
    expect(unknown.json().errors[0].code).toBe('unknown_parameter');
    const res = await s.call('GET', '/api/v1/contacts/export?format=csv&columns=name,password');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((error: { path: string }) => error.path)).toEqual(['columns']);
  });

  it('user who sees no contacts cannot export', async () => {
    const { token } = await t.addUser(['sale.create']);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(403);
  });

  it('exports in the list sort order', async () => {
    const s = await shop();
    const customers = [['C03', 'Anne', '5.00', '01'], ['C01', 'Zoé', '30.00', '02'], ['C02', 'Marc', '12.00', '03']] as const;
    for (const [code, name, balance, serial] of customers) {
      await s.create({
        type: 'customer', kind: 'individual', firstName: name, code, mobile: `06 77 00 00 ${serial}`,
        openingBalance: balance, openingBalanceDate: '2024-01-02',
      });
    }
    const codes = async (query: string) => {
      const res = await s.call('GET', `/api/v1/contacts/export?format=csv&columns=code${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body.replace(/^\ufeff/, '').trim().split('\r\n').slice(1);
    };
    expect(await codes('')).toEqual(['C03', 'C02', 'C01']);
    expect(await codes('&sort=code')).toEqual(['C01', 'C02', 'C03']);
    expect(await codes('&sort=code&order=desc')).toEqual(['C03', 'C02', 'C01']);
    expect(await codes('&sort=balance&order=desc')).toEqual(['C01', 'C02', 'C03']);
    expect(await codes('&order=desc')).toEqual(['C01', 'C02', 'C03']);

    const unknownSort = await s.call('GET', '/api/v1/contacts/export?format=csv&sort=town');
    expect(unknownSort.statusCode).toBe(422);
    expect(unknownSort.json().errors[0].path).toBe('sort');
    // A balance sort reads figures, so it needs ledger.view as on the list.
    const { token } = await t.addUser(['customer.view']);
    const hidden = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export?sort=balance', headers: { authorization: `Bearer ${token}` } });
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().permission).toBe('ledger.view');
  });
});
