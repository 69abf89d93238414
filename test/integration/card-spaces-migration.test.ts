/**
 * Loyalty card numbers stored with no-break spaces or tabs, before contacts
 * were written with plain spaces, are written again by migration 0024, so
 * that card lookups find them and no other contact can take the same card.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { migrate } from '../../src/db/migrate.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

describe.each(engines)('card spaces migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('stored odd spaces become plain', async () => {
    const old = await createOldDatabase(engine, '0023_joined_elided_words', 'Cartes anciennes');
    database = old.database;
    const { kysely, business } = old;

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const cards = ['AB\u00a00007', 'CD\t12\u202f34', 'Carte-é1', 'EF 0001'];
    const ids: string[] = [];
    for (const [index, card] of cards.entries()) {
      const { contact } = await createContact(kysely, actor, {
        kind: 'individual', firstName: 'Fidèle', lastName: `Client ${index}`, mobile: `06 35 00 00 0${index}`,
      });
      await kysely.updateTable('contacts').set({ loyalty_card_number: card }).where('id', '=', contact.id).execute();
      ids.push(contact.id);
    }

    expect(await migrate(database.db)).toContain('0024_card_spaces');
    const stored = await kysely.selectFrom('contacts').select(['id', 'loyalty_card_number']).where('id', 'in', ids).execute();
    const byId = new Map(stored.map((row) => [row.id, row.loyalty_card_number]));
    expect(ids.map((id) => byId.get(id))).toEqual(['AB 0007', 'CD 12 34', 'Carte-é1', 'EF 0001']);

    const taken = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Nouveau', lastName: 'Client', mobile: '06 35 00 00 09', loyaltyCardNumber: 'ab-0007',
    }).then(() => null, (error: { issues?: { code: string }[] }) => error.issues?.map((issue) => issue.code));
    expect(taken).toEqual(['duplicate_loyalty_card']);
  });
});
