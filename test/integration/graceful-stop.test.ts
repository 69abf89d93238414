/**
 * Stops `comptoir serve` with SIGTERM under load. The requests it is
 * serving at that moment, and an import running after its 202 response,
 * must finish, the process must exit 0, and nothing may fail on a closed
 * database. With no grace period left, the running import is cancelled
 * whole instead and the process exits 1.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

const LISTED_CONTACTS = 1500;
const IMPORTED_CONTACTS = 1500;
const LONG_REQUESTS = 4;
const LOAD_WORKERS = 6;

/** Errors of a request whose connection was refused or reset before any response: the listener had closed. */
const connectionErrors = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

let mobiles = 20_000_000;

/**
 * Starts a POST whose JSON body arrives in two parts. The server counts the
 * request as in progress from its headers on, and `finish` sends the rest,
 * so the request lasts as long as the test needs, whatever the engine's speed.
 */
function slowPost(url: string, token: string, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const half = Math.floor(bytes.length / 2);
  const request = httpRequest(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(bytes.length) },
  });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
  });
  request.write(bytes.subarray(0, half));
  return { answer, finish: () => request.end(bytes.subarray(half)) };
}

/** Builds a CSV file of `count` contacts named `prefix` and a number, each with a mobile number no other file uses. */
function contactFile(prefix: string, count: number): Blob {
  const first = mobiles;
  mobiles += count;
  const lines = Array.from({ length: count }, (_, index) => `${prefix}${index};Client;07${String(first + index).padStart(8, '0')}`);
  return new Blob([`Nom;Prénom;Mobile\n${lines.join('\n')}\n`]);
}

describe.each(engines)('graceful stop on %s', (engine) => {
  let database: TestDatabase;
  let token = '';
  const adminEmail = `admin.stop.${engine}.${Date.now()}@example.fr`;
  const baseEnv = (): Record<string, string> => ({
    DATABASE_URL: database.url,
    COMPTOIR_SECRET_KEY: randomBytes(32).toString('base64'),
    COMPTOIR_ADMIN_EMAIL: adminEmail,
    COMPTOIR_ADMIN_PASSWORD: ADMIN_PASSWORD,
    COMPTOIR_JOBS_INTERVAL_SECONDS: '1',
  });

  /** Uploads a file of `count` new contacts as a preview and returns the import id. */
  async function preview(server: ServerProcess, prefix: string, count: number): Promise<string> {
    const form = new FormData();
    form.append('options', JSON.stringify({ dryRun: true }));
    form.append('file', contactFile(prefix, count), `${prefix}.csv`);
    const uploaded = await fetch(`${server.url}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const body = (await uploaded.json()) as { id: string; totals: { valid: number } };
    expect(uploaded.status, JSON.stringify(body)).toBe(201);
    expect(body.totals.valid).toBe(count);
    return body.id;
  }

  async function importedCount(prefix: string): Promise<number> {
    const rows = await database.db.kysely.selectFrom('contacts').where('last_name', 'like', `${prefix}%`).select('id').execute();
    return rows.length;
  }

  async function importStatus(id: string): Promise<string> {
    const row = await database.db.kysely.selectFrom('imports').where('id', '=', id).select('status').executeTakeFirstOrThrow();
    return row.status;
  }

  /** Waits for the process to end and returns its exit code. */
  async function exitCode(server: ServerProcess): Promise<number | null> {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      await new Promise((resolve) => server.child.once('exit', resolve));
    }
    return server.child.exitCode;
  }

  /** Log lines at level error (50) or above. */
  const errorLines = (server: ServerProcess) => server.output.filter((line) => /"level":(50|60)/.test(line));

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const server = await startServerProcess(baseEnv());
    try {
      token = await createToken(database.url, adminEmail);
      const id = await preview(server, 'Listé', LISTED_CONTACTS);
      const committed = await call(server, token, 'POST', `/api/v1/imports/${id}/commit`, { wait: true });
      expect(committed.status, committed.text).toBe(200);
    } finally {
      await server.kill('SIGTERM');
    }
  }, 240_000);

  /** Servers of the running test, killed after it if a failed check left one running. */
  const started: ServerProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startServerProcess(env);
    started.push(server);
    return server;
  };

  afterEach(async () => {
    for (const server of started.splice(0)) await server.kill('SIGKILL');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('requests in flight finish before exit', async () => {
    // A grace period longer than the import takes on a loaded machine.
    const server = await start({ ...baseEnv(), COMPTOIR_SHUTDOWN_GRACE_SECONDS: '180' });
    const contact = await call(server, token, 'POST', '/api/v1/contacts', { type: 'customer', kind: 'business', businessName: 'Client de l’arrêt', mobile: '06 70 80 90 12' });
    expect(contact.status, contact.text).toBe(201);
    const importId = await preview(server, 'Arrière-plan', IMPORTED_CONTACTS);

    // An import that runs after its 202 response.
    const background = await call(server, token, 'POST', `/api/v1/imports/${importId}/commit`, { wait: false });
    expect(background.status, background.text).toBe(202);

    // Exports of every contact, running or done by the signal, and contacts whose
    // bodies are still arriving: those are in progress until after the signal.
    const formats = ['pdf', 'xlsx'];
    const exports = formats.map(async (format) => {
      const response = await fetch(`${server.url}/api/v1/contacts/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
      return { format, status: response.status, body: Buffer.from(await response.arrayBuffer()) };
    });
    const slow = Array.from({ length: LONG_REQUESTS }, (_, index) =>
      slowPost(`${server.url}/api/v1/contacts`, token, {
        type: 'customer',
        kind: 'individual',
        firstName: 'Pendant',
        lastName: `Arrêt ${index}`,
        mobile: `06 71 00 00 ${String(10 + index)}`,
      }));
    // The /metrics request counts itself among the requests in progress.
    await waitUntil(async () => {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const match = /^comptoir_http_requests_in_progress (\d+)/m.exec(metrics);
      return Number(match?.[1] ?? 0) >= LONG_REQUESTS + 1;
    }, 60_000, 'the slow requests to be in progress');

    // Short requests from several clients, before and after the signal.
    const statuses: number[] = [];
    const failures: string[] = [];
    let stopLoad = false;
    const worker = async (workerIndex: number) => {
      for (let round = 0; !stopLoad; round += 1) {
        try {
          const answer = round % 4 === 0
            ? await call(server, token, 'POST', '/api/v1/payments', { contactId: contact.body.id, amount: '1.00', method: 'cash', date: '2024-04-02' }, { 'idempotency-key': `arret-${workerIndex}-${round}` })
            : await call(server, token, 'GET', '/api/v1/contacts?limit=20');
          statuses.push(answer.status);
          if (answer.status >= 300) failures.push(`${answer.status} ${answer.text.slice(0, 200)}`);
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
          if (!connectionErrors.has(code)) failures.push(code);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const workers = Array.from({ length: LOAD_WORKERS }, (_, index) => worker(index));
    await waitUntil(() => statuses.length >= 20, 60_000, 'the first short requests');

    server.child.kill('SIGTERM');
    // Give the server time to handle the signal before the slow bodies end.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const request of slow) request.finish();
    const code = await exitCode(server);
    stopLoad = true;
    await Promise.all(workers);
    const finished = await Promise.all(exports);
    const created = await Promise.all(slow.map((request) => request.answer));

    expect(code, server.output.slice(-20).join('\n')).toBe(0);
    for (const { format, status, body } of finished) {
      expect(status, format).toBe(200);
      if (format === 'pdf') expect(body.subarray(-16).toString('latin1'), 'the PDF ends whole').toContain('%%EOF');
      else expect(body.subarray(0, 2).toString('latin1'), 'the workbook is a zip').toBe('PK');
    }
    for (const answer of created) expect(answer.status, answer.text).toBe(201);
    expect(await importedCount('Arrêt')).toBe(LONG_REQUESTS);
    expect(failures).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);
    expect(await importStatus(importId)).toBe('committed');
    expect(await importedCount('Arrière-plan')).toBe(IMPORTED_CONTACTS);
    expect(errorLines(server)).toEqual([]);
    expect(server.output.join('\n')).not.toMatch(/destroyed/);

    const verify = await runComptoir(['verify'], { DATABASE_URL: database.url });
    expect(verify.stdout).toMatch(/no difference/);
    expect(verify.code).toBe(0);
  }, 240_000);

  it('grace period over cancels the import', async () => {
    const server = await start({ ...baseEnv(), COMPTOIR_SHUTDOWN_GRACE_SECONDS: '0' });
    const importId = await preview(server, 'Coupé', IMPORTED_CONTACTS);
    const background = await call(server, token, 'POST', `/api/v1/imports/${importId}/commit`, { wait: false });
    expect(background.status, background.text).toBe(202);

    server.child.kill('SIGTERM');
    const code = await exitCode(server);
    const status = await importStatus(importId);
    const imported = await importedCount('Coupé');
    if (status === 'committed') {
      // The import ended before the signal was handled: nothing was left to cancel.
      expect(imported).toBe(IMPORTED_CONTACTS);
      expect(code).toBe(0);
    } else {
      expect(status).toBe('cancelled');
      expect(imported).toBe(0);
      expect(code).toBe(1);
      expect(server.output.join('\n')).toMatch(/grace period over/);
    }
    expect(errorLines(server)).toEqual([]);
  }, 240_000);
});
