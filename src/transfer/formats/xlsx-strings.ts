/**
 * The shared-strings table of an XLSX workbook, kept compact: every string
 * goes as UTF-8 into one growing buffer, with a typed array of end offsets,
 * instead of one JavaScript string per entry. A million short strings then
 * take their bytes plus 4 bytes each, and the garbage collector tracks two
 * objects instead of a million. A cell's text is decoded again each time it is read.
 */
import type { XlsxPackage } from './xlsx-package.ts';

export class SharedStrings {
  private bytes: Buffer;
  private byteLength = 0;
  /** End offsets in `bytes`: string `i` runs from `ends[i - 1]` (0 for the first) to `ends[i]`. */
  private ends = new Uint32Array(4096);
  private count = 0;

  /**
   * Creates an empty table. `capacity` is the expected total of UTF-8
   * bytes: the buffer is allocated once at that size and grows only past
   * it. Pages of the buffer that are never written take no resident memory.
   */
  constructor(capacity = 64 * 1024) {
    this.bytes = Buffer.allocUnsafe(Math.max(capacity, 1024));
  }

  get size(): number {
    return this.count;
  }

  add(text: string): void {
    const needed = this.byteLength + Buffer.byteLength(text, 'utf8');
    if (needed > this.bytes.length) this.bytes = grown(this.bytes, needed, this.byteLength);
    this.byteLength += this.bytes.write(text, this.byteLength, 'utf8');
    if (this.count === this.ends.length) this.reserve(this.ends.length * 2);
    this.ends[this.count] = this.byteLength;
    this.count += 1;
  }

  /** Makes room for `count` strings in all, so that the offsets array is not copied as it grows. */
  reserve(count: number): void {
    if (count <= this.ends.length) return;
    const ends = new Uint32Array(count);
    ends.set(this.ends.subarray(0, this.count));
    this.ends = ends;
  }

  /** Returns string `index`, or undefined when the table has no such entry. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[index]);
  }
}

function grown(bytes: Buffer, needed: number, used: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(needed, bytes.length * 2));
  bytes.copy(next, 0, 0, used);
  return next;
}

/**
 * Reads the shared-strings part. An entry is plain text (`<si><t>`) or rich
 * text runs (`<si><r><t>`), whose texts are joined. Phonetic guides
 * (`<rPh>`, furigana over Japanese text) are not part of the text and are
 * skipped.
 */
export async function readSharedStrings(xlsx: XlsxPackage, path: string): Promise<SharedStrings> {
  // Decoded text takes no more UTF-8 bytes than the XML that carries it, so
  // the part's size is enough (invalid bytes, decoded as U+FFFD, can exceed
  // it, and the buffer then grows).
  const partSize = xlsx.size(path);
  const strings = new SharedStrings(partSize);
  let text = '';
  let inText = false;
  let phoneticDepth = 0;
  await xlsx.parse(path, {
    open(name, attributes) {
      switch (name) {
        case 'sst': {
          // Each entry takes at least the 5 bytes of `<si/>`, which bounds a forged count.
          const declared = Number(attributes.uniqueCount ?? attributes.count ?? 0);
          if (Number.isInteger(declared) && declared > 0) strings.reserve(Math.min(declared, Math.ceil(partSize / 5)));
          break;
        }
        case 'si':
          text = '';
          break;
        case 'rPh':
          phoneticDepth += 1;
          break;
        case 't':
          if (phoneticDepth === 0) inText = true;
          break;
        default:
          break;
      }
    },
    text(chunk) {
      if (inText) text += chunk;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phoneticDepth -= 1;
      else if (name === 'si') strings.add(unescapeXstring(text));
    },
  });
  return strings;
}

/**
 * Decodes the `_xHHHH_` escapes that OOXML string values use for characters
 * XML cannot carry, such as `_x000D_` for a carriage return. Excel writes a
 * literal `_x` followed by four hex digits as `_x005F_x…`.
 */
export function unescapeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
