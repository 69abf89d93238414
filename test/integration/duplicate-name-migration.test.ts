/**
 * Duplicate name keys stored before migration 0025, which kept ’ apart from '
 * on SQLite, are written again, so the two writings of one name meet.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { migrate } from '../../src/db/migrate.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('duplicate name migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('stored keys take the new writings', async () => {
    const old = await createOldDatabase(engine, '0024_card_spaces', 'Doublons anciens');
    database = old.database;
    const { kysely, business } = old;

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const names = ["L'Atelier d'Élise", 'L’Atelier d’Élise', "L'Atelier  d'Élise"];
    const ids: string[] = [];
    for (const [index, businessName] of names.entries()) {
      const { contact } = await createContact(kysely, actor, {
        kind: 'business', businessName, mobile: `06 36 00 00 0${index}`, city: 'Villefranche',
      });
      ids.push(contact.id);
    }

    expect(await migrate(database.db)).toContain('0025_duplicate_name_writings');
    const stored = await kysely.selectFrom('contacts').select(['id', 'duplicate_name_key']).where('id', 'in', ids).execute();
    const keys = new Set(stored.map((row) => row.duplicate_name_key));
    expect([...keys]).toEqual(["villefranche|business:l'atelier d'elise"]);

    const { contact } = await createContact(kysely, actor, {
      kind: 'business', businessName: 'L’Atelier d’Élise', mobile: '06 36 00 00 09', city: 'Villefranche',
    });
    const added = await kysely.selectFrom('contacts').select('duplicate_name_key').where('id', '=', contact.id).executeTakeFirstOrThrow();
    expect(added.duplicate_name_key).toBe("villefranche|business:l'atelier d'elise");
  });
});
