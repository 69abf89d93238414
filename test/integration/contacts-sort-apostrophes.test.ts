/**
 * The name sort reads the typographic apostrophes ’, ʼ and ‘ as ', on both
 * engines, so « Hélène D’Angelo » sorts beside « Hélène D'Arc » and before
 * « Hélène De La Tour », however the name was typed. Names stored before
 * migration 0035 sort the same way after it, and their duplicate name keys
 * read ‘ as ' too.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { listContacts } from '../../src/contacts/list-contacts.ts';
import { findDuplicates } from '../../src/contacts/merge/find-duplicates.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

const lastNames = ['Dupont', 'D’Angelo', 'De La Tour', "D'Arc", 'Dʼaubigné', 'D‘Estienne'];
const sorted = ['Hélène D’Angelo', "Hélène D'Arc", 'Hélène Dʼaubigné', 'Hélène D‘Estienne', 'Hélène De La Tour', 'Hélène Dupont'];

describe.each(engines)('name sort of apostrophes on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const [index, lastName] of lastNames.entries()) {
      const res = await t.api('POST', '/api/v1/contacts', {
        kind: 'individual', firstName: 'Hélène', lastName, mobile: `06 42 00 00 0${index}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('sorts apostrophes as one', async () => {
    const res = await t.api('GET', '/api/v1/contacts?sort=name&fields=name');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((item: { name: string }) => item.name)).toEqual(sorted);
  });

  it('pages apostrophes in order', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/contacts?sort=name&order=desc&fields=name&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      names.push(...res.json().items.map((item: { name: string }) => item.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(names).toEqual([...sorted].reverse());
  });
});

describe.each(engines)('apostrophe sort migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('sorts names stored before it', async () => {
    const old = await createOldDatabase(engine, '0032_empty_custom_field_filters', 'Avant migration');
    database = old.database;
    const { kysely, business } = old;
    if (engine === 'sqlite') {
      // Migration 0028 now writes the apostrophes' sort text as ', so this puts back what it wrote before 0035.
      await sql`update fold_characters set sort_text = character where character in ('’', 'ʼ', '‘')`.execute(kysely);
    }

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    for (const [index, lastName] of lastNames.entries()) {
      await createContact(kysely, actor, { kind: 'individual', prefix: 'Mme', firstName: 'Hélène', lastName, mobile: `06 43 00 00 0${index}` });
    }

    for (const [index, businessName] of ['L‘Atelier du Port', "L'Atelier du Port"].entries()) {
      await createContact(kysely, actor, { kind: 'business', businessName, city: 'Sète', mobile: `06 44 00 00 0${index}` });
    }

    expect(await migrate(database.db)).toContain('0035_apostrophe_sort');
    const page = await listContacts(kysely, actor, { sort: 'name' });
    const people = page.items.filter((item) => item.kind === 'individual');
    expect(people.map((item) => item.name)).toEqual(sorted.map((name) => `Mme ${name}`));
    const groups = await findDuplicates(kysely, actor, { limit: 20, reason: 'name' });
    expect(groups.items.map((group) => group.count)).toEqual([2]);
  });
});
