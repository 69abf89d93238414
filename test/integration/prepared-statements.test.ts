import { afterEach, describe, expect, it } from 'vitest';
import { sessionQuery } from '../../src/auth/context.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { QueryTemplate } from '../../src/db/query-templates.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

const session = new QueryTemplate((db: Db['kysely'], _shape: null, values: { sessionId: string }) =>
  sessionQuery(db, values.sessionId));

/** Statements prepared on the one connection of `db`'s pool. */
async function preparedStatements(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('pg_prepared_statements' as never)
    .select('name' as never).execute() as { name: string }[];
  return rows.map((row) => row.name);
}

describe.runIf(engines.includes('postgres'))('named statements on postgres', () => {
  let database: TestDatabase | undefined;
  let db: Db | undefined;

  afterEach(async () => {
    await db?.close();
    await database?.drop();
  });

  it('templates run as named statements', async () => {
    database = await createTestDatabase('postgres');
    db = openDatabase(database.url, { poolSize: 1 });
    expect(await session.execute(db.kysely, null, { sessionId: 'none' })).toEqual([]);
    expect(await session.execute(db.kysely, null, { sessionId: 'other' })).toEqual([]);
    const names = await preparedStatements(db);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^comptoir_\d+$/);
  });

  it('switched off, nothing is named', async () => {
    database = await createTestDatabase('postgres');
    db = openDatabase(database.url, { poolSize: 1, namedStatements: false });
    expect(await session.execute(db.kysely, null, { sessionId: 'none' })).toEqual([]);
    expect(await preparedStatements(db)).toEqual([]);
  });
});
