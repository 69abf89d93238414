/**
 * Imports left `running` by a process that stopped: each is marked
 * `interrupted` when it is read or listed, or before another import
 * starts, and can be started again. The process that runs an import is
 * recorded on its row, and on PostgreSQL it keeps a heartbeat there. These
 * tests write such rows as another process would have left them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAuth } from '../../src/auth/context.ts';
import { migrate } from '../../src/db/migrate.ts';
import { newId, nowIso } from '../../src/shared/ids.ts';
import { beginCommit } from '../../src/transfer/import/commit-import.ts';
import { leftBehindReason, markInterruptedImports } from '../../src/transfer/import/interrupted-runs.ts';
import { type Runner, STALE_SECONDS_VARIABLE, thisRunner } from '../../src/transfer/import/runner.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/databases.ts';
import { createOldDatabase } from '../helpers/old-database.ts';
import { multipart } from '../helpers/transfer-files.ts';

/** Starts a process that exits at once and resolves with its pid once it has. */
async function pidOfEndedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

/** Reads the start time of a Linux process (field 22 of /proc/PID/stat), as the runner records it. */
function startTicksOf(pid: number): string | null {
  if (thisRunner.startTicks === null) return null;
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

/** Describes a runner on this machine other than this process. */
function localRunner(pid: number, startTicks: string | null): Runner {
  return { ...thisRunner, id: newId(), pid, startTicks };
}

const rows = (count: number) =>
  Array.from({ length: count }, (_, index) => `Client ${index};06${String(40_000_000 + index)}`).join('\n');

describe.each(engines)('interrupted imports on %s', (engine) => {
  let t: TestApp;
  let sleeper: ChildProcess;
  beforeAll(async () => {
    t = await createTestApp(engine);
    sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  });
  afterAll(async () => {
    sleeper?.kill();
    await t?.close();
  });

  /** Creates a business for one test, so that no other import of it runs. */
  async function shop() {
    const { business, token } = await t.addBusiness(`Boutique ${Math.random().toString(36).slice(2, 8)}`);
    const db = t.database.db.kysely;
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'en', ...headers },
        ...(payload === undefined ? {} : { payload: payload as string }),
      });
    const upload = (text: string, options: Record<string, unknown> = {}) => {
      const body = multipart(Buffer.from(text, 'utf8'), 'contacts.csv', options);
      return call('POST', '/api/v1/imports', body.payload, body.headers);
    };
    /** Previews a file, then leaves the import as a run of `runner` would: running, heartbeat `secondsAgo` ago. */
    const leftRunning = async (runner: Runner | null, options: { secondsAgo?: number; preview?: boolean } = {}) => {
      const preview = await upload(`Nom;Mobile\n${rows(2)}\n`, { dryRun: true });
      expect(preview.statusCode, preview.body).toBe(201);
      const id = preview.json().id as string;
      const beat = new Date(Date.now() - (options.secondsAgo ?? 0) * 1000).toISOString();
      await db
        .updateTable('imports')
        .set({
          status: 'running',
          runner: runner ? JSON.stringify(runner) : null,
          heartbeat_at: runner ? beat : null,
          updated_at: beat,
          ...(options.preview ? {} : { options: JSON.stringify({ ...preview.json().options, dryRun: false }) }),
        })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const status = async (id: string) => (await call('GET', `/api/v1/imports/${id}`)).json().status as string;
    const count = async () =>
      (await db.selectFrom('contacts').select('id').where('business_id', '=', business.businessId).execute()).length;
    const actor = async () => {
      const auth = await resolveAuth(db, { headers: { authorization: `Bearer ${token}` }, cookies: {} } as never);
      if (!auth) throw new Error('the token signs no one in');
      return auth;
    };
    return { business, call, upload, leftRunning, status, count, actor, db };
  }

  it('stopped process leaves the import interrupted', async () => {
    const s = await shop();
    const id = await s.leftRunning(localRunner(await pidOfEndedProcess(), '1'));
    const read = await s.call('GET', `/api/v1/imports/${id}`);
    expect(read.json().status).toBe('interrupted');
    expect(read.json().message).toBe(
      'Import interrupted: the server running it stopped before the end (a restart or a crash). Nothing was saved: start the import again.',
    );
    expect(await s.count()).toBe(0);

    const again = await s.call('POST', `/api/v1/imports/${id}/commit`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('committed');
    expect(await s.count()).toBe(2);
  });

  it('another import starts at once', async () => {
    const s = await shop();
    const id = await s.leftRunning(localRunner(await pidOfEndedProcess(), '1'));
    const next = await s.upload('Nom;Mobile\nSuivant;0600003001\n');
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json().status).toBe('committed');
    const list = await s.call('GET', '/api/v1/imports');
    const listed = list.json().items.find((item: { id: string }) => item.id === id);
    expect(listed.status).toBe('interrupted');
  });

  it('list marks the stopped runs', async () => {
    const s = await shop();
    const id = await s.leftRunning(localRunner(await pidOfEndedProcess(), null));
    const list = await s.call('GET', '/api/v1/imports');
    expect(list.json().items.map((item: { status: string }) => item.status)).toEqual(['interrupted']);
    const row = await s.db.selectFrom('imports').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('interrupted');
  });

  it('running process keeps its import', async () => {
    const s = await shop();
    const pid = sleeper.pid as number;
    const id = await s.leftRunning(localRunner(pid, startTicksOf(pid)));
    expect(await s.status(id)).toBe('running');
    const busy = await s.upload('Nom;Mobile\nSuivant;0600003101\n');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('import_busy');
  });

  it('reused pid is not the runner', async () => {
    const s = await shop();
    const pid = sleeper.pid as number;
    const id = await s.leftRunning(localRunner(pid, '1'));
    expect(await s.status(id)).toBe(thisRunner.startTicks === null ? 'running' : 'interrupted');
  });

  it('late heartbeat interrupts on PostgreSQL only', async () => {
    const s = await shop();
    const pid = sleeper.pid as number;
    const id = await s.leftRunning(localRunner(pid, startTicksOf(pid)), { secondsAgo: 120 });
    expect(await s.status(id)).toBe(engine === 'postgres' ? 'interrupted' : 'running');
  });

  it('runner of another machine', async () => {
    const s = await shop();
    const other = await shop();
    const elsewhere: Runner = { ...thisRunner, id: newId(), host: 'caisse-2', boot: newId(), pid: 4242 };
    const fresh = await s.leftRunning(elsewhere);
    const late = await other.leftRunning(elsewhere, { secondsAgo: 120 });
    // A SQLite file is shared by the processes of one machine only.
    expect(await s.status(fresh)).toBe(engine === 'postgres' ? 'running' : 'interrupted');
    expect(await other.status(late)).toBe('interrupted');
  });

  it('row without runner uses its last change', async () => {
    const s = await shop();
    const other = await shop();
    const fresh = await s.leftRunning(null);
    const late = await other.leftRunning(null, { secondsAgo: 120 });
    expect(await s.status(fresh)).toBe('running');
    expect(await other.status(late)).toBe('interrupted');
  });

  it('interrupted preview needs its file again', async () => {
    const s = await shop();
    const id = await s.leftRunning(localRunner(await pidOfEndedProcess(), '1'), { preview: true });
    const read = await s.call('GET', `/api/v1/imports/${id}`);
    expect(read.json().status).toBe('interrupted');
    expect(read.json().message).toBe('Preview interrupted: the server preparing it stopped before the end. Nothing was saved: send the file again.');
    const row = await s.db.selectFrom('imports').select('file_data').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.file_data).toBeNull();
    const commit = await s.call('POST', `/api/v1/imports/${id}/commit`, {});
    expect(commit.statusCode).toBe(409);
    expect(commit.json().code).toBe('import_not_pending');
  });

  it('cancel of a stopped run', async () => {
    const s = await shop();
    const id = await s.leftRunning(localRunner(await pidOfEndedProcess(), '1'));
    const cancel = await s.call('POST', `/api/v1/imports/${id}/cancel`);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json()).toMatchObject({ code: 'import_not_running' });
    expect(cancel.json().detail).toContain('interrupted');
  });

  it.runIf(engine === 'postgres')('run marked interrupted meanwhile rolls back', async () => {
    const s = await shop();
    const preview = await s.upload(`Nom;Mobile\n${rows(200)}\n`, { dryRun: true });
    const id = preview.json().id as string;
    const { finished } = await beginCommit(t.database.db, await s.actor(), id, { locale: 'en' });
    // As another instance does when it takes the run for a stopped one.
    await s.db.updateTable('imports').set({ status: 'interrupted' }).where('id', '=', id).execute();
    await expect(finished).rejects.toMatchObject({ code: 'import_interrupted' });
    expect(await s.count()).toBe(0);
    expect(await s.status(id)).toBe('interrupted');
  });

  it.runIf(engine === 'postgres')('heartbeat refreshes a stalled run', async () => {
    const s = await shop();
    const preview = await s.upload(`Nom;Mobile\n${rows(20)}\n`, { dryRun: true });
    const id = preview.json().id as string;
    const previous = process.env[STALE_SECONDS_VARIABLE];
    process.env[STALE_SECONDS_VARIABLE] = '0.6';
    // Holds back every contact insert, as a slow import would be held.
    const blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table contacts in exclusive mode');
      const { finished } = await beginCommit(t.database.db, await s.actor(), id, { locale: 'en' });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const row = await s.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe('running');
      expect(Date.now() - Date.parse(row.heartbeat_at ?? '')).toBeLessThan(600);
      // Another machine's instance reads the row as a live run.
      const seenElsewhere = { ...row, runner: JSON.stringify({ ...thisRunner, id: newId(), boot: newId() }) };
      expect(leftBehindReason(seenElsewhere, 'postgres')).toBeNull();

      await blocker.query('commit');
      expect((await finished).status).toBe('committed');
      expect(await s.count()).toBe(20);
    } finally {
      await blocker.end();
      if (previous === undefined) delete process.env[STALE_SECONDS_VARIABLE];
      else process.env[STALE_SECONDS_VARIABLE] = previous;
    }
  });

  it.runIf(engine === 'postgres')('lost heartbeat aborts the run', async () => {
    const s = await shop();
    const preview = await s.upload(`Nom;Mobile\n${rows(20)}\n`, { dryRun: true });
    const id = preview.json().id as string;
    const previous = process.env[STALE_SECONDS_VARIABLE];
    process.env[STALE_SECONDS_VARIABLE] = '0.3';
    const blocker = new pg.Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table contacts in exclusive mode');
      const { finished } = await beginCommit(t.database.db, await s.actor(), id, { locale: 'en' });
      await s.db.updateTable('imports').set({ status: 'interrupted' }).where('id', '=', id).execute();
      // The heartbeat finds the row taken and cancels the run, which then waits only for the lock.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await blocker.query('commit');
      const record = await finished;
      expect(record.status).toBe('interrupted');
      expect(await s.count()).toBe(0);
    } finally {
      await blocker.end();
      if (previous === undefined) delete process.env[STALE_SECONDS_VARIABLE];
      else process.env[STALE_SECONDS_VARIABLE] = previous;
    }
  });
});

describe.each(engines)('import runner migration on %s', (engine) => {
  it('running rows written before it are marked by age', async () => {
    const { database, kysely, migrator, business: { businessId } } = await createOldDatabase(engine, '0015_contact_words', 'Avant migration');
    try {
      const oldRow = (id: string, updatedAt: string) => ({
        id, business_id: businessId, user_id: null, status: 'running', file_name: 'ancien.csv', file_size: 10,
        file_format: null, encoding: null, delimiter: null, header_line: null, options: '{}', columns: '[]',
        totals: '{}', errors: '{"errors":[],"truncated":false}', warnings: '[]', created_ids: '[]', updated_contacts: '[]',
        progress_done: 0, progress_total: null, cancel_requested: 0, file_data: null,
        created_at: updatedAt, updated_at: updatedAt, committed_at: null, undone_at: null,
      });
      const late = newId();
      const fresh = newId();
      await kysely.insertInto('imports').values([oldRow(late, new Date(Date.now() - 600_000).toISOString()), oldRow(fresh, nowIso())]).execute();

      const runs = await migrator.migrateTo('0016_import_runs');
      expect(runs.error).toBeUndefined();
      expect(runs.results?.map((result) => result.migrationName)).toEqual(['0016_import_runs']);
      expect(await markInterruptedImports(database.db, {})).toEqual([late]);
      const statuses = await kysely.selectFrom('imports').select(['id', 'status']).orderBy('id').execute();
      expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({ [late]: 'interrupted', [fresh]: 'running' });
    } finally {
      await database.drop();
    }
  });

  it('one running import per business remains', async () => {
    const { database, kysely, business: { businessId } } = await createOldDatabase(engine, '0018_tax_included_prices', 'Deux imports');
    try {
      const runningRow = (id: string, createdAt: string, options: string) => ({
        id, business_id: businessId, user_id: null, status: 'running', file_name: 'clients.csv', file_size: 10,
        file_format: null, encoding: null, delimiter: null, header_line: null, options, columns: '[]',
        totals: '{}', errors: '{"errors":[],"truncated":false}', warnings: '[]', created_ids: '[]', updated_contacts: '[]',
        progress_done: 0, progress_total: null, cancel_requested: 0, file_data: null,
        created_at: createdAt, updated_at: createdAt, committed_at: null, undone_at: null,
        runner: null, heartbeat_at: createdAt, undo_result: null,
      });
      const older = newId();
      const newer = newId();
      const preview = newId();
      await kysely.insertInto('imports').values([
        runningRow(older, new Date(Date.now() - 5_000).toISOString(), '{"dryRun":false}'),
        runningRow(newer, nowIso(), '{}'),
        runningRow(preview, nowIso(), '{"dryRun":true}'),
      ]).execute();

      expect((await migrate(database.db))[0]).toBe('0019_one_running_import');
      const statuses = await kysely.selectFrom('imports').select(['id', 'status']).execute();
      expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
        [older]: 'interrupted', [newer]: 'running', [preview]: 'running',
      });
    } finally {
      await database.drop();
    }
  });
});
