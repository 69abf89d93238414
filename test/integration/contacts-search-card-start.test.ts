/**
 * A loyalty card number being typed finds its holder first, on the picker
 * and in the list's relevance order, ahead of a whole name word, and the
 * statement reads the card start as one range of a card key index.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSearchTerms } from '../../src/contacts/search/search-terms.ts';
import { cardStartCondition, searchParameters } from '../../src/contacts/search/search-sql.ts';
import { asToken, createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

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

  it('card start reads an index range', async () => {
    const db = t.database.db.kysely;
    const values = searchParameters(engine, readSearchTerms('fid 06', 'FR'));
    expect(values.cardLow).toBe('FID06');
    expect(values.cardHigh).toBe('FID07');
    const compiled = db.selectFrom('contacts').select('contacts.id')
      .where('contacts.business_id', '=', t.business.businessId)
      .where(cardStartCondition(engine, values.cardLow as string, values.cardHigh as string))
      .compile();
    if (engine === 'sqlite') {
      // SQLite rejects a query that names an index it cannot use for the condition.
      const indexed = compiled.sql.replace('from "contacts"', 'from "contacts" indexed by contacts_duplicate_card');
      expect(indexed).not.toBe(compiled.sql);
      const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${indexed}`, [...compiled.parameters]));
      const details = plan.rows.map((row) => (row as { detail: string }).detail).join('\n');
      expect(details).toMatch(/USING INDEX contacts_duplicate_card \(business_id=\? AND <expr>>\? AND <expr><\?\)/);
      return;
    }
    // The test table is small enough for a sequential scan to win, so the plan is read with those turned off.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return trx.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
    });
    const text = JSON.stringify(plan.rows);
    expect(text).toContain('"Index Name":"contacts_card_start"');
    expect(text).toMatch(/"Index Cond":"[^"]*>= 'FID06'[^"]*< 'FID07'/);
    expect(text).not.toContain('"Filter"');
  });
});
