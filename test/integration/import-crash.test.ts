/**
 * Real `comptoir serve` processes running a long import. Killed with
 * SIGKILL in the middle, the import shows `interrupted` after a restart,
 * nothing of it is in the database, and another import starts at once.
 * Left running longer than the stale period, with its heartbeat, it is
 * still `running` for another process that reads the list.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from '../helpers/databases.ts';
import {
  ADMIN_PASSWORD,
  call,
  createToken,
  runComptoir,
  type ServerProcess,
  startServerProcess,
  waitUntil,
} from '../helpers/server-process.ts';

/** Enough rows that the run lasts far longer than the test waits, whatever the machine. */
const IMPORT_ROWS = 200_000;
const STALE_SECONDS = 1;

function bigFile(prefix: string): string {
  const lines = Array.from({ length: IMPORT_ROWS }, (_, index) => `${prefix}${index};Client;07${String(10_000_000 + index).padStart(8, '0')}`);
  return `Nom;Prénom;Mobile\n${lines.join('\n')}\n`;
}

interface StreamedRun {
  id: string;
  /** Rows done in the last progress line received. */
  done(): number;
  /** Closes the connection, which cancels the run if its process still runs. */
  abort(): void;
  /** Settles when the stream ends, for whatever reason. */
  ended: Promise<void>;
}

describe.each(engines)('import crash on %s', (engine) => {
  let database: TestDatabase;
  let server: ServerProcess;
  let token = '';
  const env: Record<string, string> = {};
  const adminEmail = `admin.importcrash.${engine}.${Date.now()}@example.fr`;

  const api = (method: string, path: string, body?: unknown) => call(server, token, method, path, body);
  /** Lists the latest import from another process, which takes a run as stopped after the same stale period. */
  const listImports = () =>
    runComptoir(['import', 'list', '--json', '--limit', '1'], { DATABASE_URL: database.url, COMPTOIR_IMPORT_STALE_SECONDS: String(STALE_SECONDS) });

  /** Starts an import of IMPORT_ROWS rows whose progress streams back, and resolves once it has done some rows. */
  async function streamImport(prefix: string): Promise<StreamedRun> {
    const form = new FormData();
    form.append('options', JSON.stringify({ dryRun: false }));
    form.append('file', new Blob([bigFile(prefix)]), `${prefix}.csv`);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
      body: form,
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    let done = 0;
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const ended = (async () => {
      let buffered = '';
      try {
        for (;;) {
          const { value, done: finished } = await reader.read();
          if (finished) return;
          buffered += value;
          const lines = buffered.split('\n');
          buffered = lines.pop() ?? '';
          for (const line of lines.filter(Boolean)) done = (JSON.parse(line) as { progress?: { done: number } }).progress?.done ?? done;
        }
      } catch {
        // The connection drops when the server is killed or the run is aborted.
      }
    })();
    await waitUntil(() => done > 0, 120_000, 'the import to read its first rows');
    const list = await listImports();
    const [running] = JSON.parse(list.stdout) as { id: string; status: string }[];
    expect(running?.status).toBe('running');
    return { id: running!.id, done: () => done, abort: () => controller.abort(), ended };
  }

  const importedCount = async (prefix: string) =>
    (await database.db.kysely.selectFrom('contacts').where('last_name', 'like', `${prefix}%`).select('id').execute()).length;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    Object.assign(env, {
      DATABASE_URL: database.url,
      COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64'),
      COMPTOIR_ADMIN_EMAIL: adminEmail,
      COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
      COMPTOIR_IMPORT_STALE_SECONDS: String(STALE_SECONDS),
    });
    server = await startServerProcess(env);
    token = await createToken(database.url, adminEmail);
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    await database?.drop();
  });

  it('killed import is interrupted after restart', async () => {
    const run = await streamImport('Tué');
    await server.kill('SIGKILL');
    await run.ended;
    server = await startServerProcess(env);

    const record = await api('GET', `/api/v1/imports/${run.id}`);
    expect(record.status).toBe(200);
    expect(record.body.status).toBe('interrupted');
    expect(record.body.message).toContain('Nothing was saved: start the import again.');
    expect(await importedCount('Tué')).toBe(0);
    // The restart marked it already, before any read of the import.
    const row = await database.db.kysely.selectFrom('imports').select('status').where('id', '=', run.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('interrupted');

    const form = new FormData();
    form.append('file', new Blob(['Nom;Mobile\nAprès;0611223344\n']), 'apres.csv');
    const next = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(next.status).toBe(201);
    expect(((await next.json()) as { status: string }).status).toBe('committed');

    const verify = await runComptoir(['verify'], { DATABASE_URL: database.url });
    expect(verify.stdout).toMatch(/no difference/);
  }, 240_000);

  it('long import stays running for others', async () => {
    const run = await streamImport('Long');
    const startedAt = Date.now();
    // Past three stale periods, another process still lists the run as running.
    await new Promise((resolve) => setTimeout(resolve, 3 * STALE_SECONDS * 1000));
    const list = await listImports();
    expect(list.code, list.stderr).toBe(0);
    const [listed] = JSON.parse(list.stdout) as { id: string; status: string }[];
    expect(listed?.id).toBe(run.id);
    expect(listed?.status).toBe('running');
    expect(Date.now() - startedAt).toBeGreaterThan(3 * STALE_SECONDS * 1000);
    expect(run.done()).toBeLessThan(IMPORT_ROWS);
    if (engine === 'postgres') {
      const row = await database.db.kysely.selectFrom('imports').select('heartbeat_at').where('id', '=', run.id).executeTakeFirstOrThrow();
      expect(Date.now() - Date.parse(row.heartbeat_at ?? '')).toBeLessThan(STALE_SECONDS * 1000);
    }

    run.abort();
    await run.ended;
    await waitUntil(async () => (await api('GET', `/api/v1/imports/${run.id}`)).body?.status === 'cancelled', 120_000, 'the run to roll back');
    expect(await importedCount('Long')).toBe(0);
  }, 240_000);
});
