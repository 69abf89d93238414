/**
 * Contact codes: typed by the user, or generated as the business prefix and
 * a zero-padded counter (`CO0001`). The generator skips codes already in use,
 * so a typed `CO0007` never collides with a generated one.
 */
import { inLists } from '../db/batches.ts';
import type { Executor } from '../db/database.ts';

/** Letters, digits and `- _ / .`, 1 to 30 characters. */
export const CODE_PATTERN = /^[\p{L}\p{N}_\-/.]{1,30}$/u;

const COUNTER_NAME = 'contact_code';

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

export function formatGeneratedCode(prefix: string, value: number): string {
  return prefix + String(value).padStart(4, '0');
}

/**
 * Adds `count` to a business counter and returns the new value, so the
 * values up to it from `value - count + 1` are the caller's. The upsert
 * locks the counter row until the transaction ends on PostgreSQL, so
 * concurrent creates each get their own values; SQLite runs one write
 * transaction at a time.
 */
async function advanceCounter(trx: Executor, businessId: string, name: string, count: number): Promise<number> {
  const row = await trx
    .insertInto('counters')
    .values({ business_id: businessId, name, value: count })
    .onConflict((conflict) =>
      conflict.columns(['business_id', 'name']).doUpdateSet((eb) => ({ value: eb('counters.value', '+', count) })),
    )
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

async function setCounter(trx: Executor, businessId: string, name: string, value: number): Promise<void> {
  await trx
    .updateTable('counters')
    .set({ value })
    .where('business_id', '=', businessId)
    .where('name', '=', name)
    .execute();
}

/**
 * The generated codes of one batch of new contacts, in counter order. The
 * counter advances once for the batch. `next` skips codes that a contact
 * has or that the batch already gave out, and `settle` leaves the counter at
 * the last value given out. The codes are those that drawing one value per
 * valid contact would give, because a contact that fails validation draws none.
 */
export class CodeSequence {
  /** Codes a contact has, or given out in this batch, among those the sequence may try. */
  private readonly taken = new Set<string>();
  /** Next counter value to try, the last one reserved, and the last one whose code was looked up. */
  private position = 0;
  private end = -1;
  private checked = -1;
  /** Counter value before the batch, and the last value given out. */
  private before: number | null = null;
  private last: number | null = null;

  private constructor(
    private readonly trx: Executor,
    private readonly businessId: string,
    private readonly prefix: string,
    /** Values reserved at a time: the number of contacts that need a code. */
    private readonly step: number,
  ) {}

  /** Reserves `count` codes at once; with 0 nothing is reserved until `next` needs one. */
  static async reserve(trx: Executor, businessId: string, prefix: string, count: number): Promise<CodeSequence> {
    const sequence = new CodeSequence(trx, businessId, prefix, Math.max(1, count));
    if (count > 0) await sequence.advance(count);
    return sequence;
  }

  /** Reserved codes not looked up yet, for a caller that looks them up with other keys. */
  uncheckedCodes(): string[] {
    const codes: string[] = [];
    for (let value = Math.max(this.position, this.checked + 1); value <= this.end; value += 1) {
      codes.push(formatGeneratedCode(this.prefix, value));
    }
    return codes;
  }

  /** Records the lookup of `uncheckedCodes()`: `stored` are those a contact has. */
  recordLookup(stored: Iterable<string>): void {
    this.exclude(stored);
    this.checked = this.end;
  }

  /** Marks codes as in use, such as the codes typed in the batch. */
  exclude(codes: Iterable<string>): void {
    for (const code of codes) this.taken.add(code);
  }

  async next(): Promise<string> {
    for (;;) {
      if (this.position > this.end) await this.advance(this.step);
      if (this.position > this.checked) {
        this.recordLookup(await storedCodes(this.trx, this.businessId, this.uncheckedCodes()));
      }
      const value = this.position;
      this.position += 1;
      const code = formatGeneratedCode(this.prefix, value);
      if (this.taken.has(code)) continue;
      this.taken.add(code);
      this.last = value;
      return code;
    }
  }

  /** Sets the counter back to the last value given out, when the batch reserved more. */
  async settle(): Promise<void> {
    if (this.before === null) return;
    const value = this.last ?? this.before;
    if (value !== this.end) await setCounter(this.trx, this.businessId, COUNTER_NAME, value);
  }

  private async advance(count: number): Promise<void> {
    const end = await advanceCounter(this.trx, this.businessId, COUNTER_NAME, count);
    this.before ??= end - count;
    this.position = end - count + 1;
    this.end = end;
  }
}

/** Returns which of the codes a contact of the business has. */
async function storedCodes(trx: Executor, businessId: string, codes: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const slice of inLists(codes)) {
    const rows = await trx
      .selectFrom('contacts')
      .select('code')
      .where('business_id', '=', businessId)
      .where('code', 'in', slice)
      .execute();
    for (const row of rows) found.push(row.code);
  }
  return found;
}
