/**
 * The SQLite driver's writer and reader connections, on a real file: reads
 * outside a transaction are served while a transaction is open and read the
 * last committed state, and every write waits for the writer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, openDatabase } from '../../src/db/database.ts';

/** Returns a promise and the function that resolves it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const countRows = async (db: Kysely<any>) =>
  Number((await sql<{ n: number }>`select count(*) as n from items`.execute(db)).rows[0]?.n);

describe('SQLite writer and readers', () => {
  let dir: string;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'comptoir-connections-'));
    db = openDatabase(`sqlite:${join(dir, 'test.sqlite')}`);
    await sql`create table items (n integer not null)`.execute(db.kysely);
    await sql`insert into items (n) values (1)`.execute(db.kysely);
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('read served during a transaction', async () => {
    const written = deferred();
    const release = deferred();
    const transaction = db.kysely.transaction().execute(async (trx) => {
      await sql`insert into items (n) values (2)`.execute(trx);
      expect(await countRows(trx)).toBe(2);
      written.resolve();
      await release.promise;
    });
    await written.promise;

    // The open transaction uses the writer connection, so this read would wait forever on it.
    expect(await countRows(db.kysely)).toBe(1);
    release.resolve();
    await transaction;
    expect(await countRows(db.kysely)).toBe(2);
  });

  it('write waits for the transaction', async () => {
    const written = deferred();
    const release = deferred();
    const order: string[] = [];
    const transaction = db.kysely.transaction().execute(async (trx) => {
      await sql`insert into items (n) values (2)`.execute(trx);
      written.resolve();
      await release.promise;
      order.push('transaction ended');
    });
    await written.promise;

    const write = sql`insert into items (n) values (3)`.execute(db.kysely).then(() => order.push('write done'));
    // Lets the write run if it could, before the transaction is released.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release.resolve();
    await Promise.all([transaction, write]);
    expect(order).toEqual(['transaction ended', 'write done']);
    expect(await countRows(db.kysely)).toBe(3);
  });

  it('rolled-back write never read', async () => {
    const transaction = db.kysely.transaction().execute(async (trx) => {
      await sql`insert into items (n) values (2)`.execute(trx);
      throw new Error('roll back');
    });
    await expect(transaction).rejects.toThrow('roll back');
    expect(await countRows(db.kysely)).toBe(1);
  });

  it('WITH statement that inserts runs', async () => {
    await sql`with added (n) as (select 5) insert into items (n) select n from added`.execute(db.kysely);
    expect(await countRows(db.kysely)).toBe(2);
  });

  it('streamed read outside a transaction', async () => {
    await sql`insert into items (n) values (2), (3)`.execute(db.kysely);
    const seen: number[] = [];
    for await (const row of db.kysely.selectFrom('items' as never).select('n' as never).orderBy('n' as never).stream()) {
      seen.push((row as { n: number }).n);
      // A write between two rows runs on the writer, and the stream keeps the snapshot it started with.
      if (seen.length === 1) await sql`insert into items (n) values (4)`.execute(db.kysely);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(await countRows(db.kysely)).toBe(4);
  });

  it('invalid read reports its error', async () => {
    await expect(sql`select missing from items`.execute(db.kysely)).rejects.toThrow('no such column: missing');
  });
});

describe('SQLite in memory', () => {
  it('reads its own writes', async () => {
    const db = openDatabase('sqlite::memory:');
    try {
      await sql`create table items (n integer not null)`.execute(db.kysely);
      await sql`insert into items (n) values (1)`.execute(db.kysely);
      expect(await countRows(db.kysely)).toBe(1);
    } finally {
      await db.close();
    }
  });
});
