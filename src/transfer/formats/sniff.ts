/**
 * Tells what an uploaded file really is from its bytes, whatever its name: a workbook (XLSX, ODS, legacy XLS), a vCard file or delimited text.
 * Anything else (PDF, JSON, XML, a program, an image) is rejected with a
 * message naming what was found.
 */
import { AppError } from '../../shared/errors.ts';
import iconv from 'iconv-lite';
import { detectEncoding, looksBinary, type DetectedEncoding } from './encoding.ts';
import { listZipEntries, type ZipEntry } from './zip-guard.ts';

export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'ods' | 'vcf';

export interface SniffedFile {
  format: FileFormat;
  /** For text formats: the encoding found (or requested). */
  encoding?: DetectedEncoding;
  /** For ZIP workbooks: the entries, already listed for the size check. */
  zipEntries?: ZipEntry[];
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function sniffFile(bytes: Buffer, options: { encoding?: string } = {}): SniffedFile {
  if (bytes.length === 0) throw new AppError('file_empty');
  if (bytes.length >= 22 && bytes.readUInt32LE(0) === 0x04034b50) return sniffZip(bytes);
  if (bytes.subarray(0, 8).equals(CFB_MAGIC)) return { format: 'xls' };
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    throw new AppError('file_type_unsupported', { found: 'PDF' });
  }

  const encoding = detectEncoding(bytes, options.encoding);
  if (looksBinary(bytes, encoding.encoding)) throw new AppError('file_not_text');
  // The head may end inside a character; it is only looked at, never stored.
  const head = iconv.decode(bytes.subarray(encoding.bomLength, 4096), encoding.encoding).trimStart();
  if (/^begin:vcard/i.test(head)) return { format: 'vcf', encoding };
  if (/^[[{]/.test(head)) throw new AppError('file_type_unsupported', { found: 'JSON' });
  if (/^<(?:!doctype\s+)?html/i.test(head)) throw new AppError('file_type_unsupported', { found: 'HTML' });
  if (/^</.test(head)) throw new AppError('file_type_unsupported', { found: 'XML' });
  return { format: 'csv', encoding };
}

function sniffZip(bytes: Buffer): SniffedFile {
  const entries = listZipEntries(bytes);
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has('xl/workbook.xml') || names.has('[Content_Types].xml') && [...names].some((n) => n.startsWith('xl/'))) {
    return { format: 'xlsx', zipEntries: entries };
  }
  if (names.has('content.xml') && names.has('mimetype')) {
    const mimetype = entries.find((entry) => entry.name === 'mimetype');
    if (mimetype && mimetype.method === 0) {
      const start = mimetype.localHeaderOffset;
      const dataStart = start + 30 + bytes.readUInt16LE(start + 26) + bytes.readUInt16LE(start + 28);
      const type = bytes.toString('latin1', dataStart, dataStart + mimetype.compressedSize);
      if (type !== 'application/vnd.oasis.opendocument.spreadsheet') {
        throw new AppError('file_type_unsupported', { found: type });
      }
    }
    return { format: 'ods', zipEntries: entries };
  }
  if (names.has('word/document.xml')) throw new AppError('file_type_unsupported', { found: 'DOCX' });
  throw new AppError('file_type_unsupported', { found: 'ZIP' });
}
