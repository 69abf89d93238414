/**
 * Migration 0044 lets a contact note have no author. The notes written
 * before it keep every value, and the table keeps its keys and indexes.
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { migrate } from '../../src/db/migrate.ts';
import { newId } from '../../src/shared/ids.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('notes without author migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('keeps notes and allows no author', async () => {
    const old = await createOldDatabase(engine, '0043_joined_elided_other_words', 'Notes anciennes');
    database = old.database;
    const { kysely, business } = old;
    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Odile', lastName: 'Perrin', mobile: '06 36 00 00 01',
    });
    const written = {
      id: newId(), business_id: business.businessId, contact_id: contact.id, author_id: business.adminUserId,
      heading: 'Préférences', body: 'Livrer le mardi.', is_private: 1, created_at: '2026-01-05T10:00:00.000Z', updated_at: '2026-01-06T11:00:00.000Z',
    };
    await kysely.insertInto('contact_notes').values(written).execute();

    expect(await migrate(database.db)).toContain('0044_notes_without_author');

    expect(await kysely.selectFrom('contact_notes').selectAll().execute()).toEqual([written]);
    const authorless = { ...written, id: newId(), author_id: null, is_private: 0 };
    await kysely.insertInto('contact_notes').values(authorless).execute();
    expect(await kysely.selectFrom('contact_notes').select('author_id').where('id', '=', authorless.id).executeTakeFirst())
      .toEqual({ author_id: null });
    if (engine === 'sqlite') {
      const indexes = await sql<{ name: string }>`select name from sqlite_master
        where type = 'index' and tbl_name = 'contact_notes' and sql is not null order by name`.execute(kysely);
      expect(indexes.rows.map((row) => row.name)).toEqual(['contact_notes_contact', 'contact_notes_contact_id']);
    }

    const unknownAuthor = kysely.insertInto('contact_notes').values({ ...written, id: newId(), author_id: 'no-such-user' }).execute();
    await expect(unknownAuthor).rejects.toThrow(/foreign key/i);
    await kysely.deleteFrom('contacts').where('id', '=', contact.id).execute();
    expect(await kysely.selectFrom('contact_notes').select('id').execute()).toEqual([]);
  });
});
