import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionQuery } from '../../src/auth/context.ts';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { executeNamed, QueryTemplate } from '../../src/db/query-templates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
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
  let t: TestApp | undefined;

  afterEach(async () => {
    await db?.close();
    await database?.drop();
    await t?.close();
    db = undefined;
    database = undefined;
    t = undefined;
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

  it('built statements run named', async () => {
    database = await createTestDatabase('postgres');
    db = openDatabase(database.url, { poolSize: 1 });
    const query = db.kysely.selectFrom('contacts').select('contacts.id').where('contacts.code', '=', 'CO1');
    expect(await executeNamed(db.kysely, query)).toEqual([]);
    expect(await preparedStatements(db)).toHaveLength(1);
  });

  it('hot reads survive an added column', async () => {
    t = await createTestApp('postgres');
    const created = await t.api('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Marie', lastName: 'Martin', mobile: '06 12 34 56 78',
    });
    expect(created.statusCode, created.body).toBe(201);
    const page = () => t!.api('GET', '/api/v1/contacts?sort=balance&order=desc&limit=10');
    const lookup = () => t!.api('GET', '/api/v1/contacts/lookup?q=mar');
    for (let i = 0; i < 3; i += 1) {
      expect((await page()).statusCode).toBe(200);
      expect((await lookup()).statusCode).toBe(200);
    }

    // An instance of the previous version keeps running while a newer one migrates.
    await sql`alter table contacts add column added_later text`.execute(t.database.db.kysely);
    const after = await page();
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().items.map((item: { name: string }) => item.name)).toEqual(['Marie Martin']);
    const found = await lookup();
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.map((item: { name: string }) => item.name)).toEqual(['Marie Martin']);
  });
});
