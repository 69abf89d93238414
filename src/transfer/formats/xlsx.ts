/**
 * Reads the first worksheet of an XLSX workbook one row at a time. The
 * sheet's XML is inflated and parsed in chunks, and the shared strings sit
 * in one compact buffer, so a larger file costs only the strings' UTF-8
 * bytes and 4 bytes per string. Cells keep their type: text, number,
 * boolean or date (a date-formatted number becomes a midnight-UTC date).
 * A number shown with leading zeros (format `00000`) comes back as that
 * text, so a zip code `01000` stays `01000`.
 */
import { AppError } from '../../shared/errors.ts';
import { readLegacySheetRows } from './legacy-sheet.ts';
import { isPercentFormat, percentText } from '../values/cells.ts';
import { XlsxPackage, isTrue, xmlParser, type XmlHandlers } from './xlsx-package.ts';
import { SharedStrings, readSharedStrings, unescapeXstring } from './xlsx-strings.ts';
import { type CellFormat, formatOfStyle, readCellFormats } from './xlsx-styles.ts';
import type { Cell, RawRow } from './table.ts';

/**
 * Yields the rows of the first worksheet. A package that this reader
 * rejects before its first row (missing parts, malformed XML) is read
 * whole with SheetJS instead, within the same size limits, because
 * SheetJS's more lenient parser reads some of those files.
 */
export async function* readXlsxRows(bytes: Buffer, maxRows: number): AsyncGenerator<RawRow> {
  let yielded = false;
  try {
    for await (const row of streamXlsxRows(bytes)) {
      yielded = true;
      yield row;
    }
  } catch (error) {
    if (yielded || !(error instanceof AppError) || error.code !== 'file_unreadable') throw error;
    yield* readLegacySheetRows(bytes, maxRows, 'xlsx');
  }
}

/** Yields the rows of the first worksheet in the workbook's tab order, or throws `file_unreadable`. */
export async function* streamXlsxRows(bytes: Buffer): AsyncGenerator<RawRow> {
  try {
    const xlsx = new XlsxPackage(bytes);
    const parts = await xlsx.locateParts();
    // The package is read from memory, so the shared strings can be read
    // first even when the writer put them after the sheet.
    const strings = parts.sharedStrings ? await readSharedStrings(xlsx, parts.sharedStrings) : new SharedStrings();
    const formats = await readCellFormats(xlsx, parts.styles);
    const sheet = new SheetReader(strings, formats, parts.date1904);
    const parser = xmlParser(parts.firstSheet, sheet);
    for await (const chunk of xlsx.text(parts.firstSheet)) {
      parser.write(chunk);
      yield* sheet.takeRows();
    }
    parser.close();
    yield* sheet.takeRows();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('file_unreadable', { reason: 'XLSX' });
  }
}

/** The last column a spreadsheet can have (XFD). */
const MAX_COLUMN = 16_384;
const MILLISECONDS_PER_DAY = 86_400_000;
/** Serial number of 1970-01-01 in the 1900 date system. */
const SERIAL_UNIX_EPOCH = 25_569;
/** Days between the 1900 and 1904 date systems' day zero. */
const DAYS_1904_OFFSET = 1_462;

/**
 * Turns the sheet's XML events into rows. A row or cell without its `r`
 * reference follows the one before it, as the standard allows.
 */
class SheetReader implements XmlHandlers {
  private rows: RawRow[] = [];
  private inSheetData = false;
  private cells: Cell[] | null = null;
  private line = 0;
  private column = 0;
  private inCell = false;
  private cellType = 'n';
  private cellStyle = 0;
  private value = '';
  private hasValue = false;
  private capturing = false;
  private inInlineString = false;
  private phoneticDepth = 0;

  constructor(
    private readonly strings: SharedStrings,
    private readonly formats: CellFormat[],
    private readonly date1904: boolean,
  ) {}

  /** Returns the rows completed since the last call. */
  takeRows(): RawRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  open(name: string, attributes: Record<string, string>): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        break;
      case 'row':
        if (!this.inSheetData) break;
        this.line = attributes.r === undefined ? this.line + 1 : positiveInteger(attributes.r, 'row');
        this.column = 0;
        this.cells = [];
        break;
      case 'c':
        if (!this.cells) break;
        this.column = attributes.r === undefined ? this.column + 1 : columnOfReference(attributes.r);
        if (this.column > MAX_COLUMN) throw new AppError('file_unreadable', { reason: `XLSX: cell ${attributes.r ?? this.column}` });
        this.inCell = true;
        this.cellType = attributes.t ?? 'n';
        this.cellStyle = attributes.s === undefined ? 0 : Number(attributes.s);
        this.value = '';
        this.hasValue = false;
        break;
      case 'v':
        if (!this.inCell) break;
        this.value = '';
        this.hasValue = true;
        this.capturing = true;
        break;
      case 'is':
        if (!this.inCell) break;
        this.value = '';
        this.hasValue = true;
        this.inInlineString = true;
        break;
      case 't':
        if (this.inInlineString && this.phoneticDepth === 0) this.capturing = true;
        break;
      case 'rPh':
        if (this.inInlineString) this.phoneticDepth += 1;
        break;
      default:
        break;
    }
  }

  text(text: string): void {
    if (this.capturing) this.value += text;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.capturing = false;
        break;
      case 'rPh':
        if (this.inInlineString) this.phoneticDepth -= 1;
        break;
      case 'is':
        this.inInlineString = false;
        break;
      case 'c':
        if (!this.inCell || !this.cells) break;
        this.inCell = false;
        if (this.hasValue) {
          const cell = this.cellValue();
          if (cell !== null) this.cells[this.column - 1] = cell;
        }
        break;
      case 'row':
        if (!this.cells) break;
        for (let i = 0; i < this.cells.length; i += 1) if (this.cells[i] === undefined) this.cells[i] = null;
        this.rows.push({ line: this.line, cells: this.cells });
        this.cells = null;
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
      default:
        break;
    }
  }

  /**
   * Converts the cell's text by its type (`t`) into a shared string, inline
   * or formula text, a boolean, an error code (`#N/A`), an ISO date, or a
   * number. A formula cell gives the value the spreadsheet last computed.
   * Empty text gives null, as an empty cell does.
   */
  private cellValue(): Cell {
    const text = this.value;
    switch (this.cellType) {
      case 's':
        return this.strings.get(Number(text)) || null;
      case 'inlineStr':
      case 'str':
        return unescapeXstring(text) || null;
      case 'b':
        return text === '' ? null : isTrue(text);
      case 'e':
        return text || null;
      case 'd':
        return isoDate(text);
      default:
        return this.number(text);
    }
  }

  private number(text: string): Cell {
    if (text.trim() === '') return null;
    const value = Number(text);
    if (!Number.isFinite(value)) return null;
    const format = formatOfStyle(this.formats, this.cellStyle);
    if (format.isDate) {
      const days = value - SERIAL_UNIX_EPOCH + (this.date1904 ? DAYS_1904_OFFSET : 0);
      return new Date(Math.round(days * MILLISECONDS_PER_DAY));
    }
    return numberWithFormat(value, format.code);
  }
}

function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new AppError('file_unreadable', { reason: `XLSX: ${what} ${text}` });
  return value;
}

/** Column number (A is 1) of a cell reference such as `B12`. */
function columnOfReference(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length && column <= MAX_COLUMN; i += 1) {
    const code = reference.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    column = column * 26 + (code - 0x60);
  }
  if (column === 0) throw new AppError('file_unreadable', { reason: `XLSX: cell ${reference}` });
  return column;
}

/**
 * Reads a `t="d"` cell, an ISO 8601 date that some writers store instead
 * of a serial number. A date without a time zone is taken as UTC, like the
 * serial dates. Text that is no date is returned as it is, so the import
 * reports it.
 */
function isoDate(text: string): Cell {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(trimmed) || !trimmed.includes('T') ? trimmed : `${trimmed}Z`;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(zoned) ? `${zoned}T00:00:00Z` : zoned);
  return Number.isNaN(date.getTime()) ? trimmed : date;
}

/**
 * Applies a zero-padding number format (`00000`, `0000000000`) or a percent
 * format the way the spreadsheet displays it; other numbers stay numbers.
 */
export function numberWithFormat(value: number, numFmt: string | undefined): Cell {
  if (numFmt && isPercentFormat(numFmt)) return percentText(value);
  const padding = numFmt ? /^0+$/.exec(numFmt) : null;
  if (padding && Number.isInteger(value) && value >= 0) return String(value).padStart(padding[0].length, '0');
  return value;
}
