/**
 * Opens any accepted file as one table. It finds the format, encoding and
 * separator, skips title lines above the header, detects whether there is a
 * header at all, and then streams the data rows. The preview and the import
 * both open files here, so they read every file the same way.
 */
import { AppError } from '../../shared/errors.ts';
import { lookupHeader } from '../mapping/aliases.ts';
import type { ImportField } from '../mapping/fields.ts';
import { type Delimiter, detectDelimiter, readCsvRows, textSample } from './csv.ts';
import { readLegacySheetRows } from './legacy-sheet.ts';
import { type FileFormat, sniffFile } from './sniff.ts';
import { readVcardRows, vcardColumns } from './vcard-read.ts';
import { readXlsxRows } from './xlsx.ts';
import { checkZipSizes } from './zip-guard.ts';

export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  /** Row number as a spreadsheet shows it (record number for CSV, card start line for vCard). */
  line: number;
  cells: Cell[];
}

export interface ReadOptions {
  encoding?: string;
  delimiter?: Delimiter;
  /** 1-based line of the header row; 0 when the file has none. Detected when absent. */
  headerLine?: number;
  maxRows: number;
  maxUncompressedBytes: number;
}

export interface OpenedTable {
  format: FileFormat;
  encoding: string | null;
  delimiter: Delimiter | null;
  headerLine: number | null;
  header: string[];
  /** For vCards: the field of each column, fixed by the reader. */
  fixedFields: (ImportField | null)[] | null;
  /** The first data rows, also yielded by `rows`. */
  sample: RawRow[];
  /** Lines above the header (titles, blank lines) that were skipped. */
  skippedLines: number[];
  /** Every non-empty data row; can be iterated once. */
  rows: AsyncIterable<RawRow>;
}

const LOOKAHEAD_ROWS = 30;
const SAMPLE_ROWS = 20;

export async function openTable(bytes: Buffer, options: ReadOptions): Promise<OpenedTable> {
  const sniffed = sniffFile(bytes, { encoding: options.encoding });
  if (sniffed.zipEntries) await checkZipSizes(bytes, sniffed.zipEntries, options.maxUncompressedBytes);

  if (sniffed.format === 'vcf' && sniffed.encoding) {
    const source = readVcardRows(bytes, sniffed.encoding);
    return fromSource(source, {
      format: 'vcf', encoding: sniffed.encoding.encoding, delimiter: null, headerLine: 0,
      header: vcardColumns.map(String), fixedFields: [...vcardColumns],
    }, options);
  }
  if (sniffed.format === 'csv' && sniffed.encoding) {
    const delimiter = options.delimiter ?? detectDelimiter(textSample(bytes, sniffed.encoding));
    const source = readCsvRows(bytes, sniffed.encoding, delimiter);
    return fromSource(source, { format: 'csv', encoding: sniffed.encoding.encoding, delimiter }, options);
  }
  if (sniffed.format === 'xlsx') {
    return fromSource(readXlsxRows(bytes, options.maxRows), { format: 'xlsx', encoding: null, delimiter: null }, options);
  }
  const legacy = readLegacySheetRows(bytes, options.maxRows, sniffed.format);
  return fromSource(toAsync(legacy), { format: sniffed.format, encoding: null, delimiter: null }, options);
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

interface Known {
  format: FileFormat;
  encoding: string | null;
  delimiter: Delimiter | null;
  headerLine?: number;
  header?: string[];
  fixedFields?: (ImportField | null)[];
}

async function fromSource(source: AsyncGenerator<RawRow>, known: Known, options: ReadOptions): Promise<OpenedTable> {
  const lookahead: RawRow[] = [];
  for (;;) {
    if (lookahead.length >= LOOKAHEAD_ROWS) break;
    const next = await source.next();
    if (next.done) break;
    if (!isEmpty(next.value)) lookahead.push(next.value);
  }

  const headerLine = known.headerLine ?? options.headerLine ?? findHeaderLine(lookahead);
  const headerRow = headerLine > 0 ? lookahead.find((row) => row.line === headerLine) : undefined;
  if (headerLine > 0 && !headerRow) throw new AppError('import_header_missing', { line: headerLine });
  const firstDataIndex = headerRow ? lookahead.indexOf(headerRow) + 1 : 0;
  const buffered = lookahead.slice(firstDataIndex);
  const skippedLines = lookahead.slice(0, headerRow ? firstDataIndex - 1 : 0).map((row) => row.line);

  return {
    format: known.format,
    encoding: known.encoding,
    delimiter: known.delimiter,
    headerLine: headerRow ? headerRow.line : null,
    header: known.header ?? (headerRow ? headerRow.cells.map(headerText) : []),
    fixedFields: known.fixedFields ?? null,
    sample: buffered.slice(0, SAMPLE_ROWS),
    skippedLines,
    rows: dataRows(buffered, source, options.maxRows),
  };
}

async function* dataRows(buffered: RawRow[], source: AsyncGenerator<RawRow>, maxRows: number): AsyncGenerator<RawRow> {
  let count = 0;
  const limit = (row: RawRow) => {
    count += 1;
    if (count > maxRows) throw new AppError('import_too_many_rows', { max: maxRows, line: row.line });
  };
  for (const row of buffered) {
    limit(row);
    yield row;
  }
  for await (const row of source) {
    if (isEmpty(row)) continue;
    limit(row);
    yield row;
  }
}

export function isEmpty(row: RawRow): boolean {
  return row.cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}

function headerText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).replace(/^\ufeff/, '').trim();
}

function nonEmptyCount(row: RawRow): number {
  return row.cells.filter((cell) => cell !== null && String(cell).trim() !== '').length;
}

/**
 * Finds the header line: the first of the leading rows where most cells are
 * known headers, or else the first row as wide as the table that reads like
 * labels (text only, without numbers, e-mail addresses or dates). Rows above
 * it are titles. Returns 0 when no row qualifies, so the file has no header.
 */
export function findHeaderLine(rows: RawRow[]): number {
  if (rows.length === 0) return 0;
  const widest = Math.max(...rows.map(nonEmptyCount));
  const wideEnough = (row: RawRow) => nonEmptyCount(row) >= Math.max(1, Math.ceil(widest / 2));

  for (const row of rows.slice(0, 10)) {
    if (!wideEnough(row)) continue;
    const texts = row.cells.map(headerText).filter(Boolean);
    const known = texts.filter((text) => lookupHeader(text) !== null).length;
    if (known >= Math.min(2, texts.length) && known * 2 >= texts.length) return row.line;
  }
  const candidate = rows.find(wideEnough);
  if (!candidate || candidate === rows[rows.length - 1]) return 0;
  return candidate.cells.every(looksLikeLabel) ? candidate.line : 0;
}

function looksLikeLabel(cell: Cell): boolean {
  if (cell === null) return true;
  if (typeof cell !== 'string') return false;
  const text = cell.trim();
  if (text === '') return true;
  if (/@/.test(text)) return false;
  if (/^[\d\s.,+\-/()€$:]+$/.test(text)) return false;
  return text.length <= 80;
}
