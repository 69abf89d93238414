import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface Group {
  reason: string;
  key: string;
  count: number;
  contacts: { id: string }[];
}

describe.each(engines)('duplicate contacts on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  };

  const groups = async (query = '') => {
    const res = await t.api('GET', `/api/v1/contacts/duplicates?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Group[]; nextCursor: string | null };
  };

  const membersOf = (group: Group | undefined) => group?.contacts.map((contact) => contact.id).sort();
  const sorted = (...keys: string[]) => keys.map((key) => ids[key]).sort();

  beforeAll(async () => {
    t = await createTestApp(engine);
    await create('jean', { kind: 'individual', firstName: 'Jean', lastName: 'Faure', mobile: '06 12 34 56 78', city: 'Lyon', email: 'Jean@Example.fr' });
    await create('faure', { kind: 'individual', firstName: 'FAURE', lastName: 'Jean', mobile: '+33 6 12 34 56 78', city: 'lyon' });
    await create('mail', { kind: 'individual', firstName: 'Jeannot', lastName: 'Lapin', mobile: '06 00 00 00 01', email: 'jean@example.fr' });
    await create('tax1', { kind: 'business', businessName: 'Cave Dupont', mobile: '06 00 00 00 02', taxNumber: 'FR 40 303 265 045' });
    await create('tax2', { kind: 'business', businessName: 'Dupont SARL', mobile: '06 00 00 00 03', taxNumber: 'fr40303265045' });
    await create('card1', { kind: 'individual', firstName: 'Anaïs', lastName: 'Roux', mobile: '06 00 00 00 04', loyaltyCardNumber: 'FID 1234' });
    // The API rejects a card whose key another contact has, but databases may
    // hold two writings of one card from before that check.
    await create('card2', { kind: 'individual', firstName: 'Anne', lastName: 'Roux', mobile: '06 00 00 00 05' });
    await t.database.db.kysely.updateTable('contacts').set({ loyalty_card_number: 'fid-1234' }).where('id', '=', ids.card2 as string).execute();
    await create('helene1', { kind: 'individual', firstName: 'Hélène', lastName: 'Müller-Blanc', mobile: '06 00 00 00 06', city: 'Saint-Émilion' });
    await create('helene2', { kind: 'individual', firstName: 'helene', lastName: 'Muller Blanc', mobile: '06 00 00 00 07', city: 'saint emilion' });
    await create('elsewhere', { kind: 'individual', firstName: 'Hélène', lastName: 'Müller-Blanc', mobile: '06 00 00 00 08', city: 'Paris' });
    await create('nocity1', { kind: 'individual', firstName: 'Paul', lastName: 'Durand', mobile: '06 00 00 00 09' });
    await create('nocity2', { kind: 'individual', firstName: 'Paul', lastName: 'Durand', mobile: '06 00 00 00 10' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('groups each reason with its members', async () => {
    const { items } = await groups('limit=100');
    const of = (reason: string) => items.filter((group) => group.reason === reason);
    expect(of('mobile').map(membersOf)).toEqual([sorted('jean', 'faure')]);
    expect(of('email').map(membersOf)).toEqual([sorted('jean', 'mail')]);
    expect(of('taxNumber').map(membersOf)).toEqual([sorted('tax1', 'tax2')]);
    expect(of('card').map(membersOf)).toEqual([sorted('card1', 'card2')]);
    const names = of('name').map(membersOf);
    expect(names).toContainEqual(sorted('jean', 'faure'));
    expect(names).toContainEqual(sorted('helene1', 'helene2'));
    expect(names).toHaveLength(2);
  });

  it('reason order and counts', async () => {
    const { items } = await groups('limit=100');
    expect([...new Set(items.map((group) => group.reason))]).toEqual(['mobile', 'email', 'taxNumber', 'card', 'name']);
    expect(items.every((group) => group.count === group.contacts.length && group.count === 2)).toBe(true);
  });

  it('one reason only', async () => {
    const { items } = await groups('reason=card');
    expect(items.map((group) => group.reason)).toEqual(['card']);
  });

  it('pages through groups with a cursor', async () => {
    const all = (await groups('limit=100')).items.map((group) => `${group.reason}:${group.key}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await groups(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((group) => `${group.reason}:${group.key}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('name ignores apostrophe, hyphen and space writings', async () => {
    // A phone keyboard often types ’ where a computer types ', and a pasted name may bring a non-breaking hyphen or a double space.
    await create('atelier1', { kind: 'business', businessName: "L'Atelier d'Élise", mobile: '06 00 00 00 11', city: 'Villefranche' });
    await create('atelier2', { kind: 'business', businessName: 'L’Atelier d’Élise', mobile: '06 00 00 00 12', city: 'villefranche' });
    await create('atelier3', { kind: 'business', businessName: "L'Atelier  dʼÉlise", mobile: '06 00 00 00 13', city: 'Villefranche ' });
    await create('obrien1', { kind: 'individual', firstName: 'Jean-Luc', lastName: "O'Brien", mobile: '06 00 00 00 14', city: 'Annecy' });
    await create('obrien2', { kind: 'individual', firstName: 'Jean\u2011Luc', lastName: 'O’Brien', mobile: '06 00 00 00 15', city: 'Annecy' });
    await create('obrien3', { kind: 'individual', firstName: 'Jean\u2010Luc', lastName: "O'Brien", mobile: '06 00 00 00 16', city: 'Annecy' });

    const names = (await groups('reason=name&limit=100')).items;
    const groupOf = (key: string) => names.find((group) => group.contacts.some((contact) => contact.id === ids[key]));
    expect(membersOf(groupOf('atelier1'))).toEqual(sorted('atelier1', 'atelier2', 'atelier3'));
    expect(membersOf(groupOf('obrien1'))).toEqual(sorted('obrien1', 'obrien2', 'obrien3'));
    expect(groupOf('atelier1')?.key).toBe("villefranche|business:l'atelier d'elise");
  });

  it('rejects unknown reasons', async () => {
    const res = await t.api('GET', '/api/v1/contacts/duplicates?reason=birthday');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('reason');
  });
});
