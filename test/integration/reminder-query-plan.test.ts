import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../../src/db/database.ts';
import { remindedKinds } from '../../src/messages/run-reminders.ts';
import { candidateItemsQuery } from '../../src/messages/reminder-queries.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

// Comptoir never runs ANALYZE, so SQLite plans without statistics and the
// plan of an empty database is the plan it uses at any size. A reminder run reads every candidate item, and a
// per-item scan of contacts makes the run grow with the square of the customers.
describe('reminder candidate query plan on sqlite', () => {
  let database: TestDatabase;
  let connection: SQLite.Database;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    connection = new SQLite(sqlitePath(database.url), { readonly: true });
  });

  afterAll(async () => {
    connection.close();
    await database.drop();
  });

  const planOf = (compiled: { sql: string; parameters: readonly unknown[] }) =>
    connection
      .prepare(`explain query plan ${compiled.sql}`)
      .all(...compiled.parameters)
      .map((row) => (row as { detail: string }).detail);

  it('looks each contact up by its key', () => {
    const query = candidateItemsQuery(database.db.kysely, 'business', '2024-03-01', remindedKinds)
      .select(['open_items.id'])
      .compile();
    const plan = planOf(query);

    const contactSteps = plan.filter((detail) => /\bcontacts\b/.test(detail));
    expect(contactSteps, plan.join('\n')).toHaveLength(1);
    expect(contactSteps[0], plan.join('\n')).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_contacts_1 \(id=\?\)|USING INTEGER PRIMARY KEY/);
  });

  it('reads open items through an index', () => {
    const query = candidateItemsQuery(database.db.kysely, 'business', '2024-03-01', remindedKinds)
      .select(['open_items.id'])
      .compile();
    const plan = planOf(query);

    const itemSteps = plan.filter((detail) => /\bopen_items\b/.test(detail));
    expect(itemSteps, plan.join('\n')).toHaveLength(1);
    expect(itemSteps[0], plan.join('\n')).toMatch(/^SEARCH open_items USING INDEX/);
  });
});
