import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src/db/database.ts';

describe('statement cache', () => {
  let connection: SQLite.Database;
  afterEach(() => connection?.close());

  function open() {
    connection = new SQLite(':memory:');
    connection.exec('create table t (n integer)');
    connection.exec('insert into t values (1), (2), (3)');
    return connection;
  }

  it('reuses the statement of a text', () => {
    const database = cacheStatements(open(), 500);
    const first = database.prepare('select n from t');
    const second = database.prepare('select n from t');
    expect(second).toBe(first);
    expect(database.prepare('select n from t where n > 1')).not.toBe(first);
  });

  it('drops the least recently used past capacity', () => {
    const database = cacheStatements(open(), 2);
    const a = database.prepare('select 1');
    const b = database.prepare('select 2');
    expect(database.prepare('select 1')).toBe(a);
    database.prepare('select 3');
    expect(database.prepare('select 1')).toBe(a);
    expect(database.prepare('select 2')).not.toBe(b);
  });

  it('sees a schema change after reuse', () => {
    const database = cacheStatements(open(), 500);
    const select = database.prepare('select * from t');
    expect(select.all([])).toHaveLength(3);
    connection.exec('alter table t add column label text');
    expect(database.prepare('select * from t').all([])[0]).toEqual({ n: 1, label: null });
  });
});
