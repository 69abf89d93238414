import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { person } from '../helpers/contacts.ts';
import { engines } from '../helpers/databases.ts';

interface Item {
  id: string;
  name: string;
  code: string;
}

describe.each(engines)('contact list on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const contacts = [
      person('Anne', '06 50 00 00 01', { lastName: 'Martin', email: 'anne.martin@example.fr' }),
      person('Bruno', '06 50 00 00 02', { lastName: 'Durand', type: 'supplier' }),
      person('Chloé', '06 50 00 00 03', { lastName: 'Petit', type: 'both', code: 'VIP_100' }),
      person('Denis', '06 50 00 00 04', { lastName: 'Roux', status: 'inactive' }),
      { type: 'supplier', businessName: 'Épicerie Blanc', mobile: '+33 6 50 00 00 05' },
    ];
    for (const body of contacts) expect((await t.api('POST', '/api/v1/contacts', body)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const names = async (query: string) => {
    const res = await t.api('GET', `/api/v1/contacts${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items.map((item: Item) => item.name);
  };

  it('sorts by name with full contacts', async () => {
    const res = await t.api('GET', '/api/v1/contacts');
    const items = res.json().items;
    expect(items.map((item: Item) => item.name)).toEqual(['Anne Martin', 'Bruno Durand', 'Chloé Petit', 'Denis Roux', 'Épicerie Blanc']);
    expect(items[0]).toMatchObject({ mobileE164: '+33650000001', email: 'anne.martin@example.fr', balance: '0.00', assignedUserIds: [] });
    expect(res.json().nextCursor).toBeNull();
  });

  it('filters by type including both', async () => {
    expect(await names('?type=customer')).toEqual(['Anne Martin', 'Chloé Petit', 'Denis Roux']);
    expect(await names('?type=supplier')).toEqual(['Bruno Durand', 'Chloé Petit', 'Épicerie Blanc']);
  });

  it('filters by status', async () => {
    expect(await names('?status=inactive')).toEqual(['Denis Roux']);
    expect(await names('?status=active&type=customer')).toEqual(['Anne Martin', 'Chloé Petit']);
  });

  it('matches name, code, email and mobile', async () => {
    expect(await names('?q=MARTIN')).toEqual(['Anne Martin']);
    expect(await names('?q=vip_100')).toEqual(['Chloé Petit']);
    expect(await names('?q=anne.martin@')).toEqual(['Anne Martin']);
    expect(await names('?q=06%2050%2000%2000%2002')).toEqual(['Bruno Durand']);
    expect(await names('?q=0650000005')).toEqual(['Épicerie Blanc']);
    expect(await names('?q=%2B33650000003')).toEqual(['Chloé Petit']);
  });

  it('treats like wildcards as text', async () => {
    expect(await names('?q=%25')).toEqual([]);
    // Search goes by words: punctuation alone matches nothing, inside a code it separates words.
    expect(await names('?q=_')).toEqual([]);
    expect(await names('?q=vip_1')).toEqual(['Chloé Petit']);
  });

  it('pages with a cursor that survives inserts', async () => {
    const first = await t.api('GET', '/api/v1/contacts?limit=2');
    expect(first.json().items.map((item: Item) => item.name)).toEqual(['Anne Martin', 'Bruno Durand']);
    const cursor = first.json().nextCursor;
    expect(cursor).toEqual(expect.any(String));

    await t.api('POST', '/api/v1/contacts', person('Aaron', '06 50 00 00 06'));
    const second = await t.api('GET', `/api/v1/contacts?limit=2&cursor=${cursor}`);
    expect(second.json().items.map((item: Item) => item.name)).toEqual(['Chloé Petit', 'Denis Roux']);
    const third = await t.api('GET', `/api/v1/contacts?limit=2&cursor=${second.json().nextCursor}`);
    expect(third.json().items.map((item: Item) => item.name)).toEqual(['Épicerie Blanc']);
    expect(third.json().nextCursor).toBeNull();
  });

  it('pages contacts with the same name by id', async () => {
    for (const mobile of ['06 50 00 00 07', '06 50 00 00 08', '06 50 00 00 09']) {
      await t.api('POST', '/api/v1/contacts', person('Homonyme', mobile));
    }
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 3; i += 1) {
      const res = await t.api('GET', `/api/v1/contacts?q=Homonyme&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().items.map((item: Item) => item.id));
      cursor = res.json().nextCursor;
    }
    expect(new Set(seen).size).toBe(3);
    expect(cursor).toBeNull();
  });

  it('rejects a bad limit or cursor', async () => {
    expect((await t.api('GET', '/api/v1/contacts?limit=201')).statusCode).toBe(422);
    expect((await t.api('GET', '/api/v1/contacts?limit=0')).statusCode).toBe(422);
    const bad = await t.api('GET', '/api/v1/contacts?cursor=nonsense');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('cursor');
    expect((await t.api('GET', '/api/v1/contacts?type=lead')).statusCode).toBe(422);
  });
});
