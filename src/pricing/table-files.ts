/**
 * Writes a table as CSV or XLSX for download. Text typed by users (names,
 * SKUs) starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
 * leading apostrophe, so a spreadsheet shows it instead of running it as a
 * formula; the importer removes that apostrophe again. Amounts are written
 * by Comptoir itself: as numbers in XLSX, and in CSV with the locale's
 * decimal separator (`;` separated with decimal commas in French).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { needsNeutralising } from '../transfer/values/cells.ts';

/** A cell: text typed by a user, an amount as an API decimal string, or a whole number. */
export type TableCell = { text: string | null } | { amount: string } | { count: number };

export interface Table {
  sheetName: string;
  header: string[];
  rows: TableCell[][];
}

function safeText(text: string | null): string {
  if (text === null) return '';
  return needsNeutralising(text) ? `'${text}` : text;
}

export function tableToCsv(table: Table, locale: 'fr' | 'en'): Buffer {
  const comma = locale === 'fr';
  const records = table.rows.map((row) =>
    row.map((cell) => {
      if ('text' in cell) return safeText(cell.text);
      if ('amount' in cell) return comma ? cell.amount.replace('.', ',') : cell.amount;
      return String(cell.count);
    }),
  );
  const text = stringify([table.header, ...records], { delimiter: comma ? ';' : ',', record_delimiter: '\r\n' });
  // The byte order mark makes spreadsheets read the file as UTF-8.
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export async function tableToXlsx(table: Table): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheetName);
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(
      row.map((cell) => {
        if ('text' in cell) return safeText(cell.text);
        // NOTE: spreadsheet numbers are binary floating point; the decimal
        // string converts to the nearest one, which displays as written.
        if ('amount' in cell) return Number(cell.amount);
        return cell.count;
      }),
    );
    row.forEach((cell, index) => {
      if ('amount' in cell) added.getCell(index + 1).numFmt = numberFormatOf(cell.amount);
    });
  }
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `0.00` for "12.50", `0` for "1250": the amount's own minor digits. */
function numberFormatOf(amount: string): string {
  const digits = amount.split('.')[1]?.length ?? 0;
  return digits > 0 ? `0.${'0'.repeat(digits)}` : '0';
}

export const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
