/**
 * The statement PDF and the ledger CSV and XLSX exports, read back: the PDF
 * through pdf-parse, the workbook through exceljs.
 */
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { addContact, pay, sale } from '../helpers/ledger-api.ts';

async function pdfText(body: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe.each(engines)('ledger exports on %s', (engine) => {
  let t: TestApp;
  let contactId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    contactId = await addContact(t, { name: 'Françoise Lefèvre-Nœl', openingBalance: '100.00', openingBalanceDate: '2024-07-01' });
    await sale(t, contactId, '2024-08-10', '1234.56', { note: 'Commande de l’été' });
    await pay(t, { contactId, amount: '1400.00', date: '2024-08-20', note: '=HYPERLINK("http://example.invalid")' });
    await sale(t, contactId, '2024-09-02', '20.00');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('statement keeps French text intact', async () => {
    const response = await t.api('GET', `/api/v1/contacts/${contactId}/statement.pdf?from=2024-08-01&to=2024-08-31`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="releve-.*-2024-08-01-2024-08-31\.pdf"$/);
    const text = await pdfText(response.rawPayload);

    expect(text).toContain('Françoise Lefèvre-Nœl');
    expect(text).toContain('Relevé de compte');
    expect(text).toContain('Période du 1 août 2024 au 31 août 2024');
    expect(text).toContain('Commande de l’été');
    // The PDF prints Intl's no-break spaces; text extraction returns them as plain spaces.
    expect(text).toContain('1 234,56 €');
    expect(text).toContain('+1 334,56 €');
    expect(text).toContain('Solde au 01/08/2024');
    expect(text).toContain('+100,00 €');
    expect(text).toContain('-65,44 €');
    expect(text).not.toContain('02/09/2024');
    expect(text).toContain('Page 1 / 1');
    expect(text).not.toContain('-- 2 of 2 --');
    for (const bucket of ['Non échu', '1–30 jours', '31–60 jours', '61–90 jours', 'Plus de 90 jours']) {
      expect(text).toContain(bucket);
    }
  });

  it('long statement repeats its header on each page', async () => {
    const id = await addContact(t, { name: 'Longue Liste' });
    for (let day = 1; day <= 28; day += 1) {
      for (let n = 0; n < 3; n += 1) await sale(t, id, `2024-02-${String(day).padStart(2, '0')}`, '1.00');
    }
    const text = await pdfText((await t.api('GET', `/api/v1/contacts/${id}/statement.pdf?from=2024-02-01&to=2024-02-29`)).rawPayload);
    const pages = Number(/Page 1 \/ (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text.split('Date Référence Opération Débit Crédit Solde').length - 1).toBe(pages);
    expect(text).toContain('+84,00 €');
  });

  it('statement labels later-dated entries', async () => {
    const id = await addContact(t, { name: 'Paiement Différé' });
    const today = todayIn('Europe/Paris');
    await sale(t, id, addDays(today, -3), '457.51');
    await pay(t, { contactId: id, amount: '10.00', date: addDays(today, 40) });
    const [year, month, day] = today.split('-');
    const englishDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${today}T00:00:00Z`));
    const cases = [
      { language: 'fr', closing: `Solde au ${day}/${month}/${year} +457,51 €`, heading: 'Situation du compte avec les opérations datées jusqu’au', later: '(opérations datées plus tard comprises)' },
      { language: 'en', closing: `Balance on ${englishDay} +€457.51`, heading: 'Account position with the entries dated up to', later: '(entries dated later included)' },
    ];
    for (const expected of cases) {
      const response = await t.api('GET', `/api/v1/contacts/${id}/statement.pdf`, undefined, { 'accept-language': expected.language });
      expect(response.statusCode).toBe(200);
      const text = await pdfText(response.rawPayload);
      expect(text).toContain(expected.closing);
      expect(text).toContain(expected.heading);
      // The aging title can wrap onto a second line.
      expect(text.replace(/\s+/g, ' ')).toContain(expected.later);
    }
  });

  it('statement follows the caller language', async () => {
    const response = await t.api('GET', `/api/v1/contacts/${contactId}/statement.pdf?from=2024-08-01&to=2024-08-31`, undefined, {
      'accept-language': 'en',
    });
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('Statement of account');
    expect(text).toContain('Period from 1 August 2024 to 31 August 2024');
    expect(text).toContain('Balance on 1 Aug 2024');
    expect(text).toContain('20 Aug 2024');
    expect(text).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(text).toContain('€1,234.56');
    expect(text).toContain('Not yet due');
    expect(text).toContain('Over 90 days');
  });

  it('French CSV uses semicolons, commas and a BOM', async () => {
    const response = await t.api('GET', `/api/v1/contacts/${contactId}/ledger.csv?from=2024-08-01&to=2024-08-31`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date;Référence;Opération;Magasin;Débit;Crédit;Solde;Libellé');
    expect(lines[1]).toBe('01/08/2024;;Solde d’ouverture;;;;100,00;');
    expect(lines[2]).toMatch(/^10\/08\/2024;VE2024-\d{4};Vente;[^;]+;1234,56;0,00;1334,56;Commande de l’été$/);
    expect(lines[3]).toMatch(/^20\/08\/2024;RG2024-\d{4};Règlement reçu;[^;]+;0,00;1400,00;-65,44;"'=HYPERLINK\(""http:\/\/example.invalid""\)"$/);
    expect(lines[4]).toBe('31/08/2024;;Solde de clôture;;;;-65,44;');
    expect(lines).toHaveLength(5);
  });

  it('English CSV uses commas and points', async () => {
    const response = await t.api('GET', `/api/v1/contacts/${contactId}/ledger.csv?from=2024-08-01&to=2024-08-31`, undefined, {
      'accept-language': 'en',
    });
    const lines = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date,Reference,Transaction,Location,Debit,Credit,Balance,Memo');
    expect(lines[2]).toMatch(/^2024-08-10,VE2024-\d{4},Sale,[^,]+,1234.56,0.00,1334.56,Commande de l’été$/);
  });

  it('XLSX has typed dates and numbers', async () => {
    const response = await t.api('GET', `/api/v1/contacts/${contactId}/ledger.xlsx?from=2024-08-01&to=2024-08-31`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Grand livre');
    expect(sheet).toBeDefined();
    const row = sheet!.getRow(3);
    expect(row.getCell(1).value).toEqual(new Date('2024-08-10T00:00:00Z'));
    expect(row.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect(row.getCell(5).value).toBe(1234.56);
    expect(row.getCell(7).value).toBe(1334.56);
    expect(sheet!.getRow(4).getCell(7).value).toBe(-65.44);
    expect(sheet!.getRow(4).getCell(8).value).toBe('\'=HYPERLINK("http://example.invalid")');
    expect(sheet!.getRow(1).getCell(2).value).toBe('Référence');
  });
});
