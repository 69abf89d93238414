/**
 * Other writings that shop owners type for a name or city. These are German
 * umlauts written out (`mueller` for « Müller »), the French abbreviations
 * of saint (`st emilion` for « Saint-Émilion ») and elided words typed
 * joined in a city (`lisle adam` for « L’Isle-Adam »). The picker, the list
 * in relevance order and the sorted list find the same contacts on both
 * engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  backer: { kind: 'business', businessName: 'Bäcker Schmidt' },
  noel: { kind: 'individual', firstName: 'Noël', lastName: 'Garnier' },
  nolan: { kind: 'individual', firstName: 'Nolan', lastName: 'Perrin' },
  coeur: { kind: 'business', businessName: 'Au Cœur Fleuri' },
  curie: { kind: 'individual', firstName: 'Marie', lastName: 'Curie' },
  emilion: { kind: 'business', businessName: 'Cave Saint-Émilion', city: 'Libourne' },
  foy: { kind: 'individual', firstName: 'Jean', lastName: 'Dupuis', city: 'Sainte-Foy-la-Grande' },
  malo: { kind: 'business', businessName: 'Crêperie du Port', city: 'Saint-Malo' },
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
  ['boeckmann', ['bockmann']],
  ['boeck', ['bockmann']],
  ['baecker', ['backer']],
  ['baecker schmidt', ['backer']],
  ['noel', ['noel']],
  ['coeur', ['coeur']],
  ['st emilion', ['emilion']],
  ['ST-ÉMILION', ['emilion']],
  ['saint emilion', ['emilion']],
  ['cave st', ['emilion']],
  ['ste foy', ['foy']],
  ['dupuis ste foy', ['foy']],
  ['st-malo', ['malo']],
  ['ste malo', []],
  ['st', ['emilion', 'malo', 'stephane']],
  ['ste', ['foy', 'stephane']],
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

  it('umlaut written out ranks as a name', async () => {
    const items = await picked('mueller');
    expect(items.map((item) => item.matchedOn)).toEqual(['name', 'name']);
  });

  it('saint abbreviation ranks as a name', async () => {
    const [item] = await picked('st emilion');
    expect(item?.matchedOn).toBe('name');
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
