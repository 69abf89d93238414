/**
 * Writes contacts as CSV in a dialect: the separator, the decimal mark and
 * the date format (French by default: `;`, `12,50`, `05/03/2024`), UTF-8
 * with a BOM so that Excel shows accents. Amounts carry no thousands
 * separator, so the file reads back without ambiguity. A text starting with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets an apostrophe, so that
 * a spreadsheet does not run it as a formula.
 */
import type { ContactRow } from '../../db/schema.ts';
import { formatDecimal } from '../../shared/money.ts';
import type { Locale } from '../../shared/messages.ts';
import { needsNeutralising } from '../values/cells.ts';
import type { ExportColumn } from './columns.ts';

export const dateFormats = ['dd/mm/yyyy', 'yyyy-mm-dd', 'mm/dd/yyyy'] as const;
export type DateFormat = (typeof dateFormats)[number];

export interface CsvDialect {
  separator: ';' | ',' | '\t' | '|';
  decimal: ',' | '.';
  dateFormat: DateFormat;
  bom: boolean;
}

/** Returns the dialect of a language: French `;`, `,`, dd/mm/yyyy, or English `,`, `.`, ISO dates. */
export function defaultDialect(locale: Locale): CsvDialect {
  return locale === 'fr'
    ? { separator: ';', decimal: ',', dateFormat: 'dd/mm/yyyy', bom: true }
    : { separator: ',', decimal: '.', dateFormat: 'yyyy-mm-dd', bom: true };
}

export function formatDate(iso: string, format: DateFormat): string {
  const [year = '', month = '', day = ''] = iso.split('-');
  if (format === 'dd/mm/yyyy') return `${day}/${month}/${year}`;
  if (format === 'mm/dd/yyyy') return `${month}/${day}/${year}`;
  return iso;
}

export function formatAmount(minor: number, currency: string, decimal: ',' | '.'): string {
  const text = formatDecimal(minor, currency);
  return decimal === ',' ? text.replace('.', ',') : text;
}

/**
 * Quotes a field that contains the separator, a quote or a line break, and
 * a text field that contains a comma or a semicolon, which other readers
 * may take for a separator.
 */
function field(text: string, isText: boolean, dialect: CsvDialect): string {
  const mustQuote = text.includes(dialect.separator) || /["\r\n]/.test(text) || (isText && /[,;]/.test(text));
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

function cell(column: ExportColumn, row: ContactRow, currency: string, dialect: CsvDialect): string {
  const value = column.value(row);
  if (value === null || value === '') return '';
  switch (column.kind) {
    case 'amount':
      return field(formatAmount(Number(value), currency, dialect.decimal), false, dialect);
    case 'date':
      return field(formatDate(String(value), dialect.dateFormat), false, dialect);
    case 'integer':
      return String(value);
    default: {
      const text = String(value);
      return field(needsNeutralising(text) ? `'${text}` : text, true, dialect);
    }
  }
}

export function csvHeader(columns: ExportColumn[], dialect: CsvDialect): string {
  const line = columns.map((column) => field(column.header, true, dialect)).join(dialect.separator);
  return `${dialect.bom ? '\ufeff' : ''}${line}\r\n`;
}

export function csvLines(rows: ContactRow[], columns: ExportColumn[], currency: string, dialect: CsvDialect): string {
  let text = '';
  for (const row of rows) {
    text += columns.map((column) => cell(column, row, currency, dialect)).join(dialect.separator);
    text += '\r\n';
  }
  return text;
}

/** Rows per chunk: chunks of some ten kilobytes stay in V8's young generation and are freed cheaply. */
const CHUNK_ROWS = 64;

/** Yields the CSV text of every page of rows, in chunks of CHUNK_ROWS rows. */
export async function* csvChunks(
  pages: AsyncIterable<ContactRow[]>,
  columns: ExportColumn[],
  currency: string,
  dialect: CsvDialect,
): AsyncGenerator<string> {
  yield csvHeader(columns, dialect);
  for await (const rows of pages) {
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      yield csvLines(rows.slice(start, start + CHUNK_ROWS), columns, currency, dialect);
    }
  }
}
