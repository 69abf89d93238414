/**
 * Other programs open the SQLite database file too. The sqlite3 shell reads
 * it. A program that writes a contact with plain SQL keeps the search index,
 * sort name and duplicate key, because the triggers need no function of
 * Comptoir's own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBusiness } from '../../src/auth/businesses.ts';
import { createContact } from '../../src/contacts/create-contact.ts';
import { lookupContacts } from '../../src/contacts/search/lookup-contacts.ts';
import { sqlitePath } from '../../src/db/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';

const shell = '/usr/bin/sqlite3';

describe('SQLite database and other clients', () => {
  let database: TestDatabase;
  let actor: { businessId: string; userId: string; isAdmin: boolean; permissions: Set<string> };
  let contactId = '';

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const kysely = database.db.kysely;
    const shop = await createBusiness(kysely, {
      name: 'Autres clients', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
      admin: { email: 'clients@example.fr', password: 'correct horse battery staple', name: 'Admin' },
    });
    actor = { businessId: shop.businessId, userId: shop.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Anne', lastName: 'Martin', mobile: '06 36 00 00 01', city: 'Lyon',
    });
    contactId = contact.id;
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('plain SQL writes keep the folded keys', async () => {
    const connection = new SQLite(sqlitePath(database.url));
    try {
      connection.prepare("update contacts set first_name = 'Пётр', last_name = 'ЁЛКИН', name = 'Пётр ЁЛКИН' where id = ?")
        .run(contactId);
      const row = connection.prepare('select sort_name, duplicate_name_key from contacts where id = ?').get(contactId);
      expect(row).toEqual({ sort_name: 'Пётр ЁЛКИН', duplicate_name_key: 'lyon|individual:ЁЛКИН Пётр' });
    } finally {
      connection.close();
    }
    const found = async (q: string) => (await lookupContacts(database.db.kysely, actor, { q })).items.map((item) => item.id);
    expect(await found('петр елкин')).toEqual([contactId]);
    expect(await found('martin')).toEqual([]);
  });

  it.runIf(existsSync(shell))('sqlite3 shell reads the contacts', () => {
    const output = execFileSync(shell, [sqlitePath(database.url), 'select count(*) from contacts'], { encoding: 'utf8' });
    expect(output.trim()).toBe('1');
  });
});
