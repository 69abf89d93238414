/**
 * Saved views whose names differ only in case or accents, stored before
 * migration 0031, all stay: the later ones take a numbered name.
 */
import { type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('view name migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('renames duplicates and keeps every view', async () => {
    const old = await createOldDatabase(engine, '0030_payable_by_balance', 'Vues anciennes');
    database = old.database;
    const { kysely, business } = old;

    const stored: [string, string, string][] = [
      ['v1', 'Relances', '2026-01-01'],
      ['v2', 'relances', '2026-01-02'],
      ['v3', 'Rélances (2)', '2026-01-03'],
      ['v4', 'RELANCES', '2026-01-04'],
      ['v5', 'Impayés', '2026-01-05'],
      ['v6', 'x'.repeat(100), '2026-01-06'],
      ['v7', 'X'.repeat(100), '2026-01-07'],
    ];
    // The table has no name_key column before the migration.
    const before = kysely as unknown as Kysely<any>;
    for (const [id, name, day] of stored) {
      await before.insertInto('contact_views').values({
        id, business_id: business.businessId, user_id: business.adminUserId, name,
        filters: '{}', sort: 'null', columns: '[]', created_at: `${day}T00:00:00.000Z`, updated_at: `${day}T00:00:00.000Z`,
      }).execute();
    }

    expect(await migrate(database.db)).toContain('0031_view_name_keys');
    const rows = await kysely.selectFrom('contact_views').select(['id', 'name', 'name_key']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'v1', name: 'Relances', name_key: 'relances' },
      { id: 'v2', name: 'relances (3)', name_key: 'relances (3)' },
      { id: 'v3', name: 'Rélances (2)', name_key: 'relances (2)' },
      { id: 'v4', name: 'RELANCES (4)', name_key: 'relances (4)' },
      { id: 'v5', name: 'Impayés', name_key: 'impayes' },
      { id: 'v6', name: 'x'.repeat(100), name_key: 'x'.repeat(100) },
      { id: 'v7', name: `${'X'.repeat(96)} (2)`, name_key: `${'x'.repeat(96)} (2)` },
    ]);
  });
});
