/**
 * Saved views stored before migration 0033 could keep a customer group or
 * user filter with an empty value, which the list ignored and now rejects.
 * The migration removes those filters and leaves every other filter of the
 * view as it was.
 */
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createBusiness } from '../../src/auth/businesses.ts';
import { migrate, migrationList } from '../../src/db/migrate.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

describe.each(engines)('empty id filter migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('drops empty group and user filters', async () => {
    database = await createTestDatabase(engine, { migrate: false });
    const kysely = database.db.kysely;
    const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrationList(engine) } });
    expect((await migrator.migrateTo('0032_empty_custom_field_filters')).error).toBeUndefined();

    const business = await createBusiness(kysely, {
      name: 'Vues anciennes', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
      admin: { email: 'vues@example.fr', password: 'correct horse battery staple', name: 'Admin' },
    });
    const stored = {
      empty: { type: 'customer', customerGroupId: '', assignedUserId: '  ', overdue: 'true' },
      userOnly: { assignedUserId: '' },
      kept: { customerGroupId: 'grossistes', assignedUserId: business.adminUserId, q: 'dupont' },
    };
    const ids: Record<string, string> = {};
    for (const [name, filters] of Object.entries(stored)) {
      ids[name] = newId();
      await kysely.insertInto('contact_views').values({
        id: ids[name], business_id: business.businessId, user_id: business.adminUserId, name, name_key: name.toLowerCase(),
        filters: JSON.stringify(filters), sort: 'null', columns: '["code","name"]', created_at: nowIso(), updated_at: nowIso(),
      }).execute();
    }

    expect(await migrate(database.db)).toContain('0033_empty_id_filters');
    const views = await kysely.selectFrom('contact_views').select(['id', 'filters', 'columns']).execute();
    const viewOf = (id: string | undefined) => views.find((view) => view.id === id);
    expect(JSON.parse(viewOf(ids.empty)?.filters ?? 'null')).toEqual({ type: 'customer', overdue: 'true' });
    expect(JSON.parse(viewOf(ids.userOnly)?.filters ?? 'null')).toEqual({});
    expect(JSON.parse(viewOf(ids.kept)?.filters ?? 'null')).toEqual(stored.kept);
    expect(JSON.parse(viewOf(ids.empty)?.columns ?? 'null')).toEqual(['code', 'name']);
  });
});
