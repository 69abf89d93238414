/**
 * A loyalty card number typed without its spaces, dashes or dots finds the
 * card by its words joined, in any case and without its accents, as the
 * card typed with them does. The picker, the list in relevance order and
 * the sorted list find it on both engines, and so do databases migrated
 * with such cards already stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { listContactRows } from '../../src/contacts/search/list-rows.ts';
import { lookupContacts } from '../../src/contacts/search/lookup-contacts.ts';
import type { SortedSearchTuning } from '../../src/contacts/search/sorted-search.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

interface Listed {
  id: string;
  matchedOn?: string;
}

describe.each(engines)('joined card words on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  };

  const picked = async (q: string) => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Listed[];
  };

  const listed = async (q: string, sort?: string) => {
    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}${sort ? `&sort=${sort}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Listed[];
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    await create('accented', { kind: 'individual', firstName: 'Yann', lastName: 'Arc', mobile: '07 70 00 00 01', loyaltyCardNumber: 'AbÉc 123' });
    await create('dotted', { kind: 'individual', firstName: 'Yann', lastName: 'Bec', mobile: '07 70 00 00 02', loyaltyCardNumber: 'Öl.77-04' });
    // Only a card is indexed joined, so `abec 123` finds this name and `abec123` does not.
    await create('name', { kind: 'business', businessName: 'Abec 123 Traiteur', mobile: '07 70 00 00 03' });
  });

  afterAll(async () => {
    await t?.close();
  });

  const searches: [string, string[]][] = [
    ['ABEC123', ['accented']],
    ['abec12', ['accented']],
    ['abéc123', ['accented']],
    ['ol7704', ['dotted']],
    ['ÖL770', ['dotted']],
  ];

  it.each(searches)('%s finds joined card', async (q, expected) => {
    const expectedIds = expected.map((key) => ids[key]);
    expect((await picked(q)).map((item) => item.id), 'picker').toEqual(expectedIds);
    expect((await listed(q)).map((item) => item.id), 'list').toEqual(expectedIds);
    expect((await listed(q, 'name')).map((item) => item.id), 'list by name').toEqual(expectedIds);
  });

  it.each(searches)('%s finds joined card by a walk', async (q, expected) => {
    const actor: ContactActor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set() };
    const walk: SortedSearchTuning = { plan: 'walk', walkRowsPerPageRow: 100, walkRowsPerMatch: null };
    const read = await listContactRows(t.database.db.kysely, actor, {
      filters: { q, flags: {}, customFields: {} },
      sort: { field: 'name', order: 'asc' },
      relevanceOrder: 'asc',
      limit: 50,
      fields: null,
    }, undefined, walk);
    expect(read.rows.map((row) => row.id)).toEqual(expected.map((key) => ids[key]));
  });

  it('card typed with space finds it too', async () => {
    const items = await picked('ABEC 123');
    expect(items.map((item) => item.id).sort()).toEqual([ids.accented, ids.name].sort());
  });

  it('joined card ranks as other match', async () => {
    // The card key keeps the accents, so `ABEC123` is not the card `ABÉC123` itself.
    const [item] = await picked('ABEC123');
    expect(item?.matchedOn).toBe('other');
  });

  it('joined card follows card change', async () => {
    const res = await t.api('PATCH', `/api/v1/contacts/${ids.accented}`, { loyaltyCardNumber: 'Zéd-55' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await picked('zed55')).map((item) => item.id)).toEqual([ids.accented]);
    expect(await picked('abec123')).toEqual([]);
  });
});

describe.each(engines)('joined card migration on %s', (engine) => {
  let database: TestDatabase | undefined;

  afterAll(async () => {
    await database?.drop();
  });

  it('card stored before is found', async () => {
    const old = await createOldDatabase(engine, '0045_supplier_customer_fields', 'Cartes jointes');
    database = old.database;
    const { kysely, business } = old;
    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Yann', lastName: 'Arc', mobile: '06 35 00 00 01', loyaltyCardNumber: 'AbÉc 123',
    });
    expect((await lookupContacts(kysely, actor, { q: 'ABEC123' })).items).toEqual([]);

    expect(await migrate(database.db)).toContain('0046_joined_card_words');
    const items = (await lookupContacts(kysely, actor, { q: 'ABEC123' })).items;
    expect(items.map((item) => item.id)).toEqual([contact.id]);
    const spaced = (await lookupContacts(kysely, actor, { q: 'ABEC 123' })).items;
    expect(spaced.map((item) => item.id)).toEqual([contact.id]);
  });
});
