/**
 * The ledger of a period as CSV or XLSX. French files use `;`, decimal
 * commas and dd/mm/yyyy, English ones `,`, decimal points and yyyy-mm-dd;
 * CSV is UTF-8 with a byte order mark so that Excel reads the accents. Text
 * cells that a spreadsheet would run as a formula are prefixed with `'`.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Executor } from '../db/database.ts';
import type { ContactRow } from '../db/schema.ts';
import type { Locale } from '../shared/messages.ts';
import { formatDecimal } from '../shared/money.ts';
import { loadBusiness } from './business.ts';
import { todayIn } from './dates.ts';
import { entryLabel, shortDate } from './labels.ts';
import { type LedgerLine, readLedgerLines, readLedgerPage } from './read-ledger.ts';

export interface LedgerExportQuery {
  from?: string;
  to?: string;
  locationId?: string;
}

interface ExportRow {
  date: string;
  reference: string;
  label: string;
  location: string;
  debit: number | null;
  credit: number | null;
  balance: number;
  memo: string;
}

const headings: Record<Locale, string[]> = {
  fr: ['Date', 'Référence', 'Opération', 'Magasin', 'Débit', 'Crédit', 'Solde', 'Libellé'],
  en: ['Date', 'Reference', 'Transaction', 'Location', 'Debit', 'Credit', 'Balance', 'Memo'],
};

const boundaryLabels: Record<Locale, { opening: string; closing: string }> = {
  fr: { opening: 'Solde d’ouverture', closing: 'Solde de clôture' },
  en: { opening: 'Opening balance', closing: 'Closing balance' },
};

/** Prefixes text that starts like a formula (= + - @, tab, carriage return) with an apostrophe. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

async function exportRows(db: Executor, contact: ContactRow, query: LedgerExportQuery, locale: Locale) {
  const business = await loadBusiness(db, contact.business_id);
  const to = query.to ?? todayIn(business.timezone);
  const scope = { businessId: contact.business_id, contactId: contact.id, locationId: query.locationId ?? null };
  const head = await readLedgerPage(db, scope, { from: query.from, to, limit: 1 });
  const lines: LedgerLine[] = [];
  for await (const line of readLedgerLines(db, scope, { from: query.from, to })) lines.push(line);

  const boundary = boundaryLabels[locale];
  const rows: ExportRow[] = [
    { date: query.from ?? lines[0]?.date ?? to, reference: '', label: boundary.opening, location: '', debit: null, credit: null, balance: head.openingBalance, memo: '' },
    ...lines.map((line) => ({
      date: line.date,
      reference: line.reference,
      label: entryLabel(line.type, locale),
      location: line.location.name ?? '',
      debit: line.debit,
      credit: line.credit,
      balance: line.balance,
      memo: line.memo ?? '',
    })),
    { date: to, reference: '', label: boundary.closing, location: '', debit: null, credit: null, balance: head.closingBalance, memo: '' },
  ];
  return { rows, currency: business.currency };
}

export async function ledgerCsv(db: Executor, contact: ContactRow, query: LedgerExportQuery, locale: Locale): Promise<Buffer> {
  const { rows, currency } = await exportRows(db, contact, query, locale);
  const french = locale === 'fr';
  const amount = (minor: number | null) => {
    if (minor === null) return '';
    const text = formatDecimal(minor, currency);
    return french ? text.replace('.', ',') : text;
  };
  const date = (iso: string) => (french ? shortDate(iso, 'fr') : iso);
  const records = rows.map((row) => [
    date(row.date),
    neutraliseFormula(row.reference),
    neutraliseFormula(row.label),
    neutraliseFormula(row.location),
    amount(row.debit),
    amount(row.credit),
    amount(row.balance),
    neutraliseFormula(row.memo),
  ]);
  const text = stringify([headings[locale], ...records], { delimiter: french ? ';' : ',', record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function ledgerXlsx(db: Executor, contact: ContactRow, query: LedgerExportQuery, locale: Locale): Promise<Buffer> {
  const { rows, currency } = await exportRows(db, contact, query, locale);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(locale === 'fr' ? 'Grand livre' : 'Ledger');
  const moneyFormat = '#,##0.00';
  sheet.columns = headings[locale].map((header, index) => ({
    header,
    width: [12, 16, 26, 18, 14, 14, 14, 40][index],
    style: index === 0 ? { numFmt: locale === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd' } : index >= 4 && index <= 6 ? { numFmt: moneyFormat } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  // Number cells take the decimal text's nearest double, which is what a
  // spreadsheet stores for a typed amount; the minor units stay exact above.
  const amount = (minor: number | null) => (minor === null ? null : Number(formatDecimal(minor, currency)));
  for (const row of rows) {
    sheet.addRow([
      new Date(`${row.date}T00:00:00Z`),
      neutraliseFormula(row.reference),
      neutraliseFormula(row.label),
      neutraliseFormula(row.location),
      amount(row.debit),
      amount(row.credit),
      amount(row.balance),
      neutraliseFormula(row.memo),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
