import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { countContacts, person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

describe.each(engines)('contact codes on %s', (engine) => {
  let t: TestApp;
  let phone = 10;
  const next = () => `06 40 00 00 ${String(phone++).padStart(2, '0')}`;

  beforeEach(async () => {
    await t?.close();
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = async (extra: Record<string, unknown> = {}) => {
    const res = await t.api('POST', '/api/v1/contacts', person('Client', next(), extra));
    return res;
  };

  it('generates codes in sequence and skips typed ones', async () => {
    expect((await create()).json().code).toBe('CO0001');
    expect((await create()).json().code).toBe('CO0002');
    const typed = await create({ code: 'CO0003' });
    expect(typed.statusCode).toBe(201);
    expect(typed.json().code).toBe('CO0003');
    expect((await create()).json().code).toBe('CO0004');
  });

  it('never hands out a code typed ahead', async () => {
    expect((await create({ code: 'CO0002' })).statusCode).toBe(201);
    expect((await create()).json().code).toBe('CO0001');
    expect((await create()).json().code).toBe('CO0003');
  });

  it('rejects a typed code already used', async () => {
    await create({ code: 'VIP-7' });
    const before = await countContacts(t);
    const res = await create({ code: 'VIP-7' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contact_code_taken');
    expect(res.json().errors[0].path).toBe('code');
    expect(await countContacts(t)).toBe(before);
  });

  it('rejects renaming to a code in use', async () => {
    const a = await create();
    const b = await create();
    const res = await t.api('PATCH', `/api/v1/contacts/${b.json().id}`, { code: a.json().code });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contact_code_taken');
    const renamed = await t.api('PATCH', `/api/v1/contacts/${b.json().id}`, { code: 'NEW-1' });
    expect(renamed.json().code).toBe('NEW-1');
  });

  it('keeps a code on update', async () => {
    const a = await create();
    const res = await t.api('PATCH', `/api/v1/contacts/${a.json().id}`, { code: '' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'code', code: 'required' });
  });

  it('uses the business prefix', async () => {
    await t.database.db.kysely.updateTable('businesses').set({ contact_code_prefix: 'CL-' })
      .where('id', '=', t.business.businessId).execute();
    expect((await create()).json().code).toBe('CL-0001');
  });

  it('gives distinct codes to concurrent creates', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => create()));
    expect(results.map((res) => res.statusCode)).toEqual(Array(20).fill(201));
    const codes = results.map((res) => res.json().code as string);
    expect(new Set(codes).size).toBe(20);
    expect([...codes].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `CO${String(i + 1).padStart(4, '0')}`));
    expect(await countContacts(t)).toBe(20);
  });
});
