/**
 * Finds the character encoding of an uploaded text file and decodes it in
 * chunks: UTF-8 with or without BOM, UTF-16 LE or BE with or without BOM,
 * and otherwise the 8-bit encoding chardet names (Windows-1252 for the
 * French and Western European files Comptoir mostly receives). A character the
 * encoding cannot represent stops the import: nothing is stored as `?` or
 * U+FFFD in place of it.
 */
import { isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../../shared/errors.ts';

export interface DetectedEncoding {
  /** An encoding name iconv-lite accepts: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`… */
  encoding: string;
  /** Bytes of byte order mark to skip at the start. */
  bomLength: number;
}

const SAMPLE_BYTES = 64 * 1024;

/** 8-bit encodings chardet may name for Western text; all are read as their superset Windows-1252. */
const latin1Family = new Set(['iso-8859-1', 'iso-8859-15', 'windows-1252', 'ascii', 'us-ascii']);

export function detectEncoding(bytes: Uint8Array, requested?: string): DetectedEncoding {
  const bom = bomOf(bytes);
  if (requested) {
    if (!iconv.encodingExists(requested)) throw new AppError('file_encoding_unknown', { encoding: requested });
    return { encoding: requested.toLowerCase(), bomLength: bom?.length ?? 0 };
  }
  if (bom) return { encoding: bom.encoding, bomLength: bom.length };

  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isUtf8(bytes)) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: guessEightBit(bytes.subarray(0, SAMPLE_BYTES)), bomLength: 0 };
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * Text in UTF-16 without a BOM has a zero byte in most code units when it is
 * mostly Latin: at even offsets for big-endian, at odd offsets for little-endian.
 */
function utf16WithoutBom(bytes: Uint8Array): string | null {
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const units = length / 2;
  if (evenZeros > units * 0.3 && oddZeros < units * 0.05) return 'utf-16be';
  if (oddZeros > units * 0.3 && evenZeros < units * 0.05) return 'utf-16le';
  return null;
}

function guessEightBit(sample: Uint8Array): string {
  const best = chardet.analyse(sample)[0];
  const name = best?.name.toLowerCase();
  if (!best || !name || latin1Family.has(name) || name === 'utf-8') return 'windows-1252';
  // chardet's guesses on short Western samples are weak; trust another
  // encoding only when it is fairly sure.
  if (best.confidence >= 50 && iconv.encodingExists(name) && !name.startsWith('utf')) return name;
  return 'windows-1252';
}

/**
 * True when the bytes look like a binary file rather than text: NUL bytes
 * outside UTF-16, or many control characters.
 */
export function looksBinary(bytes: Uint8Array, encoding: string): boolean {
  if (encoding.startsWith('utf-16')) return false;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls += 1;
  }
  return controls > sample.length * 0.01;
}

/**
 * Decodes the bytes after the BOM into string chunks of about `chunkBytes`,
 * so that a large file is never held as one string. Throws
 * `file_encoding_mismatch` at the first byte the encoding cannot read.
 */
export function* decodeChunks(bytes: Uint8Array, detected: DetectedEncoding, chunkBytes = 64 * 1024): Generator<string> {
  const decoder = iconv.getDecoder(detected.encoding);
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let decodedLength = 0;
  for (let start = detected.bomLength; start < source.length; start += chunkBytes) {
    const text = decoder.write(source.subarray(start, Math.min(start + chunkBytes, source.length)));
    checkDecoded(text, detected.encoding, decodedLength);
    decodedLength += text.length;
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) {
    checkDecoded(rest, detected.encoding, decodedLength);
    yield rest;
  }
}

function checkDecoded(text: string, encoding: string, offset: number): void {
  const bad = text.indexOf('\ufffd');
  if (bad >= 0) {
    throw new AppError('file_encoding_mismatch', { encoding, position: offset + bad + 1 });
  }
}

/** Decodes a whole (small) buffer: used for samples and for vCards. */
export function decodeAll(bytes: Uint8Array, detected: DetectedEncoding): string {
  let text = '';
  for (const chunk of decodeChunks(bytes, detected)) text += chunk;
  return text;
}
