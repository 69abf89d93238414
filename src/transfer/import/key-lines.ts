/**
 * The file line of each key value an import has accepted, for the "same
 * email as line N" check. A file has up to a few hundred thousand such
 * keys, so they are kept in typed arrays and one byte buffer, outside the
 * JavaScript heap. As a Map of strings they took about 120 bytes each on
 * the heap (Node 20). With that Map, the peak memory of a CSV import grew
 * by about 60 MiB from 50,000 to 100,000 rows, and with this index by
 * 15 MiB (bench/import.bench.ts).
 */

const INITIAL_ENTRIES = 1024;
const INITIAL_BYTES = 64 * 1024;

/** FNV-1a over the UTF-16 code units of the key. */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function grown<T extends Uint32Array | Int32Array>(array: T, length: number): T {
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}

export class KeyLines {
  /** UTF-8 bytes of every key, one after another. */
  private bytes = Buffer.alloc(INITIAL_BYTES);
  private usedBytes = 0;
  /** Per entry: where its key starts in `bytes`, its byte length, its hash and its line. */
  private starts = new Uint32Array(INITIAL_ENTRIES);
  private lengths = new Uint32Array(INITIAL_ENTRIES);
  private hashes = new Uint32Array(INITIAL_ENTRIES);
  private lines = new Uint32Array(INITIAL_ENTRIES);
  private count = 0;
  /** Open addressing with linear probing: entry index + 1, or 0 for a free slot. Kept at most half full. */
  private slots = new Int32Array(INITIAL_ENTRIES * 2);

  get size(): number {
    return this.count;
  }

  get(key: string): number | undefined {
    const entry = this.find(key, hashOf(key));
    return entry === -1 ? undefined : this.lines[entry];
  }

  set(key: string, line: number): void {
    if (!Number.isInteger(line) || line < 0 || line > 0xffffffff) throw new RangeError(`line must fit in 32 bits, got ${line}`);
    const hash = hashOf(key);
    const existing = this.find(key, hash);
    if (existing !== -1) {
      this.lines[existing] = line;
      return;
    }
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    if (this.count === this.starts.length) this.growEntries();

    const length = Buffer.byteLength(key, 'utf8');
    if (this.usedBytes + length > this.bytes.length) {
      const next = Buffer.alloc(Math.max(this.bytes.length * 2, this.usedBytes + length));
      this.bytes.copy(next, 0, 0, this.usedBytes);
      this.bytes = next;
    }
    this.bytes.write(key, this.usedBytes, 'utf8');
    const entry = this.count;
    this.starts[entry] = this.usedBytes;
    this.lengths[entry] = length;
    this.hashes[entry] = hash;
    this.lines[entry] = line;
    this.usedBytes += length;
    this.count += 1;
    this.place(entry, hash);
  }

  /** Returns the entry index of `key`, or -1. */
  private find(key: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot] as number;
      if (stored === 0) return -1;
      const entry = stored - 1;
      if (this.hashes[entry] !== hash) continue;
      const start = this.starts[entry] as number;
      if (this.bytes.toString('utf8', start, start + (this.lengths[entry] as number)) === key) return entry;
    }
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let entry = 0; entry < this.count; entry += 1) this.place(entry, this.hashes[entry] as number);
  }

  private growEntries(): void {
    const length = this.starts.length * 2;
    this.starts = grown(this.starts, length);
    this.lengths = grown(this.lengths, length);
    this.hashes = grown(this.hashes, length);
    this.lines = grown(this.lines, length);
  }
}
