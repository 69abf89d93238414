/**
 * Writes a table as CSV or XLSX for download, in the dialect of the contact
 * export (French: `;` separated, decimal commas; English: `,` and points;
 * UTF-8 with a BOM). Text typed by users (names, SKUs) starting with `=`,
 * `+`, `-`, `@`, tab or carriage return gets a leading apostrophe, so a
 * spreadsheet shows it instead of running it as a formula. The importer
 * removes that apostrophe again. Amounts, written by Comptoir itself, are
 * numbers in XLSX.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Locale } from '../shared/messages.ts';
import { defaultDialect } from '../transfer/export/csv.ts';
import { needsNeutralising } from '../transfer/values/cells.ts';

/** A cell: text typed by a user, a decimal Comptoir writes (an amount in API form, a rate), or a whole number. */
export type TableCell = { text: string | null } | { decimal: string } | { count: number };

export interface Table {
  sheetName: string;
  header: string[];
  rows: TableCell[][];
}

function safeText(text: string | null): string {
  if (text === null) return '';
  return needsNeutralising(text) ? `'${text}` : text;
}

export function tableToCsv(table: Table, locale: Locale): Buffer {
  const dialect = defaultDialect(locale);
  const records = table.rows.map((row) =>
    row.map((cell) => {
      if ('text' in cell) return safeText(cell.text);
      if ('decimal' in cell) return dialect.decimal === ',' ? cell.decimal.replace('.', ',') : cell.decimal;
      return String(cell.count);
    }),
  );
  const text = stringify([table.header, ...records], { delimiter: dialect.separator, record_delimiter: '\r\n' });
  return Buffer.from(`${dialect.bom ? '\ufeff' : ''}${text}`, 'utf8');
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
        if ('decimal' in cell) return Number(cell.decimal);
        return cell.count;
      }),
    );
    row.forEach((cell, index) => {
      if ('decimal' in cell) added.getCell(index + 1).numFmt = numberFormatOf(cell.decimal);
    });
  }
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `0.00` for "12.50", `0` for "20": as many decimals as the value is written with. */
function numberFormatOf(decimal: string): string {
  const digits = decimal.split('.')[1]?.length ?? 0;
  return digits > 0 ? `0.${'0'.repeat(digits)}` : '0';
}

export const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
