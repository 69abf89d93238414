/**
 * Saved views stored before migration 0033 could keep a customer group or
 * user filter with an empty value, which the list ignored and now rejects.
 * The migration removes those filters and leaves every other filter of the
 * view as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('empty id filter migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('drops empty group and user filters', async () => {
    const old = await createOldDatabase(engine, '0032_empty_custom_field_filters', 'Vues anciennes');
    database = old.database;
    const { kysely, business } = old;

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
