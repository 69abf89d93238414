/**
 * The codes and cards an import has accepted, kept as hashes in memory and
 * as keys with their lines in `import_file_keys`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../src/db/database.ts';
import { FileKeyLines, keyHash } from '../../src/transfer/import/key-lines.ts';
import { importOptionsSchema } from '../../src/transfer/import/options.ts';
import { insertImport } from '../../src/transfer/import/store.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

/** Thrown to roll back the transaction of a test. */
class RollBack extends Error {}

describe.each(engines)('import key lines on %s', (engine) => {
  let t: TestApp;
  let importId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    importId = await insertImport(t.database.db.kysely, {
      businessId: t.business.businessId, userId: null, fileName: 'keys.csv', bytes: Buffer.alloc(0),
      options: importOptionsSchema.parse({}), status: 'failed', keepFile: false,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Runs `work` in a transaction that is rolled back after it. */
  async function inTransaction(work: (trx: Executor) => Promise<void>): Promise<void> {
    await expect(t.database.db.kysely.transaction().execute(async (trx) => {
      await work(trx);
      throw new RollBack();
    })).rejects.toBeInstanceOf(RollBack);
  }

  it('returns the line of each key', async () => {
    await inTransaction(async (trx) => {
      const lines = new FileKeyLines(trx, importId);
      lines.set('code:A-1', 2);
      lines.set('loyaltyCardNumber:900001', 2);
      expect(await lines.get('code:A-1')).toBe(2);
      await lines.flush();
      lines.set('code:A-2', 3);
      expect(await lines.get('code:A-1')).toBe(2);
      expect(await lines.get('loyaltyCardNumber:900001')).toBe(2);
      expect(await lines.get('code:A-2')).toBe(3);
      expect(await lines.get('code:A-3')).toBeUndefined();
    });
  });

  it('keeps every key past its growth', async () => {
    await inTransaction(async (trx) => {
      const lines = new FileKeyLines(trx, importId);
      const count = 5_000;
      for (let i = 0; i < count; i += 1) {
        lines.set(`code:C${i}`, i + 2);
        if (i % 256 === 255) await lines.flush();
      }
      await lines.flush();
      for (let i = 0; i < count; i += 7) expect(await lines.get(`code:C${i}`)).toBe(i + 2);
      expect(await lines.get(`code:C${count}`)).toBeUndefined();
    });
  });

  it('tells apart keys with the same hash', async () => {
    expect(keyHash('code:ae3zx')).toBe(keyHash('code:a3pad'));
    await inTransaction(async (trx) => {
      const lines = new FileKeyLines(trx, importId);
      lines.set('code:ae3zx', 2);
      await lines.flush();
      expect(await lines.get('code:a3pad')).toBeUndefined();
      expect(lines.falseHits).toBe(1);
      lines.set('code:a3pad', 3);
      await lines.flush();
      expect(await lines.get('code:ae3zx')).toBe(2);
      expect(await lines.get('code:a3pad')).toBe(3);
    });
  });

  it('compares accented keys exactly', async () => {
    await inTransaction(async (trx) => {
      const lines = new FileKeyLines(trx, importId);
      lines.set('code:ÉLODIE', 4);
      lines.set('code:ELODIE', 5);
      await lines.flush();
      expect(await lines.get('code:ÉLODIE')).toBe(4);
      expect(await lines.get('code:ELODIE')).toBe(5);
      expect(await lines.get('code:E\u0301LODIE')).toBeUndefined();
    });
  });

  it('key set again keeps its first line', async () => {
    await inTransaction(async (trx) => {
      const lines = new FileKeyLines(trx, importId);
      lines.set('code:A', 2);
      lines.set('code:A', 9);
      await lines.flush();
      expect(await lines.get('code:A')).toBe(2);
    });
  });

  it('clear deletes the import keys', async () => {
    await inTransaction(async (trx) => {
      const lines = new FileKeyLines(trx, importId);
      lines.set('code:B', 2);
      await lines.flush();
      await lines.clear();
      const remaining = await trx.selectFrom('import_file_keys').select('key').where('import_id', '=', importId).execute();
      expect(remaining).toEqual([]);
    });
  });
});
