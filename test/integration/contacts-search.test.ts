import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface LookupBody {
  items: { id: string; name: string; code: string; matchedOn: string }[];
  truncated: boolean;
}

describe.each(engines)('contact search on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
    return res.json();
  };

  const lookup = async (q: string, extra = '') => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as LookupBody;
  };

  const namesFor = async (q: string) => (await lookup(q)).items.map((item) => item.name).sort();

  beforeAll(async () => {
    t = await createTestApp(engine);
    await create('muller', { kind: 'business', businessName: 'Müller Bäckerei', mobile: '06 11 11 11 11', city: 'Strasbourg' });
    await create('helene', { kind: 'individual', firstName: 'Hélène', lastName: 'Faure', mobile: '06 12 34 56 78', city: 'Lyon' });
    await create('oeno', { kind: 'business', businessName: 'Œnothèque Saint-Émilion', mobile: '+33 5 57 00 00 01', city: 'Saint-Émilion' });
    await create('jean', { kind: 'individual', firstName: 'Jean', lastName: 'FAURE', mobile: '0033699887766', city: 'Paris' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names with umlauts match with or without them', async () => {
    for (const q of ['Müller', 'müller', 'muller', 'MULLER', 'bäck', 'backerei']) {
      expect(await namesFor(q), q).toEqual(['Müller Bäckerei']);
    }
  });

  it('accented first names match unaccented', async () => {
    expect(await namesFor('helene')).toEqual(['Hélène Faure']);
    expect(await namesFor('Hélène')).toEqual(['Hélène Faure']);
  });

  it('one last name finds both spellings', async () => {
    expect(await namesFor('faure')).toEqual(['Hélène Faure', 'Jean FAURE']);
  });

  it('ligature oe matches both writings', async () => {
    expect(await namesFor('oenotheque')).toEqual(['Œnothèque Saint-Émilion']);
    expect(await namesFor('œnothèque')).toEqual(['Œnothèque Saint-Émilion']);
    expect(await namesFor('oeno')).toEqual(['Œnothèque Saint-Émilion']);
  });

  it('hyphenated place matches as two words', async () => {
    expect(await namesFor('saint emilion')).toEqual(['Œnothèque Saint-Émilion']);
    expect(await namesFor('saint-émilion')).toEqual(['Œnothèque Saint-Émilion']);
  });
});
