/**
 * Requests served while an import runs. The import writes its rows in one
 * transaction, and a gate keeps that transaction open after its first chunk
 * of contacts until the test opens the gate. A request that waited for the
 * transaction would get no response while the gate is closed, so each
 * test fails by timing out if reads or the cancel queue behind the import.
 */
import {
  type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryId, type QueryResult, RawNode,
  type RootOperationNode, type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

/** Rows of the imported file: several chunks, so that a cancel lands before the last one. */
const FILE_ROWS = 3000;

/**
 * Keeps the import's transaction open after its first chunk: the first
 * `release savepoint` after `close()`, which import-chunk.ts runs once a
 * chunk's contacts are inserted, waits until `open()`.
 */
class ChunkGate implements KyselyPlugin {
  private readonly held = new WeakSet<QueryId>();
  private armed = false;
  private release: () => void = () => undefined;
  private opened: Promise<void> = Promise.resolve();
  private signalReached: () => void = () => undefined;
  /** Resolves when a statement waits at the closed gate, run and with its transaction still open. */
  reached: Promise<void> = Promise.resolve();

  close(): void {
    this.armed = true;
    this.opened = new Promise((resolve) => {
      this.release = resolve;
    });
    this.reached = new Promise((resolve) => {
      this.signalReached = resolve;
    });
  }

  open(): void {
    this.armed = false;
    this.release();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (this.armed && RawNode.is(node) && node.sqlFragments.join('').startsWith('release savepoint')) {
      this.armed = false;
      this.held.add(args.queryId);
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.held.has(args.queryId)) {
      this.signalReached();
      await this.opened;
    }
    return args.result;
  }
}

const rows = (count: number) =>
  Array.from({ length: count }, (_, index) => `Client ${index};06${String(50_000_000 + index)}`).join('\n');

describe.each(engines)('requests during an import on %s', (engine) => {
  const gate = new ChunkGate();
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { plugin: gate });
  });
  afterAll(async () => {
    gate.open();
    await t?.close();
  });

  /** Creates a business for one test, and starts an import of FILE_ROWS contacts held at the gate. */
  async function startHeldImport() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const call = (method: 'GET' | 'POST', url: string) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
    const body = multipart(Buffer.from(`Nom;Mobile\n${rows(FILE_ROWS)}\n`, 'utf8'), 'contacts.csv', {});
    gate.close();
    const state = { ended: false };
    const importing = t.app
      .inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...body.headers },
        payload: body.payload,
      })
      .finally(() => {
        state.ended = true;
      });
    await gate.reached;
    const count = async () =>
      (await t.database.db.kysely.selectFrom('contacts').select('id').where('business_id', '=', business.businessId).execute()).length;
    return { call, importing, state, count };
  }

  it('contact list served mid-import', async () => {
    const run = await startHeldImport();

    const list = await run.call('GET', '/api/v1/contacts');
    expect(run.state.ended).toBe(false);
    expect(list.statusCode, list.body).toBe(200);
    // The import's rows are not committed yet.
    expect(list.json().items).toHaveLength(0);
    const imports = await run.call('GET', '/api/v1/imports');
    expect(run.state.ended).toBe(false);
    expect(imports.json().items[0].status).toBe('running');

    gate.open();
    const done = await run.importing;
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().status).toBe('committed');
    expect(done.json().totals.created).toBe(FILE_ROWS);
    expect(await run.count()).toBe(FILE_ROWS);
  });

  it('cancel mid-import rolls back', async () => {
    const run = await startHeldImport();
    const imports = await run.call('GET', '/api/v1/imports');
    const id = imports.json().items[0].id as string;

    const cancel = await run.call('POST', `/api/v1/imports/${id}/cancel`);
    expect(run.state.ended).toBe(false);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json().status).toBe('running');

    gate.open();
    const done = await run.importing;
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().status).toBe('cancelled');
    // It stopped after the chunk held at the gate, before the end of the file.
    expect(done.json().totals.rows).toBeLessThan(FILE_ROWS);
    expect(done.json().totals.created).toBe(0);
    expect(await run.count()).toBe(0);
    const read = await run.call('GET', `/api/v1/imports/${id}`);
    expect(read.json().status).toBe('cancelled');
  });
});
