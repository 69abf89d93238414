/**
 * Other writings that shop owners type for a name or city. German umlauts
 * are written out or typed (`mueller` for « Müller », `müller` for
 * « Mueller »). Saint is abbreviated or not (`st emilion` for
 * « Saint-Émilion », `saint malo` for « St-Malo »). Elided words are typed
 * joined in a city (`lisle adam` for « L’Isle-Adam »). The picker, the list
 * in relevance order and the sorted list, read from the matches or by a
 * walk of the sort index, find the same contacts on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContactRows } from '../../src/contacts/search/list-rows.ts';
import type { SortedSearchTuning } from '../../src/contacts/search/sorted-search.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface Listed {
  id: string;
  matchedOn?: string;
}

const contacts = {
  muller: { kind: 'individual', firstName: 'Hans', lastName: 'Müller', city: 'Berlin' },
  mueller: { kind: 'individual', firstName: 'Peter', lastName: 'Mueller', city: 'Zürich' },
  bockmann: { kind: 'individual', firstName: 'Anna', lastName: 'Böckmann' },
  boeckmann: { kind: 'individual', firstName: 'Karl', lastName: 'Boeckmann' },
  feuerbacker: { kind: 'business', businessName: 'Feuerbäcker' },
  feuerbaecker: { kind: 'individual', firstName: 'Ute', lastName: 'Feuerbaecker' },
  backer: { kind: 'business', businessName: 'Bäcker Schmidt' },
  noel: { kind: 'individual', firstName: 'Noël', lastName: 'Garnier' },
  nolan: { kind: 'individual', firstName: 'Nolan', lastName: 'Perrin' },
  coeur: { kind: 'business', businessName: 'Au Cœur Fleuri' },
  curie: { kind: 'individual', firstName: 'Marie', lastName: 'Curie' },
  emilion: { kind: 'business', businessName: 'Cave Saint-Émilion', city: 'Libourne' },
  foy: { kind: 'individual', firstName: 'Jean', lastName: 'Dupuis', city: 'Sainte-Foy-la-Grande' },
  malo: { kind: 'business', businessName: 'Crêperie du Port', city: 'Saint-Malo' },
  stmalo: { kind: 'business', businessName: 'Hôtel du Sillon', city: 'St-Malo' },
  stefoy: { kind: 'individual', firstName: 'Luc', lastName: 'Martel', city: 'Ste-Foy' },
  stephane: { kind: 'individual', firstName: 'Stéphane', lastName: 'Roux' },
  isle: { kind: 'individual', firstName: 'Claire', lastName: 'Vidal', city: 'L’Isle-Adam' },
} as const;

type Key = keyof typeof contacts;

/** Searches and the contacts each one finds, in any order. */
const searches: [string, Key[]][] = [
  ['mueller', ['muller', 'mueller']],
  ['muell', ['muller', 'mueller']],
  ['muller', ['muller']],
  ['MUELLER hans', ['muller']],
  ['mue', ['mueller']],
  ['müller', ['muller', 'mueller']],
  ['MÜLLER peter', ['mueller']],
  ['mü', ['muller', 'mueller']],
  ['boeckmann', ['bockmann', 'boeckmann']],
  ['boeck', ['bockmann', 'boeckmann']],
  ['böckmann', ['bockmann', 'boeckmann']],
  ['böck karl', ['boeckmann']],
  ['feuerbaecker', ['feuerbacker', 'feuerbaecker']],
  ['feuerbäcker', ['feuerbacker', 'feuerbaecker']],
  ['feuerbaeck', ['feuerbacker', 'feuerbaecker']],
  ['baecker', ['backer']],
  ['baecker schmidt', ['backer']],
  ['noel', ['noel']],
  ['coeur', ['coeur']],
  ['st emilion', ['emilion']],
  ['ST-ÉMILION', ['emilion']],
  ['saint emilion', ['emilion']],
  ['cave st', ['emilion']],
  ['ste foy', ['foy', 'stefoy']],
  ['dupuis ste foy', ['foy']],
  ['st-malo', ['malo', 'stmalo']],
  ['ste malo', []],
  ['saint malo', ['malo', 'stmalo']],
  ['saint-malo sillon', ['stmalo']],
  ['sainte foy', ['foy', 'stefoy']],
  ['saint foy', ['foy', 'stefoy']],
  ['saint', ['emilion', 'foy', 'malo', 'stefoy', 'stmalo']],
  ['sainte', ['foy', 'stefoy']],
  ['st', ['emilion', 'malo', 'stefoy', 'stephane', 'stmalo']],
  ['ste', ['foy', 'stefoy', 'stephane']],
  ['lisle adam', ['isle']],
  ['lisle', ['isle']],
  ["l'isle-adam", ['isle']],
];

describe.each(engines)('search of other spellings on %s', (engine) => {
  let t: TestApp;
  const ids = new Map<Key, string>();
  const keyOf = new Map<string, Key>();

  const keys = (items: Listed[]) => items.map((item) => keyOf.get(item.id) ?? item.id).sort();

  const picked = async (q: string) => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Listed[];
  };

  /** Contacts of the list for `q`, in relevance order or with `sort`. */
  const listed = async (q: string, sort?: string) => {
    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}${sort ? `&sort=${sort}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Listed[];
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const [index, [key, contact]] of Object.entries(contacts).entries()) {
      const res = await t.api('POST', '/api/v1/contacts', { ...contact, mobile: `06 35 00 00 ${String(index).padStart(2, '0')}` });
      expect(res.statusCode, res.body).toBe(201);
      ids.set(key as Key, res.json().id);
      keyOf.set(res.json().id, key as Key);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(searches)('%s', async (q, expected) => {
    const sorted = [...expected].sort();
    expect(keys(await picked(q)), 'picker').toEqual(sorted);
    expect(keys(await listed(q)), 'list').toEqual(sorted);
    expect(keys(await listed(q, 'name')), 'list by name').toEqual(sorted);
  });

  it.each(searches)('%s by a walk', async (q, expected) => {
    const actor: ContactActor = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set() };
    const walk: SortedSearchTuning = { plan: 'walk', walkRowsPerPageRow: 100, walkRowsPerMatch: null };
    const read = await listContactRows(t.database.db.kysely, actor, {
      filters: { q, flags: {}, customFields: {} },
      sort: { field: 'name', order: 'asc' },
      relevanceOrder: 'asc',
      limit: 50,
      fields: null,
    }, undefined, walk);
    expect(keys(read.rows)).toEqual([...expected].sort());
  });

  it('umlaut written out ranks as a name', async () => {
    const items = await picked('mueller');
    expect(items.map((item) => item.matchedOn)).toEqual(['name', 'name']);
  });

  it('saint abbreviation ranks as a name', async () => {
    const [item] = await picked('st emilion');
    expect(item?.matchedOn).toBe('name');
  });

  it('typed umlaut ranks as a name', async () => {
    const items = await picked('müller');
    expect(items.map((item) => item.matchedOn)).toEqual(['name', 'name']);
  });

  it('each umlaut pair ranks as a name', async () => {
    const items = await picked('feuerbaecker');
    expect(items.map((item) => item.matchedOn)).toEqual(['name', 'name']);
  });

  it('whole spelled word ranks first', async () => {
    // « Mueller » has the whole word `mueller` and « Müller » the whole word `muller`, so both come before a prefix match.
    const res = await t.api('POST', '/api/v1/contacts', { kind: 'individual', firstName: 'Ada', lastName: 'Mullerova', mobile: '06 35 00 01 00' });
    expect(res.statusCode, res.body).toBe(201);
    const items = await picked('mueller');
    expect(items.map((item) => item.id).slice(0, 2).sort()).toEqual([ids.get('muller'), ids.get('mueller')].sort());
    expect(items[2]?.id).toBe(res.json().id);
  });
});
