/**
 * The file line of each code and loyalty card number an import has
 * accepted, for the "same code as line N" error. The keys and their lines
 * go to the `import_file_keys` table of the import's transaction. Memory
 * keeps only a 32-bit hash of each key, in a typed array, so that a key
 * never seen before (nearly every row's) costs no query, and a hash hit
 * is checked against the table. The array takes 8 bytes per key at most
 * (it is kept at most half full), 2 MiB for a file of 250,000 rows with a
 * code each. The keys set since the last `flush` are kept in a Map.
 */
import { insertRows } from '../../db/batches.ts';
import type { Executor } from '../../db/database.ts';

const INITIAL_SLOTS = 1024;

/** FNV-1a over the UTF-16 code units of the key, never 0 (the free slot). */
export function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

/** A set of 32-bit hashes with open addressing and linear probing, kept at most half full. */
class HashSet {
  private slots = new Uint32Array(INITIAL_SLOTS);
  private count = 0;

  has(hash: number): boolean {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const stored = this.slots[slot] as number;
      if (stored === 0) return false;
      if (stored === hash) return true;
    }
  }

  add(hash: number): void {
    if (this.has(hash)) return;
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    this.place(this.slots, hash);
    this.count += 1;
  }

  private place(slots: Uint32Array, hash: number): void {
    const mask = slots.length - 1;
    let slot = hash & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = hash;
  }

  private grow(): void {
    const next = new Uint32Array(this.slots.length * 2);
    for (const hash of this.slots) if (hash !== 0) this.place(next, hash);
    this.slots = next;
  }
}

export class FileKeyLines {
  private readonly hashes = new HashSet();
  private readonly pending = new Map<string, number>();
  /** Hash hits that the table did not confirm: two keys with one hash. */
  falseHits = 0;

  constructor(
    private readonly db: Executor,
    private readonly importId: string,
  ) {}

  async get(key: string): Promise<number | undefined> {
    const pending = this.pending.get(key);
    if (pending !== undefined) return pending;
    if (!this.hashes.has(keyHash(key))) return undefined;
    const row = await this.db
      .selectFrom('import_file_keys')
      .select('line')
      .where('import_id', '=', this.importId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) this.falseHits += 1;
    return row ? Number(row.line) : undefined;
  }

  /** Records the line of a key that is not recorded yet (a row whose key repeats an earlier one is rejected). */
  set(key: string, line: number): void {
    if (!this.pending.has(key)) this.pending.set(key, line);
    this.hashes.add(keyHash(key));
  }

  /** Writes the keys set since the last flush to the table. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const rows = [...this.pending].map(([key, line]) => ({ import_id: this.importId, key, line }));
    this.pending.clear();
    await insertRows(this.db, 'import_file_keys', rows);
  }

  /** Deletes the import's keys from the table, which only the run needs. */
  async clear(): Promise<void> {
    this.pending.clear();
    await this.db.deleteFrom('import_file_keys').where('import_id', '=', this.importId).execute();
  }
}
