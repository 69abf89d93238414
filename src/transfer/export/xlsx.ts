/**
 * Writes contacts as an XLSX workbook with exceljs's streaming writer:
 * amounts are number cells in the currency's format, dates are date cells,
 * and everything else is text (so `0612345678` and `01000` keep their
 * zeros). Texts that a spreadsheet would run as a formula get an apostrophe,
 * which the import removes.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ContactRow } from '../../db/schema.ts';
import { minorDigits } from '../../shared/money.ts';
import { needsNeutralising } from '../values/cells.ts';
import type { ExportColumn } from './columns.ts';

function amountFormat(currency: string): string {
  const digits = minorDigits(currency);
  return digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
}

function cellValue(column: ExportColumn, row: ContactRow, currency: string): ExcelJS.CellValue {
  const value = column.value(row);
  if (value === null || value === '') return null;
  switch (column.kind) {
    case 'amount':
      // Minor units below 2^50 divide into the nearest double of the decimal.
      return Number(value) / 10 ** minorDigits(currency);
    case 'date':
      return new Date(`${String(value)}T00:00:00Z`);
    case 'integer':
      return Number(value);
    default: {
      const text = String(value);
      return needsNeutralising(text) ? `'${text}` : text;
    }
  }
}

/** Streams the workbook; the returned stream ends when every page is written. */
export function xlsxStream(
  pages: AsyncIterable<ContactRow[]>,
  columns: ExportColumn[],
  currency: string,
  sheetName: string,
): Readable {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.kind === 'text' ? 22 : 14,
    style: column.kind === 'amount'
      ? { numFmt: amountFormat(currency) }
      : column.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const write = async () => {
    for await (const rows of pages) {
      for (const row of rows) sheet.addRow(columns.map((column) => cellValue(column, row, currency))).commit();
      // exceljs does not wait for a slow reader; pausing between pages
      // keeps the compressed output from piling up in memory.
      if (output.writableNeedDrain) await once(output, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => output.destroy(error as Error));
  return output;
}
