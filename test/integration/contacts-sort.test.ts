import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/ledger/dates.ts';
import { parseDecimal } from '../../src/shared/money.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

interface Item {
  id: string;
  name: string;
  code: string;
  balance: string;
  receivable: string;
  payable: string;
  advance: string;
  createdAt: string;
}

const firstNames = ['Élodie', 'anne', 'Denis', 'Fabrice', 'Zoé', 'Œdipe', 'bruno', 'Ève', 'Carole', 'Yann', 'Octave', 'Igor'];
const openings = ['120.00', '-40.00', '0', '15.50', '300.00', '-5.00', '0', '75.25', '15.50', '-200.00', '9.99', '0'];

describe.each(engines)('contact sorts and pages on %s', (engine) => {
  let t: TestApp;
  const today = todayIn('Europe/Paris');
  let serial = 0;

  const create = async (firstName: string, openingBalance: string, extra: Record<string, unknown> = {}) => {
    serial += 1;
    const res = await t.api('POST', '/api/v1/contacts', {
      kind: 'individual', firstName, lastName: 'Test', mobile: `06 41 00 ${String(serial).padStart(2, '0')} 00`,
      openingBalance, openingBalanceDate: today, ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Item;
  };

  /** Reads every page of `query`, `limit` rows at a time, running `between` before each next page. */
  const allPages = async (query: string, limit: number, between?: (page: number) => Promise<void>) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const url = `/api/v1/contacts?limit=${limit}&${query}${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.api('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      items.push(...res.json().items);
      cursor = res.json().nextCursor;
      if (!cursor) return items;
      if (between) await between(page);
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    for (const [i, name] of firstNames.entries()) await create(name, openings[i] as string);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('name sort ignores case and accents', async () => {
    const names = (await allPages('sort=name', 5)).map((item) => item.name.split(' ')[0]);
    expect(names).toEqual(['anne', 'bruno', 'Carole', 'Denis', 'Élodie', 'Ève', 'Fabrice', 'Igor', 'Octave', 'Œdipe', 'Yann', 'Zoé']);
    const reversed = (await allPages('sort=name&order=desc', 4)).map((item) => item.name.split(' ')[0]);
    expect(reversed).toEqual([...names].reverse());
  });

  it('balance sort pages in order with ties by id', async () => {
    const items = await allPages('sort=balance&order=desc', 5);
    const balances = items.map((item) => parseDecimal(item.balance, 'EUR') as number);
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    expect(items.map((item) => item.balance).slice(0, 3)).toEqual(['300.00', '120.00', '75.25']);
    const ties = items.filter((item) => item.balance === '15.50').map((item) => item.id);
    expect(ties).toEqual([...ties].sort().reverse());
    expect(new Set(items.map((item) => item.id)).size).toBe(12);
  });

  it('code and creation sorts', async () => {
    const codes = (await allPages('sort=code', 5)).map((item) => item.code);
    expect(codes).toEqual([...codes].sort());
    const created = (await allPages('sort=createdAt&order=desc', 5)).map((item) => item.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('last activity sort follows the ledger', async () => {
    const fresh = await create('Récent', '0');
    const sale = await t.api('POST', '/api/v1/sales', {
      contactId: fresh.id, date: addDays(today, 1), status: 'final', payTerm: null,
      lines: [{ description: 'Pain', quantity: '1', unitPrice: '2.00' }],
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const first = await t.api('GET', '/api/v1/contacts?sort=lastActivity&order=desc&limit=1');
    expect(first.json().items[0].id).toBe(fresh.id);
    const last = await t.api('GET', '/api/v1/contacts?sort=lastActivity&order=asc&limit=200');
    const ids = last.json().items.map((item: Item) => item.id);
    expect(ids[ids.length - 1]).toBe(fresh.id);
  });

  it('cursor stays correct while rows are inserted', async () => {
    const before = await allPages('sort=balance&order=desc', 200);
    const inserted: string[] = [];
    const paged = await allPages('sort=balance&order=desc', 3, async (page) => {
      // One contact above every balance (before the cursor), one below all of them.
      inserted.push((await create(`Haut${page}`, '9999.00')).id, (await create(`Bas${page}`, '-9999.00')).id);
    });
    const pagedIds = paged.map((item) => item.id);
    expect(new Set(pagedIds).size).toBe(pagedIds.length);
    for (const item of before) expect(pagedIds, item.name).toContain(item.id);
    const high = paged.filter((item) => item.balance === '9999.00');
    expect(high).toEqual([]);
  });

  it('totals equal the sums over every page', async () => {
    for (const query of ['', 'hasReceivableDue=true', 'type=customer&hasPayableDue=true']) {
      const items = await allPages(query, 4);
      const sum = (field: 'receivable' | 'payable' | 'advance') =>
        items.reduce((total, item) => total + (parseDecimal(item[field], 'EUR') as number), 0);
      const res = await t.api('GET', `/api/v1/contacts/totals?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const totals = res.json();
      expect(totals.count, query).toBe(items.length);
      expect(parseDecimal(totals.receivable, 'EUR'), query).toBe(sum('receivable'));
      expect(parseDecimal(totals.payable, 'EUR'), query).toBe(sum('payable'));
      expect(parseDecimal(totals.advance, 'EUR'), query).toBe(sum('advance'));
    }
  });

  it('a cursor of another sort is rejected', async () => {
    const first = await t.api('GET', '/api/v1/contacts?sort=balance&limit=2');
    const cursor = first.json().nextCursor;
    const res = await t.api('GET', `/api/v1/contacts?sort=name&limit=2&cursor=${cursor}`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('cursor');
    expect(res.json().errors[0].code).toBe('invalid_cursor');
  });

  it('search pages through ranked results once each', async () => {
    const all = await allPages('q=test', 200);
    const paged = await allPages('q=test', 2);
    expect(paged.map((item) => item.id)).toEqual(all.map((item) => item.id));
    expect(all.length).toBeGreaterThan(12);
  });

  it('order alone sorts by name', async () => {
    const names = (await allPages('sort=name', 5)).map((item) => item.id);
    const reversed = (await allPages('order=desc', 5)).map((item) => item.id);
    expect(reversed).toEqual([...names].reverse());
  });

  it('search rejects order without sort', async () => {
    for (const order of ['desc', 'asc']) {
      const res = await t.api('GET', `/api/v1/contacts?q=test&order=${order}`, undefined, { 'accept-language': 'en' });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().code).toBe('validation_failed');
      expect(res.json().errors).toEqual([{
        path: 'order',
        code: 'order_without_sort',
        message: `order=${order} does not apply to a search (q), which is ranked by relevance: add sort ` +
          '(name, code, balance, createdAt or lastActivity) to sort the matches in that order, sort=relevance to reverse the ranking, ' +
          'or remove order.',
      }]);
    }
    const french = await t.api('GET', '/api/v1/contacts?q=test&order=desc');
    expect(french.json().errors[0].message).toMatch(/^order=desc ne s’applique pas à une recherche \(q\)/);
  });

  it('relevance reads from either end', async () => {
    const ranked = (await allPages('q=test', 5)).map((item) => item.id);
    expect(ranked.length).toBeGreaterThan(12);
    const explicit = (await allPages('q=test&sort=relevance', 5)).map((item) => item.id);
    expect(explicit).toEqual(ranked);
    const reversed = (await allPages('q=test&sort=relevance&order=desc', 5)).map((item) => item.id);
    expect(reversed).toEqual([...ranked].reverse());
    const last = await t.api('GET', '/api/v1/contacts?limit=3&q=test&sort=relevance&order=desc');
    expect(last.json().items.map((item: Item) => item.id)).toEqual(ranked.slice(-3).reverse());
  });

  it('relevance cursors keep their direction', async () => {
    const best = (await t.api('GET', '/api/v1/contacts?limit=3&q=test')).json().nextCursor as string;
    const worst = (await t.api('GET', '/api/v1/contacts?limit=3&q=test&sort=relevance&order=desc')).json().nextCursor as string;
    const cases: [string, string][] = [
      [`q=test&sort=relevance&order=desc&cursor=${best}`, 'best-first cursor read from the end'],
      [`q=test&cursor=${worst}`, 'end cursor read best first'],
      [`q=test&sort=relevance&cursor=${worst}`, 'end cursor with sort=relevance'],
    ];
    for (const [query, label] of cases) {
      const res = await t.api('GET', `/api/v1/contacts?limit=3&${query}`);
      expect(res.statusCode, label).toBe(422);
      expect(res.json().errors.map((issue: { code: string }) => issue.code), label).toEqual(['invalid_cursor']);
    }
    expect((await t.api('GET', `/api/v1/contacts?limit=3&q=test&sort=relevance&cursor=${best}`)).statusCode).toBe(200);
  });

  it('relevance needs a search', async () => {
    const res = await t.api('GET', '/api/v1/contacts?sort=relevance&order=desc', undefined, { 'accept-language': 'en' });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([{
      path: 'sort',
      code: 'relevance_without_search',
      message: 'sort=relevance ranks the matches of a search: add q, or choose another sort (name, code, balance, createdAt or lastActivity).',
    }]);
    const french = await t.api('GET', '/api/v1/contacts?sort=relevance');
    expect(french.json().errors[0].message).toMatch(/^sort=relevance classe les résultats d’une recherche : ajoutez q/);
  });

  it('search honours order with sort', async () => {
    const ranked = await allPages('q=test', 200);
    const descending = (await allPages('q=test&sort=name&order=desc', 200)).map((item) => item.id);
    const ascending = (await allPages('q=test&sort=name', 200)).map((item) => item.id);
    expect(descending).toEqual([...ascending].reverse());
    expect(descending).toHaveLength(ranked.length);
  });

  it('search with a sort returns every match in that order', async () => {
    const items = await allPages('q=test&sort=balance&order=asc', 5);
    const balances = items.map((item) => parseDecimal(item.balance, 'EUR') as number);
    expect(balances).toEqual([...balances].sort((a, b) => a - b));
    expect(items.every((item) => item.name.endsWith('Test'))).toBe(true);
  });
});
