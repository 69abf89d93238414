import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface LookupBody {
  items: { id: string; name: string; code: string; matchedOn: string }[];
  more: boolean;
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
  const orderFor = async (q: string) => (await lookup(q)).items.map((item) => item.name);

  beforeAll(async () => {
    t = await createTestApp(engine);
    await create('muller', { kind: 'business', businessName: 'Müller Bäckerei', mobile: '06 11 11 11 11', city: 'Strasbourg' });
    await create('helene', { kind: 'individual', firstName: 'Hélène', lastName: 'Faure', mobile: '06 12 34 56 78', city: 'Lyon' });
    await create('oeno', { kind: 'business', businessName: 'Œnothèque Saint-Émilion', mobile: '+33 5 57 00 00 01', city: 'Saint-Émilion' });
    await create('jean', { kind: 'individual', firstName: 'Jean', lastName: 'FAURE', mobile: '0033699887766', city: 'Paris' });
    await create('card', {
      kind: 'individual', firstName: 'Noël', lastName: 'Carte', mobile: '07 40 00 12 34', loyaltyCardNumber: 'FID-0612',
      email: 'noel.carte@example.fr', city: 'Nantes',
    });
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

  it('phone matches in every writing', async () => {
    const writings = ['06 12 34 56 78', '0612345678', '+33 6 12 34 56 78', '+33612345678', '0033612345678',
      '06.12.34.56.78', '06-12-34-56-78', '06.12', '345678', '34 56 78', '12 34 5'];
    for (const q of writings) {
      expect(await namesFor(q), q).toEqual(['Hélène Faure']);
    }
  });

  it('phone start ranks before a card word', async () => {
    expect(await orderFor('0612')).toEqual(['Hélène Faure', 'Noël Carte']);
  });

  it('full phone ranks as an exact match', async () => {
    const body = await lookup('06 12 34 56 78');
    expect(body.items[0]?.matchedOn).toBe('phone');
    expect(body.items[0]?.id).toBe(ids.helene);
  });

  it('national writing finds a number typed internationally', async () => {
    expect(await namesFor('05 57 00 00 01')).toEqual(['Œnothèque Saint-Émilion']);
    expect(await namesFor('0557')).toEqual(['Œnothèque Saint-Émilion']);
    expect(await namesFor('06 99 88 77 66')).toEqual(['Jean FAURE']);
    expect(await namesFor('+33 6 99 88')).toEqual(['Jean FAURE']);
  });

  it('foreign number in its national writing', async () => {
    const belgian = await create('belgian', {
      kind: 'individual', firstName: 'Wouter', lastName: 'Peeters', mobile: '+32 471 98 76 54', city: 'Gand',
    });
    expect(await namesFor('0471 98 76 54')).toEqual(['Wouter Peeters']);
    expect(await namesFor('0471987654')).toEqual(['Wouter Peeters']);
    // A start this short is read for France only.
    expect(await namesFor('0471 98 7')).toEqual([]);
    expect((await t.api('DELETE', `/api/v1/contacts/${belgian.id}`)).statusCode).toBe(204);
  });

  it('unreadable number by its international writing', async () => {
    const stored = await create('unreadable', { kind: 'individual', firstName: 'Inès', lastName: 'Lemaire', mobile: '07 00 00 00 01' });
    expect(stored.mobileE164).toBeNull();
    expect(await namesFor('+33 7 00 00 00 01')).toEqual(['Inès Lemaire']);
    expect(await namesFor('0033700000001')).toEqual(['Inès Lemaire']);
    expect((await t.api('DELETE', `/api/v1/contacts/${stored.id}`)).statusCode).toBe(204);
  });

  it('phone fragment leaves other numbers out', async () => {
    expect(await namesFor('0699')).toEqual(['Jean FAURE']);
    expect(await namesFor('99999')).toEqual([]);
    expect(await namesFor('12')).toEqual([]);
  });

  it('code matches exactly in any case', async () => {
    const code = (await t.api('GET', `/api/v1/contacts/${ids.oeno}`)).json().code as string;
    for (const q of [code, code.toLowerCase()]) {
      const body = await lookup(q);
      expect(body.items[0]?.id, q).toBe(ids.oeno);
      expect(body.items[0]?.matchedOn, q).toBe('code');
    }
  });

  it('code matches without its separators or with others', async () => {
    await create('coded', { kind: 'individual', firstName: 'Rémi', lastName: 'Codé', mobile: '06 98 76 54 32', code: 'CL-0042' });
    for (const q of ['cl0042', 'CL0042', 'cl 0042', 'CL.0042', 'cl/0042', 'CL-0042']) {
      const body = await lookup(q);
      expect(body.items[0]?.id, q).toBe(ids.coded);
      expect(body.items[0]?.matchedOn, q).toBe('code');
    }
    expect((await lookup('cl0043')).items).toEqual([]);
    const lower = await create('lower', { kind: 'individual', firstName: 'Inès', lastName: 'Minuscule', mobile: '06 98 76 54 33', code: 'cli-007' });
    for (const q of ['CLI007', 'CLI-007', 'Cli 007']) {
      const body = await lookup(q);
      expect(body.items[0]?.id, q).toBe(lower.id);
      expect(body.items[0]?.matchedOn, q).toBe('code');
    }
    expect((await t.api('DELETE', `/api/v1/contacts/${lower.id}`)).statusCode).toBe(204);
    const deleted = await t.api('DELETE', `/api/v1/contacts/${ids.coded}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
  });

  it('code as typed before its look-alikes', async () => {
    // Codes are unique as written, so a shop can hold a code in several writings that all match exactly.
    const typed = await create('typedCode', { kind: 'individual', firstName: 'Zélie', lastName: 'Zed', mobile: '06 98 76 54 40', code: 'CL-0042' });
    const joined = await create('joinedCode', { kind: 'individual', firstName: 'Alain', lastName: 'Avant', mobile: '06 98 76 54 41', code: 'CL0042' });
    const small = await create('smallCode', { kind: 'individual', firstName: 'Bruno', lastName: 'Avant', mobile: '06 98 76 54 42', code: 'cl-0042' });
    const cases = [['CL-0042', typed.id], ['CL0042', joined.id], ['cl-0042', small.id]] as const;
    for (const [q, id] of cases) {
      const body = await lookup(q);
      expect(body.items.map((item) => item.matchedOn), q).toEqual(['code', 'code', 'code']);
      expect(body.items[0]?.id, q).toBe(id);
      const list = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items[0]?.id, `list ${q}`).toBe(id);
    }
    for (const contact of [typed, joined, small]) {
      expect((await t.api('DELETE', `/api/v1/contacts/${contact.id}`)).statusCode).toBe(204);
    }
  });

  it('code prefix finds every generated code', async () => {
    const prefix = (await t.api('GET', `/api/v1/contacts/${ids.oeno}`)).json().code.slice(0, 3) as string;
    expect((await lookup(prefix)).items.length).toBe(5);
  });

  it('loyalty card ranks before phone fragments', async () => {
    const body = await lookup('FID-0612');
    expect(body.items[0]?.id).toBe(ids.card);
    expect(body.items[0]?.matchedOn).toBe('card');
    expect((await lookup('fid')).items.map((item) => item.id)).toEqual([ids.card]);
  });

  it('loyalty card ignores case and spacing', async () => {
    for (const q of ['fid-0612', 'FID0612', 'fid 0612', 'FID.0612']) {
      const body = await lookup(q);
      expect(body.items.map((item) => item.id), q).toEqual([ids.card]);
      expect(body.items[0]?.matchedOn, q).toBe('card');
      const list = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}&sort=name`);
      expect(list.json().items.map((item: { id: string }) => item.id), `${q} in the sorted list`).toEqual([ids.card]);
    }
  });

  it('tax number without its country prefix', async () => {
    await create('tax', { kind: 'business', businessName: 'Cave Dupont', mobile: '06 50 00 00 01', taxNumber: 'FR40303265045' });
    for (const q of ['fr 40303265045', '40303265045', '40 303 265 045', '303265045', '303 265 045',
      '303.265.045', '40-303-265-045']) {
      const body = await lookup(q);
      expect(body.items.map((item) => item.id), q).toEqual([ids.tax]);
      expect(body.items[0]?.matchedOn, q).toBe('taxNumber');
      const list = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}&sort=name`);
      expect(list.json().items.map((item: { id: string }) => item.id), `${q} in the sorted list`).toEqual([ids.tax]);
    }
    expect((await lookup('40303265046')).items).toEqual([]);
  });

  it('email matches exactly and by words', async () => {
    const body = await lookup('noel.carte@example.fr');
    expect(body.items.map((item) => item.id)).toEqual([ids.card]);
    expect(body.items[0]?.matchedOn).toBe('email');
    expect(await namesFor('carte example')).toEqual(['Noël Carte']);
  });

  it('city matches after names', async () => {
    expect(await namesFor('nantes')).toEqual(['Noël Carte']);
    expect((await lookup('nantes')).items[0]?.matchedOn).toBe('other');
  });

  it('several words must all match', async () => {
    expect(await namesFor('faure jean')).toEqual(['Jean FAURE']);
    expect(await namesFor('faure paris')).toEqual(['Jean FAURE']);
    expect(await namesFor('faure nantes')).toEqual([]);
  });
});

describe.each(engines)('titles and cyrillic names on %s', (engine) => {
  let t: TestApp;

  const namesFor = async (q: string) => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as LookupBody).items.map((item) => item.name);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const [firstName, lastName, mobile] of [['Андрей', 'Соколов', '06 77 10 20 30'], ['Йоханна', 'Ветрова', '06 77 10 20 31']]) {
      const res = await t.api('POST', '/api/v1/contacts', { kind: 'individual', firstName, lastName, mobile });
      expect(res.statusCode, res.body).toBe(201);
    }
    const titled = { kind: 'individual', prefix: 'Mme', firstName: 'Amélie', lastName: 'Poulain', mobile: '06 77 10 20 32' };
    const res = await t.api('POST', '/api/v1/contacts', titled);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('leading title is ignored', async () => {
    for (const q of ['mme poulain', 'Mme Amélie Poulain', 'madame poulain', 'poulain']) {
      expect(await namesFor(q), q).toEqual(['Mme Amélie Poulain']);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('cyrillic short i matches as typed', async () => {
    for (const q of ['андрей', 'Андрей', 'АНДРЕЙ', 'андр', 'соколов']) {
      expect(await namesFor(q), q).toEqual(['Андрей Соколов']);
    }
    for (const q of ['йоханна', 'Йоханна', 'йох', 'Йоханна Ветрова']) {
      expect(await namesFor(q), q).toEqual(['Йоханна Ветрова']);
    }
    const list = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('андрей')}`);
    expect(list.json().items.map((item: { name: string }) => item.name)).toEqual(['Андрей Соколов']);
  });
});

describe.each(engines)('picker fields on %s', (engine) => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('picker returns balance, credit, group and points', async () => {
    t = await createTestApp(engine);
    const group = await t.api('POST', '/api/v1/customer-groups', { name: 'Grossistes', calculation: 'percentage', percentage: '5' });
    expect(group.statusCode, group.body).toBe(201);
    const created = await t.api('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Gaëlle', lastName: 'Crédit', mobile: '06 55 00 00 01', creditLimit: '500.00',
      openingBalance: '120.00', customerGroupId: group.json().id,
    });
    expect(created.statusCode, created.body).toBe(201);
    await t.api('PUT', '/api/v1/loyalty/settings', { enabled: true });
    const points = await t.api('POST', `/api/v1/contacts/${created.json().id}/loyalty/adjustments`, { points: 42, reason: 'bienvenue' });
    expect(points.statusCode, points.body).toBe(201);
    await t.api('POST', '/api/v1/contacts', { kind: 'individual', firstName: 'Gaston', mobile: '06 55 00 00 02' });

    const res = await t.api('GET', '/api/v1/contacts/lookup?q=ga');
    expect(res.statusCode, res.body).toBe(200);
    const [first, second] = res.json().items;
    expect(first).toMatchObject({
      id: created.json().id,
      balance: '120.00',
      availableCredit: '380.00',
      customerGroup: { id: group.json().id, name: 'Grossistes' },
      points: 42,
      matchedOn: 'name',
    });
    expect(second).toMatchObject({ name: 'Gaston', availableCredit: null, customerGroup: null, points: 0 });
  });

  it('picker credit matches the account over the limit', async () => {
    const created = await t.api('POST', '/api/v1/contacts', {
      kind: 'business', businessName: 'Œnothèque Saint-Émilion', mobile: '06 55 00 00 03', creditLimit: '0.00',
      openingBalance: '65.58',
    });
    expect(created.statusCode, created.body).toBe(201);

    const lookup = await t.api('GET', '/api/v1/contacts/lookup?q=oeno');
    expect(lookup.statusCode, lookup.body).toBe(200);
    const account = await t.api('GET', `/api/v1/contacts/${created.json().id}/account`);
    expect(account.statusCode, account.body).toBe(200);
    expect(account.json().availableCredit).toBe('0.00');
    expect(lookup.json().items[0].availableCredit).toBe(account.json().availableCredit);
  });
});

describe.each(engines)('search ranking on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  };
  const lookup = async (q: string, extra = '') => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as LookupBody).items.map((item) => item.id);
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    await create('village', { kind: 'business', businessName: 'Cave du Village', mobile: '06 00 00 00 01', city: 'Martinville' });
    await create('martinez', { kind: 'individual', firstName: 'Ana', lastName: 'Martinez', mobile: '06 00 00 00 02' });
    await create('martin', { kind: 'individual', firstName: 'Paul', lastName: 'Martin', mobile: '06 00 00 00 03' });
    await create('coded', { kind: 'business', businessName: 'Zinc Bar', code: 'MARTIN', mobile: '06 00 00 00 04' });
    await create('prefix', { kind: 'individual', firstName: 'Léa', lastName: 'Roux', mobile: '06 12 99 00 00' });
    await create('infix', { kind: 'individual', firstName: 'Théo', lastName: 'Blanc', mobile: '07 00 06 12 00' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('exact code first, whole name words, prefixes, then others', async () => {
    expect(await lookup('martin')).toEqual([ids.coded, ids.martin, ids.martinez, ids.village]);
  });

  it('phone prefix before digits inside', async () => {
    expect(await lookup('0612')).toEqual([ids.prefix, ids.infix]);
  });

  it('limit keeps the best results', async () => {
    expect(await lookup('martin', '&limit=2')).toEqual([ids.coded, ids.martin]);
  });

  it('more tells of matches left out', async () => {
    const flags = async (extra: string) => {
      const res = await t.api('GET', `/api/v1/contacts/lookup?q=martin${extra}`);
      const body = res.json() as LookupBody;
      return { count: body.items.length, more: body.more, truncated: body.truncated };
    };
    expect(await flags('&limit=3')).toEqual({ count: 3, more: true, truncated: false });
    expect(await flags('&limit=4')).toEqual({ count: 4, more: false, truncated: false });
    expect(await flags('')).toEqual({ count: 4, more: false, truncated: false });
  });

  it('invisible characters inside a word are ignored', async () => {
    expect(await lookup('mar\u00adtin')).toEqual([ids.coded, ids.martin, ids.martinez, ids.village]);
    expect(await lookup('mart\u200bin')).toEqual([ids.coded, ids.martin, ids.martinez, ids.village]);
  });

  it('text of separators alone finds nobody', async () => {
    for (const q of ['.', '-', '. -', '...']) {
      const query = `q=${encodeURIComponent(q)}`;
      expect(await lookup(q), q).toEqual([]);
      const list = await t.api('GET', `/api/v1/contacts?${query}`);
      expect(list.statusCode, `${q}: ${list.body}`).toBe(200);
      expect(list.json().items, q).toEqual([]);
      const totals = await t.api('GET', `/api/v1/contacts/totals?${query}`);
      expect(totals.statusCode, `${q}: ${totals.body}`).toBe(200);
      expect(totals.json().count, q).toBe(0);
      const exported = await t.api('GET', `/api/v1/contacts/export?format=csv&${query}`);
      expect(exported.statusCode, `${q}: ${exported.body}`).toBe(200);
    }
  });

  it('text of direction marks alone finds nobody', async () => {
    for (const q of ['\u200e', '\u200f', '\u200e \u200f']) {
      expect(await lookup(q), JSON.stringify(q)).toEqual([]);
    }
  });

  it('inactive contacts only when asked', async () => {
    expect((await t.api('POST', `/api/v1/contacts/${ids.martin}/deactivate`)).statusCode).toBe(200);
    expect(await lookup('martin')).toEqual([ids.coded, ids.martinez, ids.village]);
    expect(await lookup('martin', '&includeInactive=true')).toEqual([ids.coded, ids.martin, ids.martinez, ids.village]);
    expect((await t.api('POST', `/api/v1/contacts/${ids.martin}/reactivate`)).statusCode).toBe(200);
  });

  it('view own sees only its contacts', async () => {
    const { token } = await t.addUser(['customer.view_own', 'customer.create'], 'Caissière');
    const own = await asToken(t, token)('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Martine', lastName: 'Petit', mobile: '06 00 00 00 09',
    });
    expect(own.statusCode, own.body).toBe(201);
    const res = await asToken(t, token)('GET', '/api/v1/contacts/lookup?q=mart');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((item: { id: string }) => item.id)).toEqual([own.json().id]);
  });

  it('another business sees none of them', async () => {
    const other = await t.addBusiness('Autre boutique');
    const res = await asToken(t, other.token)('GET', '/api/v1/contacts/lookup?q=martin');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
  });

  it('lookup rejects unknown parameters', async () => {
    const res = await t.api('GET', '/api/v1/contacts/lookup?q=martin&colour=red');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('colour');
  });
});
