/**
 * A list with a search text in a sort order reads its page by one of three
 * plans: from the matches, sorted, by walking the sort's index and checking
 * each row for the match, or from the contacts that the filters keep,
 * checking each for the match. Every plan must return the same contacts in
 * the same order with the same cursors on every page. That holds for every
 * sort, order, filter and visibility rule. The walk must read the sort's
 * index without sorting.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactFilters } from '../../src/contacts/search/filters.ts';
import {
  FILTERED_CONTACT_COST, filtersFirstPageQuery, readsFiltersFirst, sampleFilteredContacts,
} from '../../src/contacts/search/filters-first.ts';
import { type ContactListParams, listContactRows, listContext } from '../../src/contacts/search/list-rows.ts';
import { encodeSortCursor, type SortField, type SortOrder, type SortSpec } from '../../src/contacts/search/sort.ts';
import {
  countGivesShare, countMatches, defaultSortedSearchTuning, readWalkedPage, type SortedSearchTuning, type WalkedRow, walkPageQuery, walksSortIndex,
} from '../../src/contacts/search/sorted-search.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { contactWordCheckIndex } from '../../src/db/migrations/0042_contact_word_checks.ts';
import { todayIn } from '../../src/ledger/dates.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

const firstNames = ['Anne', 'bruno', 'Carole', 'Élodie', 'Anne', 'Zoé', 'Yann', 'Denis'];
const lastNames = ['Martin', 'Martinez', 'Dupont', 'Martin', 'Marchand', 'Leroy'];
const openings = ['120.00', '-40.00', '0', '15.50', '0', '-5.00', '15.50', '300.00', '0'];
const types = ['customer', 'supplier', 'both', 'customer'] as const;
const activityDays = ['2026-01-10', '2026-02-01', '2026-01-10', '2025-12-24', '2026-02-01'];
const sortFields: SortField[] = ['name', 'code', 'balance', 'createdAt', 'lastActivity'];

/** Index each sort's walk must read. */
const sortIndexes: Record<SortField, string> = {
  name: 'contacts_sort_name',
  code: 'contacts_code',
  balance: 'contacts_balance',
  createdAt: 'contacts_created',
  lastActivity: 'contacts_last_activity',
};

interface Page {
  ids: string[];
  cursor: string | null;
}

describe.each(engines)('sorted search walk on %s', (engine) => {
  let t: TestApp;
  let admin: ContactActor;
  let ownUser: ContactActor;
  const today = todayIn('Europe/Paris');
  let mobileDigits = '';
  let someCode = '';

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set() };
    const seller = await t.addUser(['customer.view_own', 'supplier.view_own'], 'Vendeur');
    ownUser = {
      businessId: t.business.businessId, userId: seller.userId, isAdmin: false,
      permissions: new Set(['customer.view_own', 'supplier.view_own']),
    };

    for (let i = 0; i < 48; i += 1) {
      const res = await t.api('POST', '/api/v1/contacts', {
        type: types[i % types.length],
        kind: 'individual',
        firstName: firstNames[i % firstNames.length],
        lastName: lastNames[i % lastNames.length],
        mobile: `06 41 ${String(10 + (i % 7)).padStart(2, '0')} ${String(i).padStart(2, '0')} 00`,
        openingBalance: openings[i % openings.length],
        openingBalanceDate: today,
        ...(i % 11 === 5 ? { status: 'inactive' } : {}),
        ...(i % 5 === 2 ? { assignedUserIds: [seller.userId] } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as { id: string; code: string };
      if (i === 9) someCode = created.code;
      await t.database.db.kysely.updateTable('contacts')
        .set({ last_activity_on: activityDays[i % activityDays.length] as string })
        .where('id', '=', created.id)
        .execute();
    }
    // The mobile numbers of the contacts 3, 10, 17… start with 06 41 13.
    mobileDigits = '064113';
    if (engine === 'postgres') await sql`analyze`.execute(t.database.db.kysely);
  });

  afterAll(async () => {
    await t?.close();
  });

  const filterCases: { name: string; filters: Omit<ContactFilters, 'q' | 'flags' | 'customFields'> }[] = [
    { name: 'no filter', filters: {} },
    { name: 'suppliers', filters: { type: 'supplier' } },
    { name: 'inactive included', filters: { includeInactive: true } },
  ];

  function params(q: string, filters: Partial<ContactFilters>, sort: SortSpec, limit: number, cursor?: string): ContactListParams {
    return {
      filters: { flags: {}, customFields: {}, ...filters, q },
      sort,
      relevanceOrder: 'asc',
      limit,
      fields: null,
      ...(cursor ? { cursor } : {}),
    };
  }

  /** Reads every page of a search in a sort order with one plan, and returns each page's ids and cursor. */
  async function allPages(
    tuning: SortedSearchTuning,
    actor: ContactActor,
    q: string,
    filters: Partial<ContactFilters>,
    sort: SortSpec,
    limit: number,
  ): Promise<Page[]> {
    const pages: Page[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 60; page += 1) {
      const read = await listContactRows(t.database.db.kysely, actor, params(q, filters, sort, limit, cursor), undefined, tuning);
      expect(read.rows.length).toBeLessThanOrEqual(limit);
      pages.push({ ids: read.rows.map((row) => row.id), cursor: read.nextCursor });
      if (!read.nextCursor) return pages;
      cursor = read.nextCursor;
    }
    throw new Error(`more than 60 pages for ${q}`);
  }

  const everyEngine = (rows: number) => ({ sqlite: rows, postgres: rows });
  const matchesPlan: SortedSearchTuning = { plan: 'matches', filtersFirst: false, walkRowsPerPageRow: 100, walkRowsPerMatch: everyEngine(1) };
  const walkPlan: SortedSearchTuning = { plan: 'walk', filtersFirst: false, walkRowsPerPageRow: 100, walkRowsPerMatch: everyEngine(1) };
  // The first step reads one row. Later steps read 10 and 100 rows, up to one row per match.
  const shortWalkPlan: SortedSearchTuning = { plan: 'walk', filtersFirst: false, walkRowsPerPageRow: 1, walkRowsPerMatch: everyEngine(1) };
  // No budget stops the steps of 1, 10 and 100 rows, so walks alone read every page.
  const steppedWalkPlan: SortedSearchTuning = { plan: 'walk', filtersFirst: false, walkRowsPerPageRow: 1, walkRowsPerMatch: everyEngine(1000) };
  // A walk of a few rows stops at its fixed bound on most pages. Those pages then fall back to the matches.
  const boundedWalkPlan: SortedSearchTuning = { plan: 'walk', filtersFirst: false, walkRowsPerPageRow: 1, walkRowsPerMatch: null };
  const filtersPlan: SortedSearchTuning = { plan: 'filters', filtersFirst: true, walkRowsPerPageRow: 100, walkRowsPerMatch: everyEngine(1) };

  for (const order of ['asc', 'desc'] as const) {
    it(`walk pages equal matches pages, ${order}`, async () => {
      const texts = ['martin', 'mar', 'martin anne', mobileDigits, someCode];
      for (const q of texts) {
        for (const { name, filters } of filterCases) {
          for (const field of sortFields) {
            const sort: SortSpec = { field, order };
            const label = `${q}, ${name}, ${field} ${order}`;
            const expected = await allPages(matchesPlan, admin, q, filters, sort, 4);
            if (name === 'no filter') expect(expected.flatMap((page) => page.ids).length, label).toBeGreaterThan(0);
            expect(await allPages(walkPlan, admin, q, filters, sort, 4), label).toEqual(expected);
            expect(await allPages(shortWalkPlan, admin, q, filters, sort, 4), `${label}, short walk`).toEqual(expected);
            expect(await allPages(steppedWalkPlan, admin, q, filters, sort, 4), `${label}, stepped walk`).toEqual(expected);
            expect(await allPages(boundedWalkPlan, admin, q, filters, sort, 4), `${label}, bounded walk`).toEqual(expected);
            expect(await allPages(filtersPlan, admin, q, filters, sort, 4), `${label}, filters first`).toEqual(expected);
            expect(await allPages(defaultSortedSearchTuning, admin, q, filters, sort, 4), `${label}, auto`).toEqual(expected);
          }
        }
      }
    });
  }

  it('walk pages of one row equal matches pages', async () => {
    for (const order of ['asc', 'desc'] as const) {
      for (const field of ['name', 'balance'] as const) {
        const sort: SortSpec = { field, order };
        const expected = await allPages(matchesPlan, admin, 'martin', {}, sort, 1);
        expect(expected.length, `${field} ${order}`).toBeGreaterThan(10);
        expect(await allPages(walkPlan, admin, 'martin', {}, sort, 1), `${field} ${order}`).toEqual(expected);
      }
    }
  });

  it('filters-first one-row pages match', async () => {
    for (const order of ['asc', 'desc'] as const) {
      for (const field of sortFields) {
        for (const filters of [{}, { type: 'supplier' as const }]) {
          const sort: SortSpec = { field, order };
          const label = `${field} ${order} ${JSON.stringify(filters)}`;
          const expected = await allPages(matchesPlan, admin, 'martin', filters, sort, 1);
          expect(expected.length, label).toBeGreaterThan(3);
          expect(await allPages(filtersPlan, admin, 'martin', filters, sort, 1), label).toEqual(expected);
        }
      }
    }
  });

  it('walk pages of own contacts equal matches pages', async () => {
    for (const order of ['asc', 'desc'] as const) {
      for (const field of sortFields) {
        const sort: SortSpec = { field, order };
        const expected = await allPages(matchesPlan, ownUser, 'mar', {}, sort, 2);
        const own = expected.flatMap((page) => page.ids);
        expect(own.length, `${field} ${order}`).toBeGreaterThan(2);
        expect(own.length, `${field} ${order}`).toBeLessThan(30);
        expect(await allPages(walkPlan, ownUser, 'mar', {}, sort, 2), `${field} ${order}`).toEqual(expected);
        expect(await allPages(shortWalkPlan, ownUser, 'mar', {}, sort, 2), `${field} ${order} short walk`).toEqual(expected);
        expect(await allPages(steppedWalkPlan, ownUser, 'mar', {}, sort, 2), `${field} ${order} stepped walk`).toEqual(expected);
        expect(await allPages(filtersPlan, ownUser, 'mar', {}, sort, 2), `${field} ${order} filters first`).toEqual(expected);

        const ownSuppliers = await allPages(matchesPlan, ownUser, 'mar', { type: 'supplier' }, sort, 1);
        expect(ownSuppliers.flatMap((page) => page.ids).length, `${field} ${order} suppliers`).toBeGreaterThan(1);
        expect(await allPages(filtersPlan, ownUser, 'mar', { type: 'supplier' }, sort, 1), `${field} ${order} suppliers`).toEqual(ownSuppliers);
      }
    }
  });

  it('search totals equal every page', async () => {
    const cents = (amount: string) => Math.round(Number(amount) * 100);
    for (const q of ['martin', 'mar', 'martin anne', mobileDigits, someCode]) {
      for (const extra of ['', '&type=supplier', '&includeInactive=true']) {
        const label = `${q}${extra}`;
        const sums = { count: 0, receivable: 0, payable: 0, advance: 0 };
        let cursor: string | null = null;
        do {
          const url: string = `/api/v1/contacts?q=${encodeURIComponent(q)}${extra}&sort=name&limit=7&fields=id,receivable,payable,advance`
            + (cursor ? `&cursor=${cursor}` : '');
          const page = await t.api('GET', url);
          expect(page.statusCode, `${label}: ${page.body}`).toBe(200);
          for (const item of page.json().items as { receivable: string; payable: string; advance: string }[]) {
            sums.count += 1;
            sums.receivable += cents(item.receivable);
            sums.payable += cents(item.payable);
            sums.advance += cents(item.advance);
          }
          cursor = page.json().nextCursor;
        } while (cursor);
        const totals = await t.api('GET', `/api/v1/contacts/totals?q=${encodeURIComponent(q)}${extra}`);
        expect(totals.statusCode, `${label}: ${totals.body}`).toBe(200);
        const read = totals.json() as { count: number; receivable: string; payable: string; advance: string };
        expect(read.count, label).toBe(sums.count);
        expect(cents(read.receivable), label).toBe(sums.receivable);
        expect(cents(read.payable), label).toBe(sums.payable);
        expect(cents(read.advance), label).toBe(sums.advance);
        if (extra === '') expect(sums.count, label).toBeGreaterThan(0);
      }
    }
  });

  it('decides by the share of matches', async () => {
    const db = t.database.db.kysely;
    const context = await listContext(db, admin, { flags: {}, customFields: {}, q: 'martin' });
    expect(await walksSortIndex(db, context, 50, defaultSortedSearchTuning)).toBe(true);
    // With a walk of two rows per page row, the text would have to match every contact.
    expect(await walksSortIndex(db, context, 50, { plan: 'auto', filtersFirst: false, walkRowsPerPageRow: 2, walkRowsPerMatch: everyEngine(1) })).toBe(false);
    const none = await listContext(db, admin, { flags: {}, customFields: {}, q: 'introuvable' });
    expect(await walksSortIndex(db, none, 50, defaultSortedSearchTuning)).toBe(false);
  });

  it('decides filters first by counts', async () => {
    const db = t.database.db.kysely;
    const decide = async (actor: ContactActor, filters: Partial<ContactFilters>, tuning = defaultSortedSearchTuning) => {
      const all: ContactFilters = { flags: {}, customFields: {}, ...filters };
      return readsFiltersFirst(db, actor, all, await listContext(db, actor, all), tuning);
    };
    const totalOf = async (query: string) => {
      const totals = await t.api('GET', `/api/v1/contacts/totals?${query}`);
      expect(totals.statusCode, totals.body).toBe(200);
      return (totals.json() as { count: number }).count;
    };
    const matchesOf = async (q: string) => countMatches(db, await listContext(db, admin, { flags: {}, customFields: {}, q }), 1000);

    // The inactive contacts are few beside the matches of `mar`, the active customers many beside those of
    // `martin anne`. The business has fewer contacts than the sample, so the sample counts them all.
    const inactive = await totalOf('status=inactive');
    expect(inactive).toBeGreaterThan(0);
    expect(inactive * FILTERED_CONTACT_COST).toBeLessThan(await matchesOf('mar'));
    expect(await decide(admin, { q: 'mar', status: 'inactive' })).toBe(true);
    expect(await totalOf('type=customer&status=active')).toBeGreaterThanOrEqual(await matchesOf('martin anne'));
    expect(await decide(admin, { q: 'martin anne', type: 'customer' })).toBe(false);

    // Without a filter an index reads, the filters are not counted: the visibility rule alone keeps few contacts.
    expect(await decide(ownUser, { q: 'mar' })).toBe(false);
    expect(await decide(admin, { q: 'mar', customFields: { custom1: 'x' } })).toBe(false);
    // A text that matches nothing reads nothing from the matches.
    expect(await decide(admin, { q: 'introuvable', status: 'inactive' })).toBe(false);
    // Forced plans and the comparison setting.
    expect(await decide(admin, { q: 'mar', status: 'inactive' }, matchesPlan)).toBe(false);
    expect(await decide(admin, { q: 'mar', status: 'inactive' }, walkPlan)).toBe(false);
    expect(await decide(admin, { q: 'mar', status: 'inactive' }, { ...defaultSortedSearchTuning, filtersFirst: false })).toBe(false);
    expect(await decide(admin, { q: 'martin anne', type: 'customer' }, filtersPlan)).toBe(true);
    const forced = await listContext(db, admin, { flags: {}, customFields: {}, q: 'martin' });
    expect(await walksSortIndex(db, forced, 50, filtersPlan)).toBe(false);
  });

  it('filter sample counts kept rows', async () => {
    const db = t.database.db.kysely;
    const all: ContactFilters = { flags: {}, customFields: {}, q: 'mar', status: 'inactive' };
    const sample = await sampleFilteredContacts(db, admin, all, await listContext(db, admin, all));
    // The business has fewer contacts than the sample, so the sample is every contact and every inactive one.
    expect(sample.rows).toBe(48);
    const totals = await t.api('GET', '/api/v1/contacts/totals?status=inactive');
    expect(totals.statusCode, totals.body).toBe(200);
    expect(sample.kept).toBe((totals.json() as { count: number }).count);

    const own = await sampleFilteredContacts(db, ownUser, { ...all, status: 'active' }, await listContext(db, ownUser, all));
    expect(own.rows).toBe(48);
    expect(own.kept).toBeLessThan(30);
    expect(own.kept).toBeGreaterThan(0);
  });

  /** Runs `readWalkedPage` with `fakeWalk` in place of the walk. Returns the rows read and the steps taken. */
  async function readWithFakeWalk(
    tuning: SortedSearchTuning,
    searchAlone: boolean,
    fakeWalk: (step: number) => string[],
    sort: SortSpec = { field: 'name', order: 'asc' },
  ) {
    const db = t.database.db.kysely;
    const pageParams = params('martin', {}, sort, 4);
    const context = await listContext(db, admin, pageParams.filters);
    const steps: { cursor: string | undefined; walkRows: number; pageRows: number }[] = [];
    let walked = 0;
    const read = await readWalkedPage(db, context, sort, pageParams, tuning, searchAlone, async (cursor, walkRows, pageRows) => {
      steps.push({ cursor, walkRows, pageRows });
      const rows: (WalkedRow & { id: string })[] = fakeWalk(steps.length - 1).map((id) => ({ id, past_bound: 0 }));
      walked += walkRows;
      if (rows.length >= pageRows) return rows;
      // Like the real walk, a step that leaves room in the page also returns the last row within its bound.
      const last = await nthRow(walked, sort);
      return last ? [...rows, { ...last, past_bound: 1 }] : rows;
    });
    const matches = await countMatches(db, context, 1000);
    return { read: read?.map((row) => row.id) ?? null, steps, walkRows: steps.map((step) => step.walkRows), matches };
  }

  /**
   * Finds the contact at 1-based position `rows` among contacts of every status, in `sort` order.
   * Returns null past the last contact.
   */
  async function nthRow(rows: number, sort: SortSpec): Promise<{ id: string } | null> {
    const everyContact: ContactListParams = {
      filters: { flags: {}, customFields: {}, includeInactive: true }, sort, relevanceOrder: 'asc', limit: rows, fields: ['id'],
    };
    const read = (await listContactRows(t.database.db.kysely, admin, everyContact)).rows as unknown as { id: string }[];
    return read.length === rows ? (read[rows - 1] as { id: string }) : null;
  }

  /** Returns the cursor after the first `rows` contacts of every status in `sort` order. */
  async function cursorAfter(rows: number, sort: SortSpec): Promise<string | null> {
    const everyContact: ContactListParams = {
      filters: { flags: {}, customFields: {}, includeInactive: true }, sort, relevanceOrder: 'asc', limit: rows, fields: ['id'],
    };
    return (await listContactRows(t.database.db.kysely, admin, everyContact)).nextCursor;
  }

  // This gives a page of 4 a bound of 10 rows, so the first step reads 1 row.
  const stepTuning: SortedSearchTuning = { plan: 'auto', filtersFirst: false, walkRowsPerPageRow: 2, walkRowsPerMatch: everyEngine(1) };
  const page = ['a', 'b', 'c', 'd', 'e'];

  it('search alone passes empty stretch', async () => {
    for (const searchAlone of [true, false]) {
      const { read, walkRows, matches } = await readWithFakeWalk(stepTuning, searchAlone, (step) => (step === 0 ? [] : page));
      expect(matches, String(searchAlone)).toBeGreaterThan(11);
      expect(walkRows, String(searchAlone)).toEqual(searchAlone ? [1, 10] : [1]);
      expect(read, String(searchAlone)).toEqual(searchAlone ? page : null);
    }
  });

  it('walk steps exceed fixed bound', async () => {
    for (const order of ['asc', 'desc'] as const) {
      const sort: SortSpec = { field: 'name', order };
      const { read, steps, matches } = await readWithFakeWalk(stepTuning, true, (step) => (step < 2 ? [] : page), sort);
      expect(read, order).toEqual(page);
      expect(steps.map((step) => step.walkRows), order).toEqual([1, 10, Math.min(100, matches - 11)]);
      // Each step goes on after the last row of the one before.
      expect(steps.map((step) => step.cursor), order).toEqual([undefined, await cursorAfter(1, sort), await cursorAfter(11, sort)]);
      expect(steps.map((step) => step.pageRows), order).toEqual([5, 5, 5]);

      const bounded = await readWithFakeWalk({ ...stepTuning, walkRowsPerMatch: null }, true, (step) => (step < 2 ? [] : page), sort);
      expect(bounded.walkRows, order).toEqual([1, 9]);
      expect(bounded.read, order).toBeNull();
    }
  });

  it('walk steps request remaining rows', async () => {
    const rowsByStep = [['a'], ['b', 'c'], ['d', 'e']];
    const { read, steps } = await readWithFakeWalk(stepTuning, true, (step) => rowsByStep[step] ?? []);
    expect(read).toEqual(page);
    expect(steps.map((step) => step.pageRows)).toEqual([5, 4, 2]);
  });

  it('walk stops at its budget', async () => {
    const halfTuning: SortedSearchTuning = { ...stepTuning, walkRowsPerMatch: everyEngine(0.5) };
    const { read, walkRows, matches } = await readWithFakeWalk(halfTuning, true, () => []);
    expect(read).toBeNull();
    expect(walkRows.slice(0, 2)).toEqual([1, 10]);
    expect(walkRows.reduce((sum, rows) => sum + rows, 0)).toBe(Math.floor(matches * 0.5));
  });

  it('filtered walk stops by its share', async () => {
    // The first step reads 10 rows. The fake walk keeps some of them, whatever the search matches among them.
    const firstStepOfTen: SortedSearchTuning = { plan: 'auto', filtersFirst: false, walkRowsPerPageRow: 20, walkRowsPerMatch: everyEngine(1000) };
    const keepFour = (step: number) => (step === 0 ? ['a', 'b', 'c', 'd'] : []);
    const large = await readWithFakeWalk(firstStepOfTen, false, keepFour);
    expect(large.read).toEqual(['a', 'b', 'c', 'd']);
    // The walk goes on to the end of the 48 contacts.
    expect(large.walkRows).toEqual([10, 100]);

    // With a budget below one row per 10 matches, the last row of the page would need more rows than that.
    const small = await readWithFakeWalk({ ...firstStepOfTen, walkRowsPerMatch: everyEngine(0.1) }, false, keepFour);
    expect(small.read).toBeNull();
    expect(small.walkRows).toEqual([10]);

    // One kept row is too few to estimate a share.
    const one = await readWithFakeWalk(firstStepOfTen, false, (step) => (step === 0 ? ['a'] : []));
    expect(one.read).toBeNull();
    expect(one.walkRows).toEqual([10]);
  });

  it('counts give the share without filters', async () => {
    const db = t.database.db.kysely;
    const shareOf = async (actor: ContactActor, filters: Partial<ContactFilters>) => {
      const all: ContactFilters = { flags: {}, customFields: {}, ...filters };
      return countGivesShare(actor, all, await listContext(db, actor, all));
    };
    expect(await shareOf(admin, { q: 'martin' })).toBe(true);
    expect(await shareOf(admin, { q: 'martin', status: 'active' })).toBe(true);
    expect(await shareOf(admin, { q: 'martin', type: 'supplier' })).toBe(false);
    expect(await shareOf(admin, { q: 'martin', includeInactive: true })).toBe(false);
    expect(await shareOf(admin, { q: 'martin', flags: { overdue: true } })).toBe(false);
    expect(await shareOf(admin, { q: 'martin', customFields: { custom1: 'x' } })).toBe(false);
    expect(await shareOf(ownUser, { q: 'martin' })).toBe(false);
    expect(await shareOf(admin, {})).toBe(false);
    // PostgreSQL counts the longest word only, which can overstate the matches of two words.
    expect(await shareOf(admin, { q: 'martin anne' })).toBe(engine === 'sqlite');
  });

  /** Returns the plan of the walk of `q` in `sort` order, after the first page when `withCursor`, as text. */
  async function walkPlanText(q: string, sort: SortSpec, withCursor: boolean): Promise<string> {
    const db = t.database.db.kysely;
    let cursor: string | undefined;
    if (withCursor) {
      const first = await listContactRows(db, admin, params(q, {}, sort, 2), undefined, walkPlan);
      expect(first.nextCursor).toBeTruthy();
      cursor = first.nextCursor as string;
    }
    const pageParams = params(q, {}, sort, 50, cursor);
    const context = await listContext(db, admin, pageParams.filters);
    const compiled = walkPageQuery(db, admin, pageParams, context, sort, ['contacts.id'], 5100).compile();
    if (engine === 'sqlite') {
      const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return JSON.stringify(plan.rows);
    }
    // On a table this small a sequential scan and a sort would win, so the plan is read with them turned off:
    // it then shows whether the walk can read the sort's index in order.
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      const plan = await trx.executeQuery(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
      return JSON.stringify(plan.rows);
    });
  }

  it.runIf(engine === 'sqlite')('walk plan reads the sort index', async () => {
    for (const field of sortFields) {
      for (const order of ['asc', 'desc'] as const) {
        for (const withCursor of [false, true]) {
          const plan = await walkPlanText('martin anne', { field, order }, withCursor);
          const label = `${field} ${order}${withCursor ? ' after a cursor' : ''}: ${plan}`;
          const details = (JSON.parse(plan) as { detail: string }[]).map((row) => row.detail);
          expect(details, label).toContainEqual(expect.stringMatching(new RegExp(`^SEARCH contacts USING (COVERING )?INDEX ${sortIndexes[field]} `)));
          expect(plan, label).not.toContain('TEMP B-TREE');
          expect(details, label).not.toContain('SCAN contacts');
          // Only the walk and its read of the last row within its bound use an index over the whole business.
          // Each exact key is read from its own index.
          const wholeBusiness = details.filter((detail) => /^SEARCH contacts USING .*\(business_id=\?\)$/.test(detail));
          expect(wholeBusiness.length, label).toBeLessThanOrEqual(2);
          for (const detail of wholeBusiness) expect(detail, label).toContain(`INDEX ${sortIndexes[field]} `);
          // Each FTS5 query runs once, as the list of an IN, not once per row.
          expect(plan, label).toContain('LIST SUBQUERY');
          expect(plan, label).not.toContain('CORRELATED LIST SUBQUERY');
        }
      }
    }
  });

  it.runIf(engine === 'sqlite')('filters-first plan sorts filtered rows', async () => {
    const db = t.database.db.kysely;
    const filters: ContactFilters = { flags: {}, customFields: {}, q: 'martin', birthdayFrom: '12-20', birthdayTo: '01-10' };
    for (const field of sortFields) {
      for (const order of ['asc', 'desc'] as const) {
        const sort: SortSpec = { field, order };
        const firstRow = { id: '00000000-0000-7000-8000-000000000000', sort_name: 'a', code: 'A', balance: 0, created_at: '2026-01-01T00:00:00.000Z', last_activity_on: '' };
        const pageParams: ContactListParams = { filters, sort, relevanceOrder: 'asc', limit: 50, fields: null, cursor: encodeSortCursor(sort, firstRow) };
        const context = await listContext(db, admin, filters);
        const compiled = filtersFirstPageQuery(db, admin, pageParams, context, sort, ['contacts.id']).compile();
        const plan = await db.executeQuery(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
        const details = (plan.rows as { detail: string }[]).map((row) => row.detail);
        const label = `${field} ${order}: ${JSON.stringify(details)}`;
        // The rows come from the birthday index and are sorted, rather than read in order from the sort's index.
        expect(details, label).toContainEqual(expect.stringMatching(/^SEARCH contacts USING INDEX contacts_birthday /));
        expect(details, label).toContain('USE TEMP B-TREE FOR ORDER BY');
        expect(details, label).not.toContain('SCAN contacts');
        // The sort's index may serve an exact key of the search (a code), never a range of the business.
        const sortIndexReads = details.filter((detail) => detail.includes(`INDEX ${sortIndexes[field]} `));
        for (const detail of sortIndexReads) expect(detail, label).toMatch(/\(business_id=\? AND \w+=\?\)$/);
      }
    }
  });

  /** Returns the nodes of a PostgreSQL JSON plan, each with its node type and index name. */
  function planNodes(planText: string): { type: string; index?: string }[] {
    const nodes: { type: string; index?: string }[] = [];
    const visit = (node: Record<string, unknown>) => {
      const index = typeof node['Index Name'] === 'string' ? node['Index Name'] : undefined;
      nodes.push({ type: String(node['Node Type']), ...(index ? { index } : {}) });
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
    };
    visit(JSON.parse(planText)[0]['QUERY PLAN'][0].Plan);
    return nodes;
  }

  it.runIf(engine === 'postgres')('walk plan reads the sort index', async () => {
    for (const field of sortFields) {
      for (const order of ['asc', 'desc'] as const) {
        for (const withCursor of [false, true]) {
          const plan = await walkPlanText('martin anne', { field, order }, withCursor);
          const label = `${field} ${order}${withCursor ? ' after a cursor' : ''}: ${plan}`;
          const nodes = planNodes(plan);
          const indexes = nodes.flatMap((node) => (node.index ? [node.index] : []));
          expect(indexes, label).toContain(sortIndexes[field]);
          expect(nodes.map((node) => node.type), label).not.toContain('Sort');
          expect(nodes.map((node) => node.type), label).not.toContain('Hash');
          // One lookup per search word and row, in the index on (contact_id, word).
          expect(indexes.filter((index) => index === contactWordCheckIndex), label).toHaveLength(2);
        }
      }
    }
  });
  // Runs last, because it adds, changes and deletes contacts that the other tests count.
  it('filters-first pages follow changed rows', async () => {
    const db = t.database.db.kysely;
    const sorts: SortSpec[] = [
      { field: 'name', order: 'asc' }, { field: 'name', order: 'desc' }, { field: 'balance', order: 'desc' },
      { field: 'createdAt', order: 'desc' }, { field: 'code', order: 'asc' },
    ];
    for (const [round, sort] of sorts.entries()) {
      const label = `${sort.field} ${sort.order}`;
      let cursor: string | undefined;
      let pages = 0;
      let added = '';
      for (;;) {
        if (pages === 1) added = await changeSuppliers(round, cursor as string);
        if (pages === 2) {
          const deleted = await t.api('DELETE', `/api/v1/contacts/${added}`);
          expect(deleted.statusCode, deleted.body).toBe(204);
        }
        const pageParams = params('martin', { type: 'supplier' }, sort, 2, cursor);
        const read = await listContactRows(db, admin, pageParams, undefined, filtersPlan);
        const expected = await listContactRows(db, admin, pageParams, undefined, matchesPlan);
        expect(read.rows.map((row) => row.id), `${label}, page ${pages}`).toEqual(expected.rows.map((row) => row.id));
        expect(read.nextCursor, `${label}, page ${pages}`).toBe(expected.nextCursor);
        pages += 1;
        if (!read.nextCursor) break;
        cursor = read.nextCursor;
        expect(pages, label).toBeLessThan(40);
      }
      expect(pages, label).toBeGreaterThan(3);
    }

    /**
     * After the first page: adds a matching supplier, renames a matching supplier not yet listed to sort first
     * and another to sort last, and deactivates one. Returns the id of a second added supplier, without history,
     * which the next page deletes.
     */
    async function changeSuppliers(round: number, after: string): Promise<string> {
      const created = await t.api('POST', '/api/v1/contacts', {
        type: 'supplier', kind: 'individual', firstName: `Aaron${round}`, lastName: 'Martin', mobile: `06 52 00 00 ${String(round).padStart(2, '0')}`,
        openingBalance: '7.00', openingBalanceDate: today,
      });
      expect(created.statusCode, created.body).toBe(201);
      const rest = await listContactRows(db, admin, params('martin', { type: 'supplier' }, sorts[round] as SortSpec, 50, after), undefined, matchesPlan);
      const ids = rest.rows.map((row) => row.id);
      expect(ids.length).toBeGreaterThan(4);
      const changes: [string, Record<string, unknown>][] = [
        [ids[0] as string, { firstName: 'Aaa', lastName: 'Martin' }],
        [ids[1] as string, { firstName: 'Zzz', lastName: 'Martin' }],
      ];
      for (const [id, body] of changes) {
        const changed = await t.api('PATCH', `/api/v1/contacts/${id}`, body);
        expect(changed.statusCode, changed.body).toBe(200);
      }
      const deactivated = await t.api('POST', `/api/v1/contacts/${ids[2] as string}/deactivate`);
      expect(deactivated.statusCode, deactivated.body).toBe(200);
      const later = await t.api('POST', '/api/v1/contacts', {
        type: 'supplier', kind: 'individual', firstName: `Bernard${round}`, lastName: 'Martin', mobile: `06 53 00 00 ${String(round).padStart(2, '0')}`,
      });
      expect(later.statusCode, later.body).toBe(201);
      return (later.json() as { id: string }).id;
    }
  });
});
