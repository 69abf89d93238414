/**
 * Checks a ZIP container (XLSX, ODS) before any reader inflates it. The
 * central directory must be well formed and the declared uncompressed sizes
 * must stay under a limit. Every entry is then inflated once into a counter
 * (nothing kept), to prove its real size matches what it declares. A zip
 * bomb is rejected here, before the XLSX reader or SheetJS read a byte of it.
 */
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../shared/errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_ENTRIES = 10_000;

/** Lists the entries of the archive's central directory, or throws `file_unreadable`. */
export function listZipEntries(bytes: Buffer): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(bytes);
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new AppError('file_unreadable', { reason: 'ZIP64' });
  }
  if (count > MAX_ENTRIES) throw new AppError('file_unreadable', { reason: `${count} ZIP entries` });
  if (offset + size > bytes.length) throw new AppError('file_unreadable', { reason: 'ZIP directory' });

  const entries: ZipEntry[] = [];
  let position = offset;
  for (let i = 0; i < count; i += 1) {
    if (position + 46 > bytes.length || bytes.readUInt32LE(position) !== CENTRAL_SIGNATURE) {
      throw new AppError('file_unreadable', { reason: 'ZIP directory' });
    }
    const nameLength = bytes.readUInt16LE(position + 28);
    const extraLength = bytes.readUInt16LE(position + 30);
    const commentLength = bytes.readUInt16LE(position + 32);
    entries.push({
      name: bytes.toString('utf8', position + 46, position + 46 + nameLength),
      method: bytes.readUInt16LE(position + 10),
      compressedSize: bytes.readUInt32LE(position + 20),
      uncompressedSize: bytes.readUInt32LE(position + 24),
      localHeaderOffset: bytes.readUInt32LE(position + 42),
    });
    position += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i -= 1) {
    if (bytes.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw new AppError('file_unreadable', { reason: 'ZIP directory' });
}

/**
 * Rejects the archive when its entries declare more than `maxBytes` in
 * total, or when an entry inflates to more than it declares.
 */
export async function checkZipSizes(bytes: Buffer, entries: ZipEntry[], maxBytes: number): Promise<void> {
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > maxBytes) throw archiveTooLarge(maxBytes);
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (entry.method === 0) {
      if (data.length !== entry.uncompressedSize) throw new AppError('file_unreadable', { reason: entry.name });
      continue;
    }
    if (entry.method !== 8) throw new AppError('file_unreadable', { reason: `${entry.name}: compression ${entry.method}` });
    const real = await inflatedSize(data, entry.uncompressedSize);
    if (real !== entry.uncompressedSize) throw archiveTooLarge(maxBytes);
  }
}

function archiveTooLarge(maxBytes: number): AppError {
  return new AppError('archive_too_large', { megabytes: Math.round(maxBytes / 1024 / 1024) });
}

/** Returns the entry's stored bytes (compressed or not), located through its local header. */
export function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const start = entry.localHeaderOffset;
  if (start + 30 > bytes.length || bytes.readUInt32LE(start) !== LOCAL_SIGNATURE) {
    throw new AppError('file_unreadable', { reason: entry.name });
  }
  const dataStart = start + 30 + bytes.readUInt16LE(start + 26) + bytes.readUInt16LE(start + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > bytes.length) throw new AppError('file_unreadable', { reason: entry.name });
  return bytes.subarray(dataStart, dataEnd);
}

/** Inflates into a counter, stopping as soon as the output passes `limit`. */
function inflatedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let total = 0;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    inflate.on('error', () => reject(new AppError('file_unreadable', { reason: 'ZIP data' })));
    inflate.end(data);
  });
}
