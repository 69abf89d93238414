/**
 * A code or tax number being typed, in groups or not, finds its contact at
 * every step, and a code start comes before contacts that match its parts
 * as words elsewhere, such as a phone, and before a whole name word.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface LookupBody {
  items: { id: string; code: string; matchedOn: string }[];
}

describe.each(engines)('search while typing on %s', (engine) => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  const create = async (key: string, body: Record<string, unknown>) => {
    const res = await t.api('POST', '/api/v1/contacts', body);
    expect(res.statusCode, res.body).toBe(201);
    ids[key] = res.json().id;
  };

  const lookup = async (q: string) => {
    const res = await t.api('GET', `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as LookupBody).items;
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    await create('vat', { kind: 'business', businessName: 'Négoce Valence', mobile: '06 38 00 00 01', taxNumber: 'FR40303265045' });
    await create('co3012', { kind: 'individual', code: 'CO3012', firstName: 'Alice', lastName: 'Blanc', mobile: '06 38 00 00 02' });
    await create('co3047', { kind: 'individual', code: 'CO3047', firstName: 'Bruno', lastName: 'Noir', mobile: '06 38 00 00 03' });
    // Its name has the words `co30` and `fr40303`, and sorts before the holders of the code and VAT number.
    await create('nameWords', { kind: 'business', businessName: 'Abri CO30 FR40303', mobile: '07 38 00 00 04' });
    for (const index of [1, 2, 3]) {
      await create(`greek${index}`, { kind: 'individual', firstName: 'Nikos', lastName: `Papas ${index}`, mobile: `+30 691 234 560${index}` });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each(['fr 40', 'fr 40 303', 'FR 40 303 2', 'fr-40-303', 'FR40303', '40 303 26', 'FR 40 303 265 045'])(
    'tax number typed as %s',
    async (q) => {
      const items = await lookup(q);
      expect(items[0]?.id, q).toBe(ids.vat);
      expect(items[0]?.matchedOn, q).toBe('taxNumber');
    },
  );

  it('tax number start in the sorted list', async () => {
    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('fr 40 303')}&sort=name`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((item: { id: string }) => item.id)).toEqual([ids.vat]);
  });

  it.each(['CO 30', 'co 30', 'co30', 'CO-30', 'co.30'])('code start %s before phones', async (q) => {
    const items = await lookup(q);
    expect(items.slice(0, 2).map((item) => item.code), q).toEqual(['CO3012', 'CO3047']);
    expect(items.slice(0, 2).map((item) => item.matchedOn), q).toEqual(['code', 'code']);
  });

  it('code start before whole name word', async () => {
    const items = await lookup('co30');
    expect(items.slice(0, 3).map((item) => item.id)).toEqual([ids.co3012, ids.co3047, ids.nameWords]);
    expect(items.slice(0, 3).map((item) => item.matchedOn)).toEqual(['code', 'code', 'name']);

    const res = await t.api('GET', `/api/v1/contacts?q=${encodeURIComponent('co30')}`);
    expect(res.statusCode, res.body).toBe(200);
    const listed = res.json().items.map((item: { id: string }) => item.id);
    expect(listed.slice(0, 3)).toEqual([ids.co3012, ids.co3047, ids.nameWords]);
  });

  it('tax number start before whole name word', async () => {
    const items = await lookup('fr40303');
    expect(items.slice(0, 2).map((item) => item.id)).toEqual([ids.vat, ids.nameWords]);
    expect(items.slice(0, 2).map((item) => item.matchedOn)).toEqual(['taxNumber', 'name']);
  });

  it('longer code start keeps one code', async () => {
    const items = await lookup('co 304');
    expect(items[0]?.code).toBe('CO3047');
    expect(items.map((item) => item.code)).not.toContain('CO3012');
  });

  it('digits of a mixed text still match phone words', async () => {
    // The mobile's digits are a word of the contact, so `co 30` still finds
    // the generated codes whose contact has a +30 mobile, after the codes.
    const items = await lookup('co 30');
    const greek = [ids.greek1, ids.greek2, ids.greek3];
    expect(items.filter((item) => greek.includes(item.id))).toHaveLength(3);
    const lastCode = items.findIndex((item) => item.code === 'CO3047');
    expect(lastCode).toBeLessThan(items.findIndex((item) => greek.includes(item.id)));
  });

  it.each(['０６ ３８ ００ ００ ０２', '٠٦٣٨٠٠٠٠٠٢', '०६ ३८ ००'])('phone typed as %s', async (q) => {
    const items = await lookup(q);
    expect(items[0]?.id, q).toBe(ids.co3012);
    expect(items[0]?.matchedOn, q).toBe('phone');
  });
});
