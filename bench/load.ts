/**
 * Load test over real sockets. `comptoir serve` processes on a demo shop
 * take a mixed workload from autocannon (80 % searches and lists, 20 %
 * sales and payments). The same connections then call `/api/v1/health`,
 * which does one primary-key read and is the server's own ceiling. It runs one
 * instance on SQLite and two on one PostgreSQL database, each phase for
 * --seconds (default 300), and prints throughput, p50/p99 latency, errors
 * and each server's resident memory before and after. It exits 1 when any
 * request failed or got a response other than 2xx.
 *
 *   npm run bench:load -- [--seconds 300] [--connections 10] [--engines sqlite,postgres]
 */
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import type { Engine } from '../src/db/database.ts';
import { scratchDatabase } from './scratch-database.ts';

const bin = resolve(import.meta.dirname, '../bin/comptoir.js');
const EMAIL = 'charge@comptoir.test';
const PASSWORD = 'demo comptoir 2026';
const DEMO_CONTACTS = '500';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const seconds = Number(option('seconds', '300'));
const connections = Number(option('connections', '10'));
const engines = option('engines', 'sqlite,postgres').split(',');
if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`--seconds must be a positive integer, got ${option('seconds', '')}`);
if (!Number.isInteger(connections) || connections < 1) throw new Error(`--connections must be a positive integer, got ${option('connections', '')}`);

interface Instance {
  url: string;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Starts `comptoir serve` on a free port, logging warnings only, and waits for its health route. */
async function startInstance(databaseUrl: string): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', COMPTOIR_WEB_ROOT: '/nonexistent' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`comptoir serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return { url, child };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`comptoir serve did not respond on ${url} within 120 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

function residentMegabytes(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

function comptoir(args: string[], databaseUrl: string): string {
  return execFileSync(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
}

/**
 * Loads the demo shop and returns a bearer token and the ids of its
 * customers without a credit limit: a payment to a `both` contact needs a
 * direction, and sales beyond a limit are rightly refused with a 409.
 */
async function seed(databaseUrl: string, instance: Instance): Promise<{ token: string; contactIds: string[] }> {
  comptoir(['demo', '--email', EMAIL, '--password', PASSWORD, '--contacts', DEMO_CONTACTS], databaseUrl);
  const token = comptoir(['token', 'create', '--email', EMAIL, '--name', 'load test'], databaseUrl).trim();
  const contactIds: string[] = [];
  let cursor: string | null = null;
  do {
    const response = await fetch(`${instance.url}/api/v1/contacts?limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { items: { id: string; type: string; creditLimit: string | null }[]; nextCursor: string | null };
    const chosen = page.items.filter((item) => item.type === 'customer' && item.creditLimit === null);
    contactIds.push(...chosen.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { token, contactIds };
}

const searchWords = ['mar', 'dupont', 'bou', 'lyon', 'pet', 'ber', 'ca', 'dom'];
const sorts = ['name', 'balance', 'code', 'createdAt'];

/** Responses other than 2xx, counted by route and status, with the first body of each. */
const failures = new Map<string, { count: number; body: string }>();

function noteFailure(route: string, status: number, body: string): void {
  if (status >= 200 && status < 300) return;
  const key = `${route} ${status}`;
  const seen = failures.get(key) ?? { count: 0, body: body.slice(0, 300) };
  seen.count += 1;
  failures.set(key, seen);
}

/** Ten requests that each connection cycles through: eight reads, two writes. */
function mixedRequests(token: string, contactIds: string[]): autocannon.Request[] {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)] as T;
  const read = (path: () => string): autocannon.Request => ({
    method: 'GET',
    headers,
    setupRequest: (request) => ({ ...request, path: path() }),
    onResponse: (status, body) => noteFailure('GET', status, body),
  });
  const write = (path: string, body: () => unknown): autocannon.Request => ({
    method: 'POST',
    path,
    headers,
    setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }),
    onResponse: (status, responseBody) => noteFailure(`POST ${path}`, status, responseBody),
  });
  return [
    read(() => `/api/v1/contacts?q=${pick(searchWords)}&limit=25`),
    read(() => `/api/v1/contacts?sort=${pick(sorts)}&order=desc&limit=50`),
    read(() => `/api/v1/contacts/${pick(contactIds)}`),
    write('/api/v1/sales', () => ({
      contactId: pick(contactIds),
      date: '2026-03-02',
      status: 'final',
      lines: [{ description: 'Marchandises', quantity: 1, unitPrice: `${1 + Math.floor(Math.random() * 90)}.00` }],
    })),
    read(() => `/api/v1/contacts/${pick(contactIds)}/ledger?limit=50`),
    read(() => `/api/v1/contacts?q=${pick(searchWords)}&type=customer&limit=25`),
    read(() => '/api/v1/payments?limit=50'),
    write('/api/v1/payments', () => ({ contactId: pick(contactIds), amount: `${1 + Math.floor(Math.random() * 20)}.00`, method: 'cash', date: '2026-03-03' })),
    read(() => `/api/v1/contacts/${pick(contactIds)}/account`),
    read(() => '/api/v1/sales?limit=50'),
  ];
}

interface PhaseResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  /** Requests with no response within autocannon's timeout, counted in `errors` too. */
  timeouts: number;
  non2xx: number;
  total: number;
}

function runAutocannon(url: string, requests: autocannon.Request[] | undefined, path: string, token: string): Promise<PhaseResult> {
  return new Promise((done, fail) => {
    autocannon(
      {
        url: `${url}${path}`,
        connections,
        duration: seconds,
        headers: { authorization: `Bearer ${token}` },
        ...(requests ? { requests } : {}),
      },
      (error, result) => {
        if (error) return fail(error);
        done({
          requestsPerSecond: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          total: result.requests.total,
        });
      },
    );
  });
}

/** Runs one phase on every instance at once; throughput adds up, latency is per instance. */
async function phase(instances: Instance[], token: string, requests: autocannon.Request[] | undefined, path: string) {
  const results = await Promise.all(instances.map((instance) => runAutocannon(instance.url, requests, path, token)));
  return {
    requestsPerSecond: Math.round(results.reduce((sum, r) => sum + r.requestsPerSecond, 0)),
    p50: results.map((r) => r.p50).join(' / '),
    p99: results.map((r) => r.p99).join(' / '),
    errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    timeouts: results.reduce((sum, r) => sum + r.timeouts, 0),
    total: results.reduce((sum, r) => sum + r.total, 0),
  };
}

async function runEngine(engine: string): Promise<number> {
  const { url: databaseUrl, drop: cleanup } = await scratchDatabase(engine as Engine, 'comptoir_load');
  const count = engine === 'sqlite' ? 1 : 2;
  const instances: Instance[] = [];
  try {
    instances.push(await startInstance(databaseUrl));
    const { token, contactIds } = await seed(databaseUrl, instances[0] as Instance);
    while (instances.length < count) instances.push(await startInstance(databaseUrl));

    const memoryBefore = instances.map((instance) => residentMegabytes(instance.child));
    const mixed = await phase(instances, token, mixedRequests(token, contactIds), '/');
    const memoryAfter = instances.map((instance) => residentMegabytes(instance.child));
    const ceiling = await phase(instances, token, undefined, '/api/v1/health');

    console.log(`\n${engine}: ${count} instance(s), ${connections} connection(s) each, ${seconds} s per phase, ${contactIds.length} customers`);
    console.log('| workload | requests/s | p50 ms | p99 ms | errors | requests |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const [label, result] of [['mixed (80 % reads, 20 % writes)', mixed], ['/api/v1/health (ceiling)', ceiling]] as const) {
      console.log(`| ${label} | ${result.requestsPerSecond} | ${result.p50} | ${result.p99} | ${result.errors} | ${result.total} |`);
    }
    console.log(`mixed / ceiling throughput: ${(mixed.requestsPerSecond / ceiling.requestsPerSecond).toFixed(2)}`);
    console.log(`resident memory (MB) before / after the mixed phase: ${memoryBefore.join(', ')} / ${memoryAfter.join(', ')}`);
    for (const [key, seen] of failures) console.log(`failed: ${key} x${seen.count}: ${seen.body}`);
    for (const [label, result] of [['mixed', mixed], ['ceiling', ceiling]] as const) {
      if (result.timeouts > 0) console.log(`failed: ${label}, ${result.timeouts} request(s) without a response within 10 s`);
    }
    failures.clear();
    return mixed.errors + ceiling.errors;
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await new Promise((done) => setTimeout(done, 1000));
    await cleanup();
  }
}

let failed = 0;
for (const engine of engines) failed += await runEngine(engine);
if (failed > 0) {
  console.error(`${failed} request(s) failed or got a response other than 2xx`);
  process.exit(1);
}
