/**
 * Streamed imports over a real socket on 127.0.0.1: inject() closes no
 * connection, so only a listening server shows when Node reports the
 * request and the response as closed.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { multipart } from '../helpers/transfer-files.ts';

const NDJSON = 'application/x-ndjson';

interface StreamLine {
  progress?: { done: number; total: number | null };
  import?: { id: string; status: string; totals: { rows: number; created: number; invalid: number } };
  error?: { code: string; detail: string };
}

function csvOf(rows: number, start = 0): Buffer {
  const lines = Array.from({ length: rows }, (_, i) => `Client ${start + i};06${String(20_000_000 + start + i).padStart(8, '0')}`);
  return Buffer.from(`Nom;Mobile\n${lines.join('\n')}\n`, 'utf8');
}

async function readLines(response: Response): Promise<StreamLine[]> {
  const text = await response.text();
  return text.trim().split('\n').map((line) => JSON.parse(line) as StreamLine);
}

describe.each(engines)('streamed import over a socket on %s', (engine) => {
  let t: TestApp;
  let base = '';
  beforeAll(async () => {
    t = await createTestApp(engine);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(async () => {
    // After an aborted fetch, a connection that never carried a request can
    // stay open, and app.close() waits until Node's headers timeout closes it
    // (60 s by default, checked every 30 s). Every test is done, so close it now.
    t?.app.server.closeAllConnections();
    await t?.close();
  });

  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const headers = { authorization: `Bearer ${token}`, 'accept-language': 'fr', accept: NDJSON };
    const upload = (file: Buffer, options: unknown, signal?: AbortSignal) => {
      const body = multipart(file, 'clients.csv', options);
      return fetch(`${base}/imports`, { method: 'POST', headers: { ...headers, ...body.headers }, body: new Uint8Array(body.payload), signal });
    };
    const commit = (id: string, signal?: AbortSignal) =>
      fetch(`${base}/imports/${id}/commit`, {
        method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}', signal,
      });
    const count = async () => {
      const row = await t.database.db.kysely.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('business_id', '=', business.businessId).executeTakeFirstOrThrow();
      return Number(row.n);
    };
    const status = async (id: string) => {
      const row = await t.database.db.kysely.selectFrom('imports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      return row.status;
    };
    const lastImportId = async () => {
      const row = await t.database.db.kysely.selectFrom('imports').select('id')
        .where('business_id', '=', business.businessId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      return row.id;
    };
    return { upload, commit, count, status, lastImportId };
  }

  it('streamed preview ends with the import', async () => {
    const s = await shop();
    const response = await s.upload(csvOf(3), { dryRun: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(NDJSON);
    const lines = await readLines(response);
    expect(lines[0]?.progress).toEqual({ done: 0, total: null });
    const last = lines[lines.length - 1];
    expect(last?.import?.status).toBe('previewed');
    expect(last?.import?.totals.rows).toBe(3);
    expect(await s.count()).toBe(0);
  });

  it('streamed commit runs to the end', async () => {
    const s = await shop();
    const preview = await readLines(await s.upload(csvOf(40), { dryRun: true }));
    const id = preview[preview.length - 1]?.import?.id ?? '';
    const lines = await readLines(await s.commit(id));
    const last = lines[lines.length - 1];
    expect(last?.import?.status).toBe('committed');
    expect(last?.import?.totals.created).toBe(40);
    expect(await s.count()).toBe(40);
  });

  it('unreadable file streams its error', async () => {
    const s = await shop();
    const response = await s.upload(Buffer.from('PK\u0003\u0004 not a workbook', 'latin1'), { dryRun: true });
    const lines = await readLines(response);
    const last = lines[lines.length - 1];
    expect(last?.import).toBeUndefined();
    expect(last?.error?.code).toBeTruthy();
    expect(last?.error?.detail).toBeTruthy();
  });

  it('closed connection cancels the commit', { timeout: 180_000 }, async () => {
    const s = await shop();
    const preview = await readLines(await s.upload(csvOf(600), { dryRun: true }));
    const id = preview[preview.length - 1]?.import?.id ?? '';
    const controller = new AbortController();
    // The first progress line arrives as the import starts; closing then cancels it.
    await s.commit(id, controller.signal);
    controller.abort();
    let current = await s.status(id);
    for (let attempt = 0; attempt < 2000 && current === 'running'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      current = await s.status(id);
    }
    expect(current).toBe('cancelled');
    expect(await s.count()).toBe(0);
  });

  it('closed connection cancels the preview', { timeout: 180_000 }, async () => {
    const s = await shop();
    const controller = new AbortController();
    await s.upload(csvOf(2000), { dryRun: true }, controller.signal);
    controller.abort();
    const id = await s.lastImportId();
    let current = await s.status(id);
    for (let attempt = 0; attempt < 2000 && current === 'running'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      current = await s.status(id);
    }
    expect(current).toBe('cancelled');
  });
});
