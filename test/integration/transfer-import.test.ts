import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { legacyFile, multipart, xlsxFile, zipFile } from '../helpers/transfer-files.ts';
import { beginCommit } from '../../src/transfer/import/commit-import.ts';
import { cancelJob } from '../../src/transfer/import/jobs.ts';
import { loadImport } from '../../src/transfer/import/store.ts';
import { resolveAuth } from '../../src/auth/context.ts';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe.each(engines)('contact import on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A new business per test, so counts start at zero. */
  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    const call = (method: 'GET' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'fr', ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const upload = (file: Buffer | string, name: string, options?: unknown) => {
      const body = multipart(typeof file === 'string' ? utf8(file) : file, name, options);
      return call('POST', '/api/v1/imports', body.payload, body.headers);
    };
    const contacts = () =>
      db.selectFrom('contacts').selectAll().where('business_id', '=', business.businessId).orderBy('name').execute();
    return { business, token, call, upload, contacts, db };
  }

  it('semicolon file previews and commits the same rows', async () => {
    const s = await shop();
    const file = "Nom;Prénom;Téléphone;Solde d'ouverture\nMartin;Élodie;06 11 22 33 44;120,50\nPetit;Jérôme;07 98 76 54 32;0\n";
    const preview = await s.upload(file, 'clients.csv', { dryRun: true });
    expect(preview.statusCode).toBe(201);
    const body = preview.json();
    expect(body.status).toBe('previewed');
    expect(body.delimiter).toBe(';');
    expect(body.columns.map((column: { field: string }) => column.field)).toEqual(['lastName', 'firstName', 'mobile', 'openingBalance']);
    expect(body.totals).toEqual({ rows: 2, valid: 2, invalid: 0, created: 2, updated: 0, skipped: 0 });
    expect(await s.contacts()).toHaveLength(0);

    const commit = await s.call('POST', `/api/v1/imports/${body.id}/commit`, {});
    expect(commit.statusCode).toBe(200);
    expect(commit.json().status).toBe('committed');
    expect(commit.json().delimiter).toBe(body.delimiter);
    expect(commit.json().totals.created).toBe(body.totals.created);
    const stored = await s.contacts();
    expect(stored).toHaveLength(2);
    const elodie = stored.find((row) => row.first_name === 'Élodie');
    expect(elodie?.last_name).toBe('Martin');
    expect(Number(elodie?.opening_balance)).toBe(12050);
    expect(Number(elodie?.balance)).toBe(12050);
  });

  it('BOM stays out of the first header', async () => {
    const s = await shop();
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('Nom;Email;Mobile\r\nDurand;a.durand@example.fr;0600000010\r\n')]);
    const res = await s.upload(bytes, 'excel.csv');
    expect(res.json().columns[0].header).toBe('Nom');
    expect(res.json().columns[0].header).toHaveLength(3);
    expect(res.json().columns[0].field).toBe('fullName');
    const [contact] = await s.contacts();
    expect(contact?.name).toBe('Durand');
    expect(contact?.email).toBe('a.durand@example.fr');
  });

  it('Windows-1252 and UTF-8 give the same contact', async () => {
    const s = await shop();
    const cp1252 = Buffer.concat([
      Buffer.from('4e6f6d3b56696c6c650d0a4c92417465' + '6c69657220649' + '2c96c6f646965' + '3b53e87465', 'hex'),
    ]);
    const withMobile = Buffer.concat([
      Buffer.from('Nom;Ville;Mobile\r\n'),
      cp1252.subarray(cp1252.indexOf(0x0a) + 1),
      Buffer.from(';0600000020\r\n'),
    ]);
    const res = await s.upload(withMobile, 'notepad.csv');
    expect(res.json().encoding).toBe('windows-1252');
    expect(res.json().totals.created).toBe(1);
    const [contact] = await s.contacts();
    expect(contact?.name).toBe('L’Atelier d’Élodie');
    expect(contact?.city).toBe('Sète');

    const other = await shop();
    await other.upload('Nom;Ville;Mobile\r\nL’Atelier d’Élodie;Sète;0600000020\r\n', 'utf8.csv');
    const [same] = await other.contacts();
    expect(same?.name).toBe(contact?.name);
    expect(same?.city).toBe(contact?.city);
  });

  it('amounts with decimal commas are exact', async () => {
    const s = await shop();
    const amounts = ['5323,54', '1 234,56', '1\u00a0234,56', '1\u202f234,56', '1.234,56', '-15,00', '0', '', '0,1', '0,2', '1,234'];
    const lines = amounts.map((amount, i) => `C${String(i).padStart(2, '0')};06000001${String(i).padStart(2, '0')};${amount}`);
    const res = await s.upload(`Nom;Téléphone;Solde d'ouverture\n${lines.join('\n')}\n`, 'soldes.csv', { onInvalid: 'skip' });
    expect(res.json().totals).toMatchObject({ rows: 11, valid: 10, invalid: 1, created: 10 });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ line: 12, column: "Solde d'ouverture", value: '1,234', code: 'amount_ambiguous' }),
    ]);
    const byName = new Map((await s.contacts()).map((row) => [row.name, Number(row.opening_balance)]));
    expect([...byName.entries()].sort()).toEqual([
      ['C00', 532354], ['C01', 123456], ['C02', 123456], ['C03', 123456], ['C04', 123456],
      ['C05', -1500], ['C06', 0], ['C07', 0], ['C08', 10], ['C09', 20],
    ]);
    expect((byName.get('C08') ?? 0) + (byName.get('C09') ?? 0)).toBe(30);
    const ledger = await s.db
      .selectFrom('ledger_entries')
      .select((eb) => [eb.fn.sum<number>('debit').as('debit'), eb.fn.sum<number>('credit').as('credit')])
      .where('business_id', '=', s.business.businessId)
      .executeTakeFirstOrThrow();
    expect(Number(ledger.debit) - Number(ledger.credit)).toBe(532354 + 4 * 123456 - 1500 + 30);
  });

  it('CSV phones and zip codes keep their leading zeros', async () => {
    const s = await shop();
    const file = 'Nom;Téléphone;Code postal\nA;0612345678;01000\nB;06 12 34 56 78;01000\nC;+33 6 12 34 56 78;01000\nD;0033612345678;01000\n';
    const res = await s.upload(file, 'phones.csv', { matchOn: ['code', 'email'] });
    expect(res.json().totals.created).toBe(4);
    const rows = await s.contacts();
    expect(rows.map((row) => row.mobile)).toEqual(['0612345678', '06 12 34 56 78', '+33 6 12 34 56 78', '0033612345678']);
    expect(rows.map((row) => row.mobile_e164)).toEqual(Array(4).fill('+33612345678'));
    expect(rows.map((row) => row.zip_code)).toEqual(Array(4).fill('01000'));
  });

  it('XLSX numeric phones and zip codes are restored', async () => {
    const s = await shop();
    const bytes = await xlsxFile([
      ['Nom', 'Téléphone', 'Code postal'],
      ['A', 612345678, 1000],
      ['B', 33698765432, { value: 1000, numFmt: '00000' }],
    ]);
    const res = await s.upload(bytes, 'phones.xlsx');
    expect(res.json().format).toBe('xlsx');
    expect(res.json().totals.created).toBe(2);
    const rows = await s.contacts();
    expect(rows.map((row) => row.mobile)).toEqual(['0612345678', '+33698765432']);
    expect(rows.map((row) => row.zip_code)).toEqual(['01000', '01000']);
    expect(res.json().warnings.map((warning: { code: string; line: number }) => [warning.code, warning.line])).toEqual([
      ['phone_restored', 2], ['phone_restored', 3],
    ]);
  });

  it('missing name is a row error and re-import creates nothing', async () => {
    const s = await shop();
    const file = 'Nom;Email;Téléphone\nGarnier;c.garnier@example.fr;0600000001\n;sans.nom@example.fr;0600000002\nFabre;l.fabre@example.fr;0600000003\n';
    const first = await s.upload(file, 'b08.csv', { onInvalid: 'skip' });
    expect(first.statusCode).toBe(201);
    expect(first.json().status).toBe('committed');
    expect(first.json().totals).toMatchObject({ rows: 3, valid: 2, invalid: 1, created: 2 });
    expect(first.json().errors).toHaveLength(1);
    expect(first.json().errors[0]).toMatchObject({ line: 3, column: 'Nom', code: 'required' });
    expect(first.json().errors[0].message.toLowerCase()).toContain('ligne 3 : le nom est obligatoire');
    expect(await s.contacts()).toHaveLength(first.json().totals.created);

    const second = await s.upload(file, 'b08.csv', { onInvalid: 'skip' });
    expect(second.json().totals).toMatchObject({ rows: 3, valid: 2, invalid: 1, created: 0, skipped: 2 });
    expect(second.json().errors[0]).toMatchObject({ line: 3, code: 'required' });
    expect(second.json().warnings.filter((warning: { code: string }) => warning.code === 'import_existing')).toHaveLength(2);
    const names = (await s.contacts()).map((row) => row.name);
    expect(names).toEqual(['Fabre', 'Garnier']);
  });

  it('abort imports nothing when a row is invalid', async () => {
    const s = await shop();
    const file = 'Nom;Téléphone\nGarnier;0600000001\n;0600000002\n';
    const res = await s.upload(file, 'abort.csv');
    expect(res.json().status).toBe('failed');
    expect(res.json().totals).toMatchObject({ rows: 2, valid: 1, invalid: 1, created: 0, updated: 0 });
    expect(res.json().message).toContain('rien n’a été enregistré');
    expect(await s.contacts()).toHaveLength(0);
    const audit = await s.db.selectFrom('audit_log').select('id').where('business_id', '=', s.business.businessId)
      .where('entity_type', '=', 'contact').execute();
    expect(audit).toHaveLength(0);
  });

  it('every failing row gives an error, not a success', async () => {
    const s = await shop();
    const res = await s.upload('Nom;Téléphone\n;0600000001\n;0600000002\n', 'empty-names.csv', { onInvalid: 'skip' });
    expect(res.json().totals).toMatchObject({ valid: 0, invalid: 2, created: 0 });
    expect(res.json().errors.map((error: { line: number }) => error.line)).toEqual([2, 3]);
  });

  it('dates follow the pivot rule and reject impossible days', async () => {
    const s = await shop();
    const values = ['15/03/1958', '15/03/58', '03/15/2024', '31/02/2024', '2024-03-15'];
    const lines = values.map((value, i) => `D${i};0600000${300 + i};${value}`);
    const res = await s.upload(`Nom;Mobile;Date de naissance\n${lines.join('\n')}\n`, 'dates.csv', { onInvalid: 'skip' });
    expect(res.json().errors.map((error: { line: number; code: string; value: string }) => [error.line, error.code, error.value])).toEqual([
      [4, 'import_invalid_date', '03/15/2024'],
      [5, 'import_invalid_date', '31/02/2024'],
    ]);
    const births = (await s.contacts()).map((row) => [row.name, row.date_of_birth]);
    expect(births).toEqual([['D0', '1958-03-15'], ['D1', '1958-03-15'], ['D4', '2024-03-15']]);
    expect(res.json().errors[0].message).toContain('JJ/MM/AAAA');
    const english = await s.call('GET', `/api/v1/imports/${res.json().id}`, undefined, { 'accept-language': 'en' });
    expect(english.json().errors[0].message).toContain('write it DD/MM/YYYY or YYYY-MM-DD');

    const xlsx = await xlsxFile([['Nom', 'Mobile', 'Date de naissance'], ['Serial', '0600000399', 45366]]);
    await s.upload(xlsx, 'serial.xlsx');
    const serial = (await s.contacts()).find((row) => row.name === 'Serial');
    expect(serial?.date_of_birth).toBe('2024-03-15');
  });

  it('vCard birthday without a year is a warning, not an error', async () => {
    const s = await shop();
    const cards = [
      'BEGIN:VCARD', 'VERSION:3.0', 'N:Garnier;Odile;;;', 'TEL;TYPE=CELL:06 12 00 00 41', 'BDAY:--0415', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'N:Roche;Marc;;;', 'TEL;TYPE=cell:06 12 00 00 42', 'BDAY:19710203', 'END:VCARD', '',
    ].join('\r\n');
    const preview = await s.upload(cards, 'telephone.vcf', { dryRun: true });
    expect(preview.statusCode, preview.body).toBe(201);
    const body = preview.json();
    expect(body.totals).toMatchObject({ rows: 2, valid: 2, invalid: 0 });
    expect(body.warnings).toEqual([
      expect.objectContaining({ line: 1, value: '--0415', code: 'birth_date_no_year', message: expect.stringContaining('n’a pas d’année') }),
    ]);
    await s.call('POST', `/api/v1/imports/${body.id}/commit`, {});
    const stored = await s.contacts();
    expect(stored.map((row) => [row.last_name, row.date_of_birth]).sort()).toEqual([
      ['Garnier', null],
      ['Roche', '1971-02-03'],
    ]);
  });

  it('duplicates inside the file are reported with the first line', async () => {
    const s = await shop();
    const file = 'Nom;Code;Mobile\nA;C-1;0600000401\nB;C-1;0600000402\n';
    const res = await s.upload(file, 'dupes.csv', { onInvalid: 'skip' });
    expect(res.json().errors).toEqual([
      expect.objectContaining({ line: 3, column: 'Code', code: 'duplicate_in_file', value: 'C-1' }),
    ]);
    expect(res.json().errors[0].message).toContain('ligne 2');
    expect(await s.contacts()).toHaveLength(1);
  });

  it('upsert updates matched contacts and undo restores them', async () => {
    const s = await shop();
    await s.upload('Nom;Email;Mobile;Ville\nGarnier;c.garnier@example.fr;0600000501;Lyon\n', 'first.csv');
    const res = await s.upload('Nom;Email;Ville\nGarnier;C.Garnier@example.fr;Besançon\n', 'update.csv', { mode: 'upsert', matchOn: ['email'] });
    expect(res.json().totals).toMatchObject({ valid: 1, created: 0, updated: 1, skipped: 0 });
    let [contact] = await s.contacts();
    expect(contact?.city).toBe('Besançon');
    expect(contact?.mobile).toBe('0600000501');

    const again = await s.upload('Nom;Email;Ville\nGarnier;C.Garnier@example.fr;Besançon\n', 'same.csv', { mode: 'upsert' });
    expect(again.json().totals).toMatchObject({ updated: 0, skipped: 1 });

    const undo = await s.call('DELETE', `/api/v1/imports/${res.json().id}`);
    expect(undo.statusCode).toBe(200);
    expect(undo.json().status).toBe('undone');
    [contact] = await s.contacts();
    expect(contact?.city).toBe('Lyon');
  });

  it('undo deletes created contacts with their opening balance', async () => {
    const s = await shop();
    const res = await s.upload("Nom;Mobile;Solde d'ouverture\nA;0600000601;120,50\nB;0600000602;0\n", 'undo.csv');
    expect(await s.contacts()).toHaveLength(2);
    const undo = await s.call('DELETE', `/api/v1/imports/${res.json().id}`);
    expect(undo.json()).toMatchObject({ status: 'undone' });
    expect(undo.json().message).toContain('2 contacts supprimés');
    expect(await s.contacts()).toHaveLength(0);
    const entries = await s.db.selectFrom('ledger_entries').select('id').where('business_id', '=', s.business.businessId).execute();
    expect(entries).toHaveLength(0);
    const again = await s.call('DELETE', `/api/v1/imports/${res.json().id}`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('import_not_undoable');
  });

  it('undo is refused once a contact has history', async () => {
    const s = await shop();
    const res = await s.upload("Nom;Mobile;Solde d'ouverture\nA;0600000701;10,00\nB;0600000702;0\n", 'history.csv');
    const [first] = await s.contacts();
    const patch = await s.call('PATCH', `/api/v1/contacts/${first?.id}`, { openingBalance: '25.00' });
    expect(patch.statusCode).toBe(200);
    const undo = await s.call('DELETE', `/api/v1/imports/${res.json().id}`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json()).toMatchObject({ code: 'import_undo_blocked', count: 1 });
    expect(await s.contacts()).toHaveLength(2);
  });

  it('template downloads and imports as it is', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const s = await shop();
      const template = await s.call('GET', `/api/v1/imports/template.xlsx?lang=${lang}`);
      expect(template.statusCode).toBe(200);
      expect(template.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
        lang === 'fr' ? ['Contacts', 'Listes', 'Instructions'] : ['Contacts', 'Lists', 'Instructions'],
      );
      const header = workbook.worksheets[0]?.getRow(1).values as string[];
      expect(header).toContain(lang === 'fr' ? "Solde d'ouverture" : 'Opening balance');
      const typeColumn = header.indexOf('Type');
      const letter = workbook.worksheets[0]?.getColumn(typeColumn).letter;
      expect(workbook.worksheets[0]?.getCell(`${letter}5`).dataValidation?.type).toBe('list');

      const res = await s.upload(template.rawPayload, 'template.xlsx');
      expect(res.json().errors).toEqual([]);
      expect(res.json().totals).toMatchObject({ rows: 2, valid: 2, created: 2 });
      const rows = await s.contacts();
      const supplier = rows.find((row) => row.business_name === 'Fromagerie Dubois SARL');
      expect(supplier).toMatchObject({ type: 'supplier', kind: 'business', zip_code: '01000', pay_term_number: 30, pay_term_end_of_month: 1 });
      expect(Number(supplier?.opening_balance)).toBe(-25000);
      const customer = rows.find((row) => row.first_name === 'Élodie');
      expect(customer).toMatchObject({ date_of_birth: '1985-04-12', mobile: '06 11 22 33 44', city: 'Besançon' });
      expect(Number(customer?.credit_limit)).toBe(50000);
    }
  });

  it('original 27-column template imports from XLS', async () => {
    const s = await shop();
    const header = ['CONTACT TYPE', 'PREFIX', 'FIRST NAME', 'MIDDLE NAME', 'LAST NAME', 'BUSINESS NAME', 'CONTACT ID',
      'TAX NUMBER', 'OPENING BALANCE', 'PAY TERM', 'PAY TERM PERIOD', 'CREDIT LIMIT', 'EMAIL', 'MOBILE',
      'ALT. CONTACT NO.', 'LANDLINE', 'CITY', 'STATE', 'COUNTRY', 'ADDRESS LINE 1', 'ADDRESS LINE 2', 'ZIP CODE', 'DOB',
      'CUSTOM FIELD 1', 'CUSTOM FIELD 2', 'CUSTOM FIELD 3', 'CUSTOM FIELD 4'];
    const row = ['3', 'M.', 'Loïc', '', 'Guérin', 'Cave Guérin', 'CG01', '', 1500.25, 2, 'months', 3000, 'loic@example.fr',
      '0612345601', '', '0412345678', 'Sète', 'Occitanie', 'France', '1 quai de la Fontaine', '', '34200', '1970-05-01',
      '', '', '', ''];
    const res = await s.upload(legacyFile([header, row], 'xls'), 'import_contacts.xls');
    expect(res.json().format).toBe('xls');
    expect(res.json().errors).toEqual([]);
    const [contact] = await s.contacts();
    expect(contact).toMatchObject({
      type: 'both', code: 'CG01', prefix: 'M.', first_name: 'Loïc', last_name: 'Guérin', business_name: 'Cave Guérin',
      pay_term_number: 2, pay_term_unit: 'months', mobile: '0612345601', landline: '0412345678', city: 'Sète',
      country: 'FR', zip_code: '34200', date_of_birth: '1970-05-01',
    });
    expect(Number(contact?.opening_balance)).toBe(150025);
    expect(Number(contact?.credit_limit)).toBe(300000);
  });

  it('ODS workbooks import', async () => {
    const s = await shop();
    const res = await s.upload(legacyFile([['Nom', 'Mobile', 'Ville'], ['Roux', '0600000801', 'Nantes']], 'ods'), 'contacts.ods');
    expect(res.json().format).toBe('ods');
    expect((await s.contacts()).map((row) => [row.name, row.city])).toEqual([['Roux', 'Nantes']]);
  });

  it('mapping chosen once applies to the next file', async () => {
    const s = await shop();
    const file = 'Client;Portable;Couleur\nRoux;0600000901;bleu\n';
    const first = await s.upload(file, 'a.csv', { dryRun: true, mapping: { Client: 'fullName', Couleur: null } });
    expect(first.json().columns.map((column: { field: string | null; reason: string | null }) => [column.field, column.reason])).toEqual([
      ['fullName', null], ['mobile', null], [null, 'ignored'],
    ]);
    await s.call('POST', `/api/v1/imports/${first.json().id}/commit`, {});
    const next = await s.upload('Client;Portable;Couleur\nMorel;0600000902;vert\n', 'b.csv', { dryRun: true });
    expect(next.json().columns.map((column: { source: string | null }) => column.source)).toEqual(['saved', 'header', 'saved']);
  });

  it('lists mappable fields with custom labels', async () => {
    const s = await shop();
    await s.db.updateTable('businesses').set({ custom_field_labels: JSON.stringify({ custom2: 'Allergies' }) })
      .where('id', '=', s.business.businessId).execute();
    const res = await s.call('GET', '/api/v1/imports/fields?lang=en');
    const items = res.json().items as { field: string; label: string }[];
    expect(items.find((item) => item.field === 'openingBalance')?.label).toBe('Opening balance');
    expect(items.find((item) => item.field === 'custom2')?.label).toBe('Allergies');
    expect(items.some((item) => item.field === 'custom1')).toBe(false);
  });

  it('unlabelled custom field column stays out', async () => {
    const s = await shop();
    const file = 'Nom;Mobile;Champ personnalisé 1\nMorel;0600000903;VIP\n';
    const res = await s.upload(file, 'segments.csv', { dryRun: true });
    expect(res.json().columns[2].field).toBeNull();
    expect(res.json().columns[2].reason).toBe('unlabelled');
    expect(res.json().errors).toEqual([]);
    expect(res.json().totals.valid).toBe(1);
  });

  it('unlabelled custom field says how to name it', async () => {
    const s = await shop();
    const file = 'Nom;Mobile;Segment\nMorel;0600000904;VIP\n';
    const res = await s.upload(file, 'segments.csv', { dryRun: true, mapping: { Segment: 'custom1' } });
    expect(res.json().columns[2].field).toBe('custom1');
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0].code).toBe('custom_field_unlabelled');
    expect(res.json().errors[0].message).toBe(
      'Ligne 2, colonne « Segment » : Le champ personnalisé 1 n’a pas de nom : ' +
        'nommez-le dans Paramètres › Champs personnalisés, puis enregistrez à nouveau.',
    );
  });

  it('rejects files that are not what they claim', async () => {
    const s = await shop();
    const binary = await s.upload(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0, 0x3b, 0]), 'contacts.csv');
    expect(binary.statusCode).toBe(415);
    expect(binary.json().code).toBe('file_not_text');
    const pdf = await s.upload(Buffer.from('%PDF-1.4\n%...'), 'contacts.csv');
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().detail).toContain('PDF');
    const bomb = zipFile([
      { name: '[Content_Types].xml', data: utf8('<Types/>') },
      { name: 'xl/workbook.xml', data: utf8('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20), declaredSize: 100 },
    ]);
    const zip = await s.upload(bomb, 'contacts.xlsx');
    expect(zip.statusCode).toBe(413);
    expect(zip.json().code).toBe('archive_too_large');
    const imports = await s.db.selectFrom('imports').select('id').where('business_id', '=', s.business.businessId).execute();
    expect(imports).toHaveLength(0);
  });

  it('refuses an upload over the size limit', async () => {
    const s = await shop();
    const big = Buffer.alloc(26 * 1024 * 1024, 0x41);
    const res = await s.upload(big, 'big.csv');
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
    expect(res.json().detail).toContain('25 Mo');
  });

  it('rejects invalid options with their path', async () => {
    const s = await shop();
    const res = await s.upload('Nom;Mobile\nA;0600000001\n', 'a.csv', { mode: 'merge', extra: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((error: { path: string }) => error.path).sort()).toEqual(['options', 'options.mode']);
  });

  it('cancel before the first row writes nothing', async () => {
    const s = await shop();
    const preview = await s.upload('Nom;Mobile\nA;0600001001\nB;0600001002\n', 'c.csv', { dryRun: true });
    const id = preview.json().id as string;
    const auth = await resolveAuth(s.db, { headers: { authorization: `Bearer ${s.token}` }, cookies: {} } as never);
    if (!auth) throw new Error('no auth');
    const { finished } = await beginCommit(t.database.db, auth, id, { locale: 'fr' });
    expect(cancelJob(id)).toBe(true);
    const record = await finished;
    expect(record.status).toBe('cancelled');
    expect(record.totals.created).toBe(0);
    expect(await s.contacts()).toHaveLength(0);
    const stored = await loadImport(s.db, s.business.businessId, id);
    expect(stored.status).toBe('cancelled');
    const retry = await s.call('POST', `/api/v1/imports/${id}/commit`, {});
    expect(retry.json().status).toBe('committed');
    expect(await s.contacts()).toHaveLength(2);
  });

  it('background commit ends with full progress', async () => {
    const s = await shop();
    const lines = Array.from({ length: 60 }, (_, i) => `P${i};06${String(10000000 + i).padStart(8, '0')}`);
    const preview = await s.upload(`Nom;Mobile\n${lines.join('\n')}\n`, 'bulk.csv', { dryRun: true });
    const id = preview.json().id as string;
    const started = await s.call('POST', `/api/v1/imports/${id}/commit`, { wait: false });
    expect(started.statusCode).toBe(202);
    let record = started.json();
    for (let attempt = 0; attempt < 600 && record.status === 'running'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      record = (await s.call('GET', `/api/v1/imports/${id}`)).json();
    }
    expect(record.status).toBe('committed');
    expect(record.progress).toEqual({ done: 60, total: 60 });
    expect(await s.contacts()).toHaveLength(60);
  });

  it('streamed commit sends the import last', async () => {
    const s = await shop();
    const preview = await s.upload('Nom;Mobile\nA;0600001101\n', 'stream.csv', { dryRun: true });
    const res = await s.call('POST', `/api/v1/imports/${preview.json().id}/commit`, {}, { accept: 'application/x-ndjson' });
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const lines = res.body.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines[lines.length - 1].import.status).toBe('committed');
  });

  it('another business cannot see or undo the import', async () => {
    const s = await shop();
    const other = await shop();
    const res = await s.upload('Nom;Mobile\nA;0600001201\n', 'mine.csv');
    expect((await other.call('GET', `/api/v1/imports/${res.json().id}`)).statusCode).toBe(404);
    expect((await other.call('DELETE', `/api/v1/imports/${res.json().id}`)).statusCode).toBe(404);
    expect(await s.contacts()).toHaveLength(1);
    const mine = await s.call('GET', '/api/v1/imports');
    expect(mine.json().items.map((item: { id: string; status: string }) => [item.id, item.status])).toEqual([[res.json().id, 'committed']]);
    expect((await other.call('GET', '/api/v1/imports')).json().items).toEqual([]);
  });

  it('user without create permission cannot import', async () => {
    const { token } = await t.addUser(['customer.view']);
    const body = multipart(utf8('Nom;Mobile\nA;0600001301\n'), 'a.csv');
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/imports', payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
  });

  it('ignores XLSX sheets after the first and reads UTF-16 CSV', async () => {
    const s = await shop();
    const utf16 = iconv.encode('Nom\tMobile\r\nÇelik\t0600001401\r\n', 'utf-16le', { addBOM: true });
    const res = await s.upload(utf16, 'tab.txt');
    expect(res.json()).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect((await s.contacts()).map((row) => row.name)).toEqual(['Çelik']);
    const sheet = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(sheet, XLSX.utils.aoa_to_sheet([['Nom', 'Mobile'], ['Blanc', '0600001402']]), 'A');
    XLSX.utils.book_append_sheet(sheet, XLSX.utils.aoa_to_sheet([['Nom', 'Mobile'], ['Autre', '0600001403']]), 'B');
    await s.upload(XLSX.write(sheet, { type: 'buffer', bookType: 'xlsx' }) as Buffer, 'two.xlsx');
    expect((await s.contacts()).map((row) => row.name)).toEqual(['Blanc', 'Çelik']);
  });
});
