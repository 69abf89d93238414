/**
 * Reads the first sheet of a legacy XLS (BIFF) or an ODS workbook with
 * SheetJS. Dates are taken from the serial number and the cell's format,
 * never from JavaScript dates in the server's time zone, so a date cell
 * gives the same day wherever Comptoir runs.
 */
import * as XLSX from '@e965/xlsx';
import { AppError } from '../../shared/errors.ts';
import { isPercentFormat, percentText } from '../values/cells.ts';
import { dateFromSerial } from '../values/date.ts';
import type { Cell, RawRow } from './table.ts';

// NOTE: SheetJS parses the whole workbook in memory, unlike the XLSX and CSV
// readers; the upload and uncompressed-size limits bound what it holds.
export function* readLegacySheetRows(bytes: Buffer, maxRows: number, format: string): Generator<RawRow> {
  let workbook: XLSX.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, sheetRows: maxRows + 1 });
  } catch {
    throw new AppError('file_unreadable', { reason: format.toUpperCase() });
  }
  const name = workbook.SheetNames[0];
  const sheet = name ? workbook.Sheets[name] : undefined;
  if (!sheet) return;
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  for (let index = 0; index < data.length; index += 1) {
    const row = data[index];
    if (!row) continue;
    const cells: Cell[] = [];
    for (let column = 0; column < row.length; column += 1) cells[column] = legacyCell(row[column]);
    yield { line: index + 1, cells };
  }
}

function legacyCell(cell: XLSX.CellObject | undefined): Cell {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
      return typeof cell.v === 'string' ? cell.v : String(cell.v ?? '');
    case 'b':
      return Boolean(cell.v);
    case 'n':
      return numberCell(cell);
    case 'd':
      return cell.v instanceof Date ? cell.v : null;
    case 'e':
      return cell.w ?? null;
    default:
      return null;
  }
}

function numberCell(cell: XLSX.CellObject): Cell {
  const value = Number(cell.v);
  const format = typeof cell.z === 'string' ? cell.z : '';
  if (format && format !== 'General' && XLSX.SSF.is_date(format)) {
    const date = dateFromSerial(value);
    return date.ok && date.date ? new Date(`${date.date}T00:00:00Z`) : value;
  }
  if (/^0+$/.test(format) && Number.isInteger(value) && value >= 0) return String(value).padStart(format.length, '0');
  if (isPercentFormat(format)) return percentText(value);
  return value;
}
