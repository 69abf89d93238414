/**
 * Saved views stored before migration 0032 could keep a custom field filter
 * with an empty value, which the list now rejects. The migration removes
 * those filters and leaves every other filter of the view as it was.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('empty custom field filter migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('drops empty custom field filters', async () => {
    const old = await createOldDatabase(engine, '0031_view_name_keys', 'Vues anciennes');
    database = old.database;
    const { kysely, business } = old;

    const stored = {
      empty: { type: 'customer', 'customField[custom1]': '', 'customField.custom2': '  ', 'customField[custom3]': 'vip' },
      kept: { 'customField[custom1]': 'vip', q: 'dupont' },
    };
    const ids: Record<string, string> = {};
    for (const [name, filters] of Object.entries(stored)) {
      ids[name] = newId();
      await kysely.insertInto('contact_views').values({
        id: ids[name], business_id: business.businessId, user_id: business.adminUserId, name, name_key: name,
        filters: JSON.stringify(filters), sort: 'null', columns: '[]', created_at: nowIso(), updated_at: nowIso(),
      }).execute();
    }

    expect(await migrate(database.db)).toContain('0032_empty_custom_field_filters');
    const views = await kysely.selectFrom('contact_views').select(['id', 'filters']).execute();
    const filtersOf = (id: string | undefined) => JSON.parse(views.find((view) => view.id === id)?.filters ?? 'null');
    expect(filtersOf(ids.empty)).toEqual({ type: 'customer', 'customField[custom3]': 'vip' });
    expect(filtersOf(ids.kept)).toEqual(stored.kept);
  });
});
