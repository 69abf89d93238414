/**
 * Contact search, list and totals at scale, through the HTTP API on a real
 * socket (127.0.0.1), each figure beside the single SQL statement that reads
 * the same response, run on the same database in the same run:
 *   - search by name prefix, by phone fragment and by code (the picker,
 *     GET /contacts/lookup): the raw statement is the one the route runs
 *     after the caller's, the UNION ALL of the exact-key and index
 *     candidates with the columns, group and points the picker shows;
 *   - a filtered page of 50 sorted by balance (GET /contacts), first and
 *     deeper pages by cursor, asking with `fields=` for what the web list
 *     shows with its default columns: the raw statement is the same keyset
 *     SELECT of exactly the columns those fields are built from;
 *   - the totals of a filter matching about half the contacts
 *     (GET /contacts/totals): the raw statement is the same COUNT and SUMs;
 *   - the floor: a route added to the server for this script that
 *     authenticates the caller and returns at once. Each API figure is this
 *     floor (HTTP, routing, the session statement) plus the work of its
 *     query. The raw statement is the session statement, and there is no
 *     target.
 * Each scenario also times a bare server: the statement, then one round trip
 * to a plain node:http server in a third process (bench/bare-server.ts) that returns as many
 * bytes as the API's response, with no framework, session or database. That
 * sum is the least any HTTP server can take for the response, and the API's
 * p95 is given against it too.
 * The server runs in a child process (bench/search-server.ts, which starts
 * it as `comptoir serve` does) and is called over one keep-alive connection
 * by node:http, while this process runs the raw statements. Raw and API runs
 * alternate, so both see the same cache state.
 *
 *   npx tsx bench/search.bench.ts [--engine sqlite|postgres] [--contacts 1000000] [--rounds 300]
 *     [--generate-only] [--profile-server DIR] [--only TEXT]
 *
 * --profile-server DIR writes a CPU profile of the server process into DIR
 * (node --cpu-prof) when it stops. --only TEXT runs the scenarios whose name
 * contains TEXT, such as `--only code`.
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import SQLite from 'better-sqlite3';
import { expressionBuilder } from 'kysely';
import pg from 'pg';
import { SESSION_COOKIE, sessionQuery } from '../src/auth/context.ts';
import { type ContactField, fieldColumns } from '../src/contacts/list-fields.ts';
import { type ContactFilters, filterConditions } from '../src/contacts/search/filters.ts';
import { lookupQuery } from '../src/contacts/search/lookup-contacts.ts';
import { searchParameters } from '../src/contacts/search/search-sql.ts';
import { readSearchTerms } from '../src/contacts/search/search-terms.ts';
import { afterCursor, sortColumn, type SortSpec } from '../src/contacts/search/sort.ts';
import { sqlitePath, type Engine } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { todayIn } from '../src/ledger/dates.ts';
import { sampleContact } from '../src/demo/sample-data.ts';
import { hashSecret } from '../src/shared/ids.ts';
import { GENERATOR_VERSION, openBenchBusiness, SEED } from './contacts-data.ts';
import { FLOOR_PATH } from './search-server.ts';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const engine = option('engine', 'sqlite') as Engine;
const contactCount = Number(option('contacts', '1000000'));
const rounds = Number(option('rounds', '300'));
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);
if (!Number.isInteger(contactCount) || contactCount < 1000) throw new Error('--contacts must be an integer of at least 1000');

const profileDir = process.argv.includes('--profile-server') ? resolve(option('profile-server', '.')) : null;
const only = option('only', '');

/**
 * The fields the web list requests with the default columns of the
 * customers (code, name, mobile, email, city, balance, status) and what its
 * rows need besides (id, type, and the figures of the payment button).
 */
const LIST_FIELDS: ContactField[] = [
  'id', 'code', 'name', 'type', 'status', 'mobile', 'email', 'city', 'balance', 'receivable', 'payable', 'advance',
];

interface Compiled {
  sql: string;
  parameters: readonly unknown[];
}

interface Scenario {
  name: string;
  /** Null for the floor, which has no target of its own. */
  target: { ratio: number; ms: number } | null;
  rounds: number;
  /** Requests of the scenario: each API path with the raw statement for the same result. */
  cases: { path: string; raw: Compiled }[];
}

/** A case with the size of its API response, which the bare server returns. */
interface SizedCase {
  path: string;
  raw: Compiled;
  bytes: number;
}

interface Timing {
  p50: number;
  p95: number;
  max: number;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] as number };
}

async function main() {
  const business = await openBenchBusiness(engine, contactCount);
  if (process.argv.includes('--generate-only')) {
    await business.db.close();
    return;
  }
  const { db, businessId, cookie } = business;
  const kysely = db.kysely;
  const context = { businessId, engine, today: todayIn('Europe/Paris'), timezone: 'Europe/Paris' } as const;

  const raw = engine === 'sqlite'
    ? sqliteRaw(sqlitePath(db.url))
    : await postgresRaw(db.url);

  const server = await startServerProcess('search-server.ts', db.url);
  const bare = await startServerProcess('bare-server.ts', db.url);
  const call = keepAliveClient(server.port, cookie);
  const callBare = keepAliveClient(bare.port, cookie);

  const searchCase = (q: string) => {
    const terms = readSearchTerms(q, 'FR');
    const shape = { type: null, includeInactive: false, scopes: null };
    const values = { ...searchParameters(engine, terms), businessId, today: context.today };
    return { path: `/api/v1/contacts/lookup?q=${encodeURIComponent(q)}`, raw: lookupQuery.compile(kysely, shape, values) };
  };

  const pageFilters: ContactFilters = { type: 'customer', flags: { hasReceivableDue: true }, customFields: {} };
  const pageSort: SortSpec = { field: 'balance', order: 'desc' };
  const pageColumns = fieldColumns(LIST_FIELDS).columns.map((name) => `contacts.${name}` as const);
  const pageQuery = (cursor: string | null) => {
    let query = kysely.selectFrom('contacts').select(pageColumns)
      .where(expressionBuilder<Database, 'contacts'>().and(filterConditions(pageFilters, context)));
    if (cursor) query = query.where(afterCursor(pageSort, cursor));
    return query.orderBy(sortColumn(pageSort.field), pageSort.order).orderBy('contacts.id', pageSort.order).limit(51).compile();
  };
  const pagePath = `type=customer&hasReceivableDue=true&sort=balance&order=desc&limit=50&fields=${LIST_FIELDS.join(',')}`;
  const cursors: (string | null)[] = [null];
  let cursor: string | null = null;
  for (let page = 1; page <= 200 && cursors.length < 4; page += 1) {
    const body = JSON.parse(await call(`/api/v1/contacts?${pagePath}${cursor ? `&cursor=${cursor}` : ''}`));
    cursor = body.nextCursor;
    if (!cursor) break;
    if (page === 1 || page === 20 || page === 200) cursors.push(cursor);
  }

  const totalsFilters: ContactFilters = { flags: { hasReceivableDue: true }, customFields: {} };
  const totalsRaw = kysely.selectFrom('contacts')
    .where(expressionBuilder<Database, 'contacts'>().and(filterConditions(totalsFilters, context)))
    .select((eb) => [
      eb.fn.countAll().as('count'),
      eb.fn.sum('contacts.receivable').as('receivable'),
      eb.fn.sum('contacts.payable').as('payable'),
      eb.fn.sum('contacts.advance').as('advance'),
    ])
    .compile();

  const pick = (n: number) => Array.from({ length: n }, (_, i) => Math.floor(((i * 7919 + 13) % 1000) / 1000 * contactCount));
  const namePrefixes = ['mar', 'dub', 'hél', 'fau', 'lef', 'gar', 'ber', 'mor', 'rou', 'ch', 'saint', 'boulangerie',
    'jean mar', 'élodie', 'müll', 'petit l', 'cave ro', 'sophie ga', 'lucas', 'fromagerie d'];
  const phoneFragments = pick(20).map((index, i) => {
    const digits = sampleContact(SEED, index).mobile.replace(/\D/g, '').replace(/^33/, '0');
    return i % 2 === 0 ? digits.slice(3, 9) : digits.slice(0, 6).replace(/(\d{2})(?=\d)/g, '$1 ');
  });
  const codes = pick(20).map((index) => `CO${String(index + 1).padStart(7, '0')}`);

  const sessionId = hashSecret(cookie.slice(`${SESSION_COOKIE}=`.length));
  const scenarios: Scenario[] = [
    {
      name: 'floor: authenticated no-op',
      target: null,
      rounds,
      cases: [{ path: FLOOR_PATH, raw: sessionQuery(kysely, sessionId).compile() }],
    },
    { name: 'search by name prefix', target: { ratio: 2, ms: 20 }, rounds, cases: namePrefixes.map(searchCase) },
    { name: 'search by phone fragment', target: { ratio: 2, ms: 20 }, rounds, cases: phoneFragments.map(searchCase) },
    { name: 'search by code', target: { ratio: 2, ms: 20 }, rounds, cases: codes.map(searchCase) },
    {
      name: 'filtered page of 50 by balance',
      target: { ratio: 2, ms: 50 },
      rounds,
      cases: cursors.map((c) => ({ path: `/api/v1/contacts?${pagePath}${c ? `&cursor=${c}` : ''}`, raw: pageQuery(c) })),
    },
    {
      name: 'totals of half the contacts',
      target: { ratio: 2, ms: 300 },
      rounds: Math.max(10, Math.floor(rounds / 10)),
      cases: [{ path: '/api/v1/contacts/totals?hasReceivableDue=true', raw: totalsRaw }],
    },
  ];

  const loadAtStart = loadavg();
  const results = [];
  for (const scenario of scenarios.filter((one) => one.name.includes(only))) {
    const warmUp = Math.min(30, scenario.rounds);
    const cases: SizedCase[] = [];
    for (const one of scenario.cases) cases.push({ ...one, bytes: Buffer.byteLength(await call(one.path)) });
    const api: number[] = [];
    const sqlTimes: number[] = [];
    const bareTimes: number[] = [];
    for (let round = -warmUp; round < scenario.rounds; round += 1) {
      const one = cases[((round % cases.length) + cases.length) % cases.length]!;
      let started = performance.now();
      await raw.run(one.raw);
      const rawMs = performance.now() - started;
      started = performance.now();
      await call(one.path);
      const apiMs = performance.now() - started;
      started = performance.now();
      await callBare(`/bytes?n=${one.bytes}`);
      const bareMs = performance.now() - started;
      if (round >= 0) {
        sqlTimes.push(rawMs);
        api.push(apiMs);
        bareTimes.push(rawMs + bareMs);
      }
    }
    const apiTiming = timing(api);
    const rawTiming = timing(sqlTimes);
    const bareTiming = timing(bareTimes);
    const ratio = apiTiming.p95 / rawTiming.p95;
    const bareRatio = apiTiming.p95 / bareTiming.p95;
    const { target } = scenario;
    const met = target ? ratio <= target.ratio && apiTiming.p95 <= target.ms : null;
    const bareMet = target ? bareRatio <= target.ratio && apiTiming.p95 <= target.ms : null;
    results.push({ name: scenario.name, target, api: apiTiming, raw: rawTiming, bare: bareTiming, ratio, bareRatio, met, bareMet });
    const verdict = target ? `target ${target.ratio}x and ${target.ms} ms: ${met ? 'met' : 'MISSED'}` : 'no target';
    let bareVerdict = 'no target';
    if (target) bareVerdict = bareMet ? 'met' : 'MISSED';
    console.log(
      `${scenario.name.padEnd(32)} api p50 ${apiTiming.p50.toFixed(2)} p95 ${apiTiming.p95.toFixed(2)} ms | ` +
        `raw p50 ${rawTiming.p50.toFixed(2)} p95 ${rawTiming.p95.toFixed(2)} ms | ratio ${ratio.toFixed(2)} | ${verdict} | ` +
        `bare server p50 ${bareTiming.p50.toFixed(2)} p95 ${bareTiming.p95.toFixed(2)} ms | ratio ${bareRatio.toFixed(2)} | ${bareVerdict}`,
    );
  }

  const machine = { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version };
  const loadAverage = { atStart: loadAtStart, atEnd: loadavg() };
  const report = {
    engine, contacts: business.contacts, entries: business.entries, generator: GENERATOR_VERSION,
    generatedInSeconds: business.generatedIn, rounds, machine, loadAverage, results,
  };
  const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(resultsDir, { recursive: true });
  const out = join(resultsDir, `search-${engine}-${contactCount}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  console.log(`load average (1, 5, 15 min): ${load(loadAverage.atStart)} at start, ${load(loadAverage.atEnd)} at end`);
  console.log(`machine: ${machine.nproc} × ${machine.cpu}; ${business.contacts} contacts, ${business.entries} ledger entries; ${out}`);

  await server.stop();
  await bare.stop();
  await raw.close();
}

/**
 * Starts `file` of bench/ (search-server.ts on `databaseUrl` as the server
 * runs in a shop, or bare-server.ts) in its own process with a free port,
 * the request log on at the default level (written to /dev/null here).
 * Resolves once it listens. Only the search server is profiled.
 */
async function startServerProcess(file: 'search-server.ts' | 'bare-server.ts', databaseUrl: string) {
  const script = join(dirname(fileURLToPath(import.meta.url)), file);
  const profile = profileDir && file === 'search-server.ts' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const execArgv = ['--import', 'tsx', ...profile];
  const child = fork(script, [], {
    execArgv,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', COMPTOIR_WEB_ROOT: '/nonexistent' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolvePort, reject) => {
    child.once('message', (message) => resolvePort((message as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the server process exited with code ${code} before listening`)));
  });
  return {
    port,
    /** Stops the server with SIGTERM, as a service manager does, and waits for the process to exit. */
    stop: () => new Promise<void>((resolveStop) => {
      child.once('exit', () => resolveStop());
      child.kill('SIGTERM');
    }),
  };
}

/** Returns a GET client over one keep-alive connection that sends the session cookie and resolves with the body of a 200. */
function keepAliveClient(port: number, cookie: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return (path: string) => new Promise<string>((resolveBody, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers: { cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode === 200) resolveBody(body);
        else reject(new Error(`${path}: ${res.statusCode} ${body.slice(0, 300)}`));
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function sqliteRaw(path: string) {
  const connection = new SQLite(path, { readonly: true });
  const statements = new Map<string, SQLite.Statement>();
  return {
    async run(query: Compiled) {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = connection.prepare(query.sql);
        statements.set(query.sql, statement);
      }
      return statement.all(...(query.parameters as unknown[]));
    },
    async close() {
      connection.close();
    },
  };
}

async function postgresRaw(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const names = new Map<string, string>();
  return {
    async run(query: Compiled) {
      let name = names.get(query.sql);
      if (!name) {
        name = `raw${names.size}`;
        names.set(query.sql, name);
      }
      return (await client.query({ name, text: query.sql, values: query.parameters as unknown[] })).rows;
    },
    async close() {
      await client.end();
    },
  };
}

await main();
