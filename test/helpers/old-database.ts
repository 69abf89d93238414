/**
 * A test database migrated only up to a given migration, with one business
 * in it, for the tests of the migrations after that one.
 */
import { Migrator } from 'kysely';
import { createBusiness, type CreatedBusiness } from '../../src/auth/businesses.ts';
import type { Engine } from '../../src/db/database.ts';
import { migrationList } from '../../src/db/migrate.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface OldDatabase {
  database: TestDatabase;
  kysely: TestDatabase['db']['kysely'];
  /** Migrator over every migration, to run the later ones one at a time. */
  migrator: Migrator;
  business: CreatedBusiness;
}

/** Creates a database migrated up to `lastMigration`, with a French business named `businessName`. */
export async function createOldDatabase(engine: Engine, lastMigration: string, businessName: string): Promise<OldDatabase> {
  const database = await createTestDatabase(engine, { migrate: false });
  const kysely = database.db.kysely;
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrationList(engine) } });
  const { error } = await migrator.migrateTo(lastMigration);
  if (error) {
    await database.drop();
    throw error;
  }

  const business = await createBusiness(kysely, {
    name: businessName, currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
    admin: { email: `admin.${newId().slice(-8)}@example.fr`, password: 'correct horse battery staple', name: 'Admin' },
  });
  return { database, kysely, migrator, business };
}
