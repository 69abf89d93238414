/**
 * Recognises the accepted attachment types from their first bytes (and, for
 * the ZIP-based office formats, from the names inside the archive), never
 * from the file name or the declared content type alone.
 */

export interface FileType {
  mime: string;
  /** Extensions a file of this type may carry, lower case without the dot. */
  extensions: string[];
}

export const fileTypes = {
  pdf: { mime: 'application/pdf', extensions: ['pdf'] },
  png: { mime: 'image/png', extensions: ['png'] },
  jpeg: { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  webp: { mime: 'image/webp', extensions: ['webp'] },
  text: { mime: 'text/plain', extensions: ['txt', 'text'] },
  csv: { mime: 'text/csv', extensions: ['csv'] },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
} satisfies Record<string, FileType>;

function startsWith(content: Buffer, bytes: number[] | string, offset = 0): boolean {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return content.length >= offset + expected.length && content.subarray(offset, offset + expected.length).equals(expected);
}

/** Names of the entries of a ZIP archive, read from its central directory. */
export function zipEntryNames(content: Buffer): string[] | null {
  const endSignature = 0x06054b50;
  if (content.length < 22) return null;
  const searchFrom = Math.max(0, content.length - 22 - 0xffff);
  let end = -1;
  for (let i = content.length - 22; i >= searchFrom; i -= 1) {
    if (content.readUInt32LE(i) === endSignature) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = content.readUInt16LE(end + 10);
  let offset = content.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > content.length || content.readUInt32LE(offset) !== 0x02014b50) return null;
    const nameLength = content.readUInt16LE(offset + 28);
    const extraLength = content.readUInt16LE(offset + 30);
    const commentLength = content.readUInt16LE(offset + 32);
    names.push(content.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function officeType(content: Buffer): FileType | null {
  // An OpenDocument file stores its type uncompressed in a first entry named "mimetype".
  if (content.length >= 30 && startsWith(content, 'mimetype', 30)) {
    const dataStart = 30 + content.readUInt16LE(26) + content.readUInt16LE(28);
    return startsWith(content, fileTypes.odt.mime, dataStart) ? fileTypes.odt : null;
  }
  const names = zipEntryNames(content);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  if (names.includes('word/document.xml')) return fileTypes.docx;
  if (names.includes('xl/workbook.xml')) return fileTypes.xlsx;
  return null;
}

/**
 * Plain text: no NUL byte and no control character other than tab, line
 * feed, form feed and carriage return. Bytes above 127 are allowed, so
 * UTF-8 and Windows-1252 files (French CSV exports) both pass.
 */
function isPlainText(content: Buffer): boolean {
  for (const byte of content) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return false;
    if (byte === 0x7f) return false;
  }
  return content.length > 0;
}

/** Detects the accepted type of the content, or null. `extension` decides between text and CSV. */
export function detectFileType(content: Buffer, extension: string): FileType | null {
  if (startsWith(content, '%PDF-')) return fileTypes.pdf;
  if (startsWith(content, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return fileTypes.png;
  if (startsWith(content, [0xff, 0xd8, 0xff])) return fileTypes.jpeg;
  if (startsWith(content, 'RIFF') && startsWith(content, 'WEBP', 8)) return fileTypes.webp;
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04])) return officeType(content);
  if (isPlainText(content)) return extension === 'csv' ? fileTypes.csv : fileTypes.text;
  return null;
}
