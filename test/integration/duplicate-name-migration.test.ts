/**
 * Duplicate name keys stored before migration 0025, which kept ’ apart from '
 * on SQLite, are written again, so the two writings of one name meet.
 */
import { Migrator } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createBusiness } from '../../src/auth/businesses.ts';
import { createContact } from '../../src/contacts/create-contact.ts';
import { migrate, migrationList } from '../../src/db/migrate.ts';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';

describe.each(engines)('duplicate name migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('stored keys take the new writings', async () => {
    database = await createTestDatabase(engine, { migrate: false });
    const kysely = database.db.kysely;
    const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrationList(engine) } });
    expect((await migrator.migrateTo('0024_card_spaces')).error).toBeUndefined();

    const business = await createBusiness(kysely, {
      name: 'Doublons anciens', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
      admin: { email: 'doublons@example.fr', password: 'correct horse battery staple', name: 'Admin' },
    });
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
