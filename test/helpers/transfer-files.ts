/**
 * Builds import files in memory for the transfer tests: workbooks in each
 * format, and hand-made ZIP archives whose entries can lie about their size.
 */
import { deflateRawSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import { openTable, type RawRow } from '../../src/transfer/formats/table.ts';

/** Third-party sample files, read in place next to the repository. */
export const realFixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'fixtures', 'real');

export async function readRows(bytes: Buffer, options: { headerLine?: number; delimiter?: ';' | ',' } = {}) {
  const table = await openTable(bytes, { maxRows: 10_000, maxUncompressedBytes: 50 * 1024 * 1024, ...options });
  const rows: RawRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { table, rows };
}

export type SheetCell = string | number | Date | boolean | null | { value: number; numFmt: string };

export async function xlsxFile(rows: SheetCell[][], sheetName = 'Contacts'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      const target = sheet.getCell(r + 1, c + 1);
      if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
        target.value = cell.value;
        target.numFmt = cell.numFmt;
      } else {
        target.value = cell;
        if (cell instanceof Date) target.numFmt = 'dd/mm/yyyy';
      }
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function legacyFile(rows: (string | number | Date | null)[][], bookType: 'xls' | 'ods'): Buffer {
  const workbook = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(rows, { cellDates: true, dateNF: 'dd/mm/yyyy' });
  XLSX.utils.book_append_sheet(workbook, sheet, 'Contacts');
  return XLSX.write(workbook, { type: 'buffer', bookType }) as Buffer;
}

export interface ZipPart {
  name: string;
  data: Buffer;
  /** Size written in the headers, when it should differ from the real one. */
  declaredSize?: number;
}

/** A ZIP archive with deflated entries, written by hand so that sizes can be forged. */
export function zipFile(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const compressed = deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A multipart/form-data body with the `options` JSON part and the `file` part. */
export function multipart(file: Buffer, fileName: string, options?: unknown): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `comptoir${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  if (options !== undefined) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="options"\r\n\r\n${JSON.stringify(options)}\r\n`));
  }
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n`),
    Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
