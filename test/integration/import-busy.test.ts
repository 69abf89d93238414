/**
 * One running import per business, held by the database: two imports
 * started at the same instant both read "no import running", and only one
 * of them may go on. Each start below is delayed after its reads of the
 * imports table, so that both reads happen before either write. It is
 * delayed again after its insert of the running import, so that the other
 * start writes before the first begins its rows. A commit marks its import
 * running with an update, which is delayed the same way. Without these
 * delays a one-row import could end before the other start writes, which
 * is no overlap.
 */
import {
  type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryId, type QueryResult,
  type RootOperationNode, TableNode, type UnknownRow,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuth } from '../../src/auth/context.ts';
import { type Db, openDatabase } from '../../src/db/database.ts';
import { AppError } from '../../src/shared/errors.ts';
import { beginImport } from '../../src/transfer/import/start-import.ts';
import { importOptionsSchema } from '../../src/transfer/import/options.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

const READ_DELAY_MS = 300;

/** Delays the result of every SELECT, INSERT and UPDATE on `imports`. */
class SlowImportReads implements KyselyPlugin {
  private readonly slow = new WeakSet<QueryId>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'SelectQueryNode') {
      const from = node.from?.froms[0];
      if (from && TableNode.is(from) && from.table.identifier.name === 'imports') this.slow.add(args.queryId);
    }
    if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'imports') this.slow.add(args.queryId);
    if (node.kind === 'UpdateQueryNode' && node.table && TableNode.is(node.table) && node.table.table.identifier.name === 'imports') {
      this.slow.add(args.queryId);
    }
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.slow.has(args.queryId)) await new Promise((resolve) => setTimeout(resolve, READ_DELAY_MS));
    return args.result;
  }
}

const file = (name: string) => Buffer.from(`Nom;Mobile\n${name};06000031${String(name.length).padStart(2, '0')}\n`, 'utf8');

describe.each(engines)('concurrent import starts on %s', (engine) => {
  let t: TestApp;
  let first: Db;
  let second: Db;
  beforeAll(async () => {
    t = await createTestApp(engine, { plugin: new SlowImportReads() });
    first = { ...t.database.db, kysely: t.database.db.kysely.withPlugin(new SlowImportReads()) };
    const other = openDatabase(t.database.url);
    second = { ...other, kysely: other.kysely.withPlugin(new SlowImportReads()) };
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('two requests: one runs, one is busy', async () => {
    const { token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const upload = (name: string) => {
      const body = multipart(file(name), `${name}.csv`, {});
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...body.headers },
        payload: body.payload,
      });
    };
    const responses = await Promise.all([upload('Arnal'), upload('Besson')]);
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses, responses.map((response) => response.body).join('\n')).toEqual([201, 409]);
    const busy = responses.find((response) => response.statusCode === 409);
    expect(busy?.json().code).toBe('import_busy');
    expect(busy?.json().detail).toContain('Another import of this business is running');
  });

  it('two connections: one runs, one is busy', async () => {
    const { token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const auth = await resolveAuth(t.database.db.kysely, { headers: { authorization: `Bearer ${token}` }, cookies: {} } as never);
    if (!auth) throw new Error('the token signs no one in');
    const options = importOptionsSchema.parse({});
    const start = async (db: Db, name: string) => {
      const { finished } = await beginImport(db, auth, { fileName: `${name}.csv`, bytes: file(name), options, locale: 'en' });
      return finished;
    };
    const results = await Promise.allSettled([start(first, 'Carrel'), start(second, 'Dupuy')]);
    const done = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(AppError);
    expect((refused[0] as AppError).code).toBe('import_busy');
  });

  it('two commits: one runs, one is busy', async () => {
    const { token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const headers = { authorization: `Bearer ${token}`, 'accept-language': 'en' };
    const previewIds: string[] = [];
    for (const name of ['Garnier', 'Hamon']) {
      const body = multipart(file(name), `${name}.csv`, { dryRun: true });
      const preview = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...headers, ...body.headers }, payload: body.payload });
      expect(preview.statusCode, preview.body).toBe(201);
      previewIds.push(preview.json().id as string);
    }
    const commits = await Promise.all(previewIds.map((id) =>
      t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers, payload: {} })));
    const statuses = commits.map((response) => response.statusCode).sort();
    expect(statuses, commits.map((response) => response.body).join('\n')).toEqual([200, 409]);
    expect(commits.find((response) => response.statusCode === 409)?.json().code).toBe('import_busy');
  });

  it('previews still run side by side', async () => {
    const { token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const preview = (name: string) => {
      const body = multipart(file(name), `${name}.csv`, { dryRun: true });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { authorization: `Bearer ${token}`, ...body.headers },
        payload: body.payload,
      });
    };
    const responses = await Promise.all([preview('Etienne'), preview('Fabre')]);
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201]);
  });
});
