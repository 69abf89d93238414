/**
 * A loyalty card number being typed finds its holder first, on the picker
 * and in the list's relevance order, ahead of a whole name word, with
 * letters of any script. The statement reads each card start key as one
 * range of a card key index.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContact } from '../../src/contacts/create-contact.ts';
import { lookupContacts } from '../../src/contacts/search/lookup-contacts.ts';
import { readSearchTerms } from '../../src/contacts/search/search-terms.ts';
import { cardStartCondition, searchParameters } from '../../src/contacts/search/search-sql.ts';
import { migrate } from '../../src/db/migrate.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines, type TestDatabase } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';

interface LookupBody {
  items: { id: string; matchedOn: string }[];
}

describe.each(engines)('card start search on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  };

  const lookup = async (q: string, query = '') => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as LookupBody).items;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    // The holder's name sorts after the others, so only the card start can put her first.
    await create('holder', { kind: 'individual', firstName: 'Zoé', lastName: 'Zola', mobile: '07 70 00 00 01', loyaltyCardNumber: 'FID-0612' });
    // His words `fidel` and `0612…` match `fid 06` too, and his mobile starts with 06.
    await create('mobile', { kind: 'individual', firstName: 'Fidel', lastName: 'Abel', mobile: '06 12 00 00 01' });
    // Its business name has the word `fid06`, which `fid06` matches whole.
    await create('nameWord', { kind: 'business', businessName: 'Fid06 Traiteur', mobile: '07 70 00 00 04' });
    await create('capitals', { kind: 'individual', firstName: 'Yann', lastName: 'Arc', mobile: '07 70 00 00 05', loyaltyCardNumber: 'CARTÉ-1234' });
    await create('smallLetters', { kind: 'individual', firstName: 'Yann', lastName: 'Bec', mobile: '07 70 00 00 06', loyaltyCardNumber: 'carté-5678' });
    await create('umlaut', { kind: 'individual', firstName: 'Yann', lastName: 'Cor', mobile: '07 70 00 00 07', loyaltyCardNumber: 'Ö-0042' });
    await create('nameCarte', { kind: 'business', businessName: 'Abri Carté 56', mobile: '07 70 00 00 09' });
    await create('greek', { kind: 'individual', firstName: 'Yann', lastName: 'Dal', mobile: '07 70 00 00 08', loyaltyCardNumber: 'ΚΑΡΤΑ-0012' });
    await create('mixedCase', { kind: 'individual', firstName: 'Yann', lastName: 'Elm', mobile: '07 70 00 00 10', loyaltyCardNumber: 'Éö-7788' });
    await create('noDigit', { kind: 'individual', firstName: 'Yann', lastName: 'Fey', mobile: '07 70 00 00 11', loyaltyCardNumber: 'carte-é' });
    await create('inactive', {
      kind: 'individual', firstName: 'Yves', lastName: 'Parti', mobile: '07 70 00 00 02', loyaltyCardNumber: 'FID-0677', status: 'inactive',
    });
    const other = await t.addBusiness('Concurrent');
    const res = await asToken(t, other.token)('POST', '/api/v1/contacts', {
      kind: 'individual', firstName: 'Xavier', lastName: 'Autre', mobile: '07 70 00 00 03', loyaltyCardNumber: 'FID-0655',
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.otherBusiness = res.json().id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(['fid-06', 'FID 06', 'fid06', 'fid.061'])('card start %s ranks holder first', async (q) => {
    const items = await lookup(q);
    expect(items[0]?.id, q).toBe(ids.holder);
    expect(items[0]?.matchedOn, q).toBe('card');
  });

  it('card start before mobile prefix', async () => {
    const items = await lookup('FID 06');
    const positions = items.map((item) => item.id);
    expect(positions).toContain(ids.mobile);
    expect(positions.indexOf(ids.holder as string)).toBeLessThan(positions.indexOf(ids.mobile as string));
  });

  it('card start in the list relevance order', async () => {
    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('fid 06')}`);
    expect(res.statusCode, res.body).toBe(200);
    const listed = res.json().items.map((item: { id: string }) => item.id);
    expect(listed[0]).toBe(ids.holder);
    expect(listed).toContain(ids.mobile);
  });

  it('card start before whole name word', async () => {
    const items = await lookup('fid06');
    expect(items.map((item) => item.id).slice(0, 2)).toEqual([ids.holder, ids.nameWord]);
    expect(items.map((item) => item.matchedOn).slice(0, 2)).toEqual(['card', 'name']);

    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('fid06')}`);
    expect(res.statusCode, res.body).toBe(200);
    const listed = res.json().items.map((item: { id: string }) => item.id);
    expect(listed.slice(0, 2)).toEqual([ids.holder, ids.nameWord]);
  });

  it.each([
    ['carté-12', 'capitals'],
    ['CARTÉ 12', 'capitals'],
    ['cartÉ1', 'capitals'],
    ['CARTÉ-56', 'smallLetters'],
    ['carté.56', 'smallLetters'],
    ['ö-004', 'umlaut'],
    ['Ö 004', 'umlaut'],
    ['καρτα-00', 'greek'],
    ['ΚΑΡΤΑ 001', 'greek'],
  ])('card start %s outside ASCII', async (q, key) => {
    const items = await lookup(q);
    expect(items[0]?.id, q).toBe(ids[key]);
    expect(items[0]?.matchedOn, q).toBe('card');
  });

  it.each(['éö-77', 'ÉÖ 77', 'Éö778', 'éÖ.7788'])('mixed case card start %s', async (q) => {
    const items = await lookup(q);
    expect(items[0]?.id, q).toBe(ids.mixedCase);
    expect(items[0]?.matchedOn, q).toBe('card');
  });

  it.each(['CARTEÉ', 'carteé', 'CARTE-É'])('card %s without digit found exactly', async (q) => {
    const items = await lookup(q);
    expect(items[0]?.id, q).toBe(ids.noDigit);
    expect(items[0]?.matchedOn, q).toBe('card');
  });

  it.each(['CARTE-É', 'carte é', 'ÉÖ-7788', 'éö7788'])('card %s found by card route', async (number) => {
    const res = await t.api('GET', `/api/v1/contacts/by-card/${encodeURIComponent(number)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().id).toBe(number.toLowerCase().startsWith('carte') ? ids.noDigit : ids.mixedCase);
  });

  it('card start outside ASCII before name', async () => {
    // « Abri Carté 56 » has the words `carte` and `56` whole, and sorts before Yann Bec.
    const items = await lookup('CARTÉ-56');
    expect(items.map((item) => item.id).slice(0, 2)).toEqual([ids.smallLetters, ids.nameCarte]);

    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('CARTÉ-56')}`);
    expect(res.statusCode, res.body).toBe(200);
    const listed = res.json().items.map((item: { id: string }) => item.id);
    expect(listed.slice(0, 2)).toEqual([ids.smallLetters, ids.nameCarte]);
  });

  it('whole card in other case outside ASCII', async () => {
    // SQLite's card key keeps `é` small, so the exact key `CARTÉ5678` misses it there, and no word
    // starts with `carte5678`. The card start `CARTé5678` finds it on both engines.
    const items = await lookup('CARTÉ5678');
    expect(items[0]?.id).toBe(ids.smallLetters);
    expect(items[0]?.matchedOn).toBe('card');
  });

  it('card start keeps accents', async () => {
    // `CARTE1` is no start of `CARTÉ1234`: the card is found by its words `carte` and `1234` only.
    const items = await lookup('carte-1');
    const capitals = items.find((item) => item.id === ids.capitals);
    expect(capitals?.matchedOn).toBe('other');
    expect(items.map((item) => item.matchedOn)).not.toContain('card');
  });

  it('short text is no card start', async () => {
    // The card key `F06` has three characters: the holder is found by her card's words only, after Fidel Abel by name.
    const items = await lookup('f 06');
    expect(items.map((item) => item.matchedOn)).not.toContain('card');
    expect(items.map((item) => item.id)).toEqual([ids.mobile, ids.holder]);
  });

  it('card start leaves out inactive and other business', async () => {
    const items = await lookup('fid 06');
    expect(items.map((item) => item.id)).not.toContain(ids.inactive);
    expect(items.map((item) => item.id)).not.toContain(ids.otherBusiness);
    const withInactive = await lookup('fid 06', '&includeInactive=true');
    expect(withInactive.map((item) => item.id)).toContain(ids.inactive);
    expect(withInactive.map((item) => item.id)).not.toContain(ids.otherBusiness);
  });

  it.each([
    ['fid 06', [['FID06', 'FID07']]],
    ['carté-12', [['CARTé12', 'CARTé13'], ['CARTÉ12', 'CARTÉ13']]],
  ])('card start %s reads index ranges', async (q, ranges) => {
    const db = t.database.db.kysely;
    const values = searchParameters(engine, readSearchTerms(q, 'FR'));
    expect(values.cardLows).toEqual(ranges.map(([low]) => low));
    expect(values.cardHighs).toEqual(ranges.map(([, high]) => high));
    for (const [low, high] of ranges as [string, string][]) {
      const compiled = db.selectFrom('contacts').select('contacts.id')
        .where('contacts.business_id', '=', t.business.businessId)
        .where(cardStartCondition(engine, low, high))
        .compile();
      if (engine === 'sqlite') {
        // SQLite rejects a query that names an index it cannot use for the condition.
        const indexed = compiled.sql.replace('from "contacts"', 'from "contacts" indexed by contacts_duplicate_card');
        expect(indexed).not.toBe(compiled.sql);
        const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${indexed}`, [...compiled.parameters]));
        const details = plan.rows.map((row) => (row as { detail: string }).detail).join('\n');
        expect(details).toMatch(/USING INDEX contacts_duplicate_card \(business_id=\? AND <expr>>\? AND <expr><\?\)/);
        continue;
      }
      // The test table is small enough for a sequential scan to win, so the plan is read with those turned off.
      const plan = await db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return trx.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
      });
      const text = JSON.stringify(plan.rows);
      expect(text).toContain('"Index Name":"contacts_card_start"');
      expect(text).toContain(`>= '${low}'`);
      expect(text).toContain(`< '${high}'`);
      expect(text).not.toContain('"Filter"');
    }
  });
});

describe.each(engines)('card start key migration on %s', (engine) => {
  let database: TestDatabase;

  afterAll(async () => {
    await database?.drop();
  });

  it('card stored before is found', async () => {
    const old = await createOldDatabase(engine, '0038_no_sale_totals', 'Cartes accentuées');
    database = old.database;
    const { kysely, business } = old;

    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const { contact } = await createContact(kysely, actor, {
      kind: 'individual', firstName: 'Yann', lastName: 'Bec', mobile: '06 35 00 00 01', loyaltyCardNumber: 'carté-5678',
    });

    expect(await migrate(database.db)).toContain('0039_card_start_keys');
    const items = (await lookupContacts(kysely, actor, { q: 'CARTÉ-56' })).items;
    expect(items.map((item) => item.id)).toEqual([contact.id]);
    expect(items[0]?.matchedOn).toBe('card');

    if (engine === 'postgres') {
      const index = await sql<{ definition: string }>`select indexdef as definition from pg_indexes
        where indexname = 'contacts_card_start'`.execute(kysely);
      expect(index.rows).toHaveLength(1);
      expect(index.rows[0]?.definition).toContain('translate(');
      expect(index.rows[0]?.definition).toContain('WHERE (loyalty_card_number IS NOT NULL)');
    }
  });
});
