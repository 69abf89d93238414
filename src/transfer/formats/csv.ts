/**
 * Delimited text (CSV, TSV and the like): the separator is detected once
 * from a sample and the same one is then used for every row, in the preview
 * and in the import. Rows stream from the decoded chunks through csv-parse,
 * so a large file is never held as one string or one array.
 */
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { AppError } from '../../shared/errors.ts';
import { decodeChunks, type DetectedEncoding } from './encoding.ts';
import type { RawRow } from './table.ts';

export const DELIMITERS = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** Maximum record length, in characters: a binary file or an unterminated quote is rejected past it. */
const MAX_RECORD_CHARS = 1_000_000;
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 50;

export function isDelimiter(value: string): value is Delimiter {
  return (DELIMITERS as readonly string[]).includes(value);
}

/** Returns the start of the decoded text, cut at a line end, for detection. */
export function textSample(bytes: Uint8Array, encoding: DetectedEncoding): string {
  let sample = '';
  for (const chunk of decodeChunks(bytes, encoding, 16 * 1024)) {
    sample += chunk;
    if (sample.length >= SAMPLE_CHARS) break;
  }
  if (sample.length < SAMPLE_CHARS) return sample;
  const lastBreak = sample.lastIndexOf('\n');
  return lastBreak > 0 ? sample.slice(0, lastBreak + 1) : sample;
}

/**
 * Picks the separator that splits the sample's records into the same number
 * of fields most often (more than one field). Ties go to the order of
 * DELIMITERS, semicolon first, as French spreadsheets write it.
 */
export function detectDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const records = sampleRecords(sample, delimiter);
    const counts = new Map<number, number>();
    for (const record of records) {
      if (record.length < 2) continue;
      counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    }
    let score = 0;
    for (const [width, times] of counts) score = Math.max(score, times * 1000 + Math.min(width, 999));
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function sampleRecords(sample: string, delimiter: Delimiter): string[][] {
  let text = sample;
  for (let attempt = 0; attempt < 4 && text.length > 0; attempt += 1) {
    try {
      return parseSync(text, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        to: SAMPLE_RECORDS,
      }) as string[][];
    } catch {
      // The sample may end inside a quoted field: retry on a shorter start.
      text = text.slice(0, text.lastIndexOf('\n', Math.floor(text.length / 2)) + 1);
    }
  }
  return [];
}

/**
 * Yields every record of the file as a row whose `line` is the record's
 * position (1 for the first), as a spreadsheet numbers rows. A quoted field
 * with line breaks stays one row, and an empty line is a row with no cells.
 */
export async function* readCsvRows(
  bytes: Uint8Array,
  encoding: DetectedEncoding,
  delimiter: Delimiter,
): AsyncGenerator<RawRow> {
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: MAX_RECORD_CHARS,
  });
  let failure: unknown = null;
  pipeline(Readable.from(decodeChunks(bytes, encoding)), parser, (error) => {
    if (error) failure = error;
  });

  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      yield { line, cells: record.length === 1 && record[0] === '' ? [] : record };
    }
  } catch (error) {
    throw csvError(failure ?? error, line + 1);
  }
  if (failure) throw csvError(failure, line + 1);
}

function csvError(error: unknown, line: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return new AppError('csv_quote_unclosed', { line });
  if (code === 'CSV_MAX_RECORD_SIZE') return new AppError('csv_record_too_long', { line });
  if (typeof code === 'string' && code.startsWith('CSV_')) return new AppError('csv_malformed', { line, reason: code });
  return error;
}
