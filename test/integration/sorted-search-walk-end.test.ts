/**
 * A walk of the sort index detects in its own statement whether it reached
 * the end of the list. Contacts deleted right after a walk must not make a
 * walk that stopped at its bound look like the end of the list.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listContactRows } from '../../src/contacts/search/list-rows.ts';
import type { SortedSearchTuning } from '../../src/contacts/search/sorted-search.ts';
import type { ContactActor } from '../../src/contacts/visibility.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';

/** Runs `after` once, when the first walk of the sort index has returned its rows and before the next statement. */
class AfterFirstWalk implements KyselyPlugin {
  readonly #walks = new Set<QueryId>();
  #done = false;

  constructor(private readonly after: () => Promise<void>) {}

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    // The walk is the query that joins the walked index rows to `contacts`.
    const text = JSON.stringify(node);
    if (text.includes('"walked"') && text.includes('"JoinNode"')) this.#walks.add(queryId);
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.#done && this.#walks.has(queryId)) {
      this.#done = true;
      await this.after();
    }
    return result;
  }
}

describe.each(engines)('sorted search walk end on %s', (engine) => {
  let t: TestApp;
  let admin: ContactActor;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = { businessId: t.business.businessId, userId: null, isAdmin: true, permissions: new Set() };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('deletions after walk keep the page', async () => {
    const create = async (businessName: string, mobile: string) => {
      const res = await t.api('POST', '/api/v1/contacts', { kind: 'business', businessName, mobile });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const skipped = [await create('Atelier Dupont', '06 11 22 33 01'), await create('Boulangerie Dupont', '06 11 22 33 02')];
    const match = await create('Cave Martin', '06 11 22 33 03');

    // A page of 1 row walks at most 20 index rows. The first step reads 2 rows, the two contacts that do not match.
    const tuning: SortedSearchTuning = { plan: 'walk', filtersFirst: false, walkRowsPerPageRow: 10, walkRowsPerMatch: null };
    const hook = new AfterFirstWalk(async () => {
      for (const id of skipped) {
        const res = await t.api('DELETE', `/api/v1/contacts/${id}`);
        expect(res.statusCode, res.body).toBe(204);
      }
    });
    const db = t.database.db.kysely.withPlugin(hook);
    const page = await listContactRows(db, admin, {
      filters: { flags: {}, customFields: {}, q: 'martin' },
      sort: { field: 'name', order: 'asc' },
      relevanceOrder: 'asc',
      limit: 1,
      fields: null,
    }, undefined, tuning);

    expect(page.rows.map((row) => row.id)).toEqual([match]);
    expect(page.nextCursor).toBeNull();
  });
});
