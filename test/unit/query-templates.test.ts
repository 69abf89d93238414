import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { preparedStatementName } from '../../src/db/prepared-statements.ts';
import { QueryTemplate } from '../../src/db/query-templates.ts';

interface Tables {
  items: { id: number; label: string; kind: string };
}

const sqlite = new Kysely<Tables>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
// Compiling needs no connection, so this pool never connects.
const postgres = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });

afterAll(async () => {
  await sqlite.destroy();
  await postgres.destroy();
});

const byLabel = new QueryTemplate((db: Kysely<Tables>, shape: { kind: boolean }, values: { label: string; ids: readonly string[] }) => {
  let query = db.selectFrom('items').select('id').where('label', '=', values.label).where('id', 'in', values.ids as never);
  if (shape.kind) query = query.where('kind', '=', 'fixed');
  return query;
});

describe('query template', () => {
  it('puts new values in a compiled shape', () => {
    const first = byLabel.compile(sqlite, { kind: true }, { label: 'a', ids: ['1', '2'] });
    const second = byLabel.compile(sqlite, { kind: true }, { label: 'b', ids: ['3', '4'] });
    expect(second.sql).toBe(first.sql);
    expect(first.parameters).toEqual(['a', '1', '2', 'fixed']);
    expect(second.parameters).toEqual(['b', '3', '4', 'fixed']);
  });

  it('compiles each shape and list length apart', () => {
    const withKind = byLabel.compile(sqlite, { kind: true }, { label: 'a', ids: ['1'] });
    const withoutKind = byLabel.compile(sqlite, { kind: false }, { label: 'a', ids: ['1'] });
    const longer = byLabel.compile(sqlite, { kind: true }, { label: 'a', ids: ['1', '2', '3'] });
    expect(withoutKind.sql).not.toContain('kind');
    expect(withKind.sql).toContain('"kind" = ?');
    expect(longer.sql).toContain('in (?, ?, ?)');
    expect(longer.parameters).toEqual(['a', '1', '2', '3', 'fixed']);
  });

  it('leaves an absent value out', () => {
    const byKind = new QueryTemplate((db: Kysely<Tables>, _shape: null, values: { label: string; kind?: string }) => {
      let query = db.selectFrom('items').select('id').where('label', '=', values.label);
      if (values.kind !== undefined) query = query.where('kind', '=', values.kind);
      return query;
    });
    const withKind = byKind.compile(sqlite, null, { label: 'a', kind: 'k' });
    const withoutKind = byKind.compile(sqlite, null, { label: 'b' });
    expect(withKind.parameters).toEqual(['a', 'k']);
    expect(withoutKind.sql).not.toContain('kind');
    expect(withoutKind.parameters).toEqual(['b']);
  });

  it('compiles for the engine of the handle', () => {
    const onSqlite = byLabel.compile(sqlite, { kind: false }, { label: 'a', ids: ['1'] });
    const onPostgres = byLabel.compile(postgres, { kind: false }, { label: 'a', ids: ['1'] });
    expect(onSqlite.sql).toContain('?');
    expect(onPostgres.sql).toContain('$1');
    expect(onPostgres.parameters).toEqual(['a', '1']);
  });

  it('names PostgreSQL statements only', () => {
    const onSqlite = byLabel.compile(sqlite, { kind: true }, { label: 'a', ids: ['9', '8', '7', '6'] });
    const onPostgres = byLabel.compile(postgres, { kind: true }, { label: 'a', ids: ['9', '8', '7', '6'] });
    expect(preparedStatementName(onSqlite.sql)).toBeUndefined();
    expect(preparedStatementName(onPostgres.sql)).toMatch(/^comptoir_\d+$/);
  });

  it('rejects a value written into the SQL', () => {
    const literal = new QueryTemplate((db: Kysely<Tables>, _shape: null, values: { label: string }) =>
      db.selectFrom('items').select('id').where(sql.lit(values.label), '=', 'x'));
    expect(() => literal.compile(sqlite, null, { label: 'a' })).toThrow('wrote the value label into its SQL text');
  });

  it('rejects a value changed before use', () => {
    const pattern = new QueryTemplate((db: Kysely<Tables>, _shape: null, values: { label: string }) =>
      db.selectFrom('items').select('id').where('label', 'like', `%${values.label}%`));
    expect(() => pattern.compile(sqlite, null, { label: 'a' })).toThrow(/changed the value label/);
  });

  it('rejects a value left unused', () => {
    const unused = new QueryTemplate((db: Kysely<Tables>, _shape: null, _values: { label: string }) =>
      db.selectFrom('items').select('id'));
    expect(() => unused.compile(sqlite, null, { label: 'a' })).toThrow(/unused: label/);
  });

  it('runs with the values given', async () => {
    await sqlite.schema.createTable('items').addColumn('id', 'integer').addColumn('label', 'text')
      .addColumn('kind', 'text').execute();
    await sqlite.insertInto('items').values([
      { id: 1, label: 'a', kind: 'fixed' }, { id: 2, label: 'b', kind: 'fixed' }, { id: 3, label: 'b', kind: 'other' },
    ]).execute();
    const ids = new QueryTemplate((db: Kysely<Tables>, _shape: null, values: { label: string }) =>
      db.selectFrom('items').select('id').where('label', '=', values.label).orderBy('id'));
    expect(await ids.execute(sqlite, null, { label: 'a' })).toEqual([{ id: 1 }]);
    expect(await ids.execute(sqlite, null, { label: 'b' })).toEqual([{ id: 2 }, { id: 3 }]);
  });
});
