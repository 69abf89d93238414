/**
 * Times contact creation through the `createContact` use case, with its
 * validation, duplicate checks, generated code and audit entry, one
 * transaction per contact as the API does. It compares that with inserting
 * the same rows through one prepared statement, each row committed on its
 * own, on a fresh database of the same engine. On SQLite it also times the
 * use case with the driver's statement cache turned off.
 *
 *   npx tsx bench/contacts-create.bench.ts [--count 100000] [--engine sqlite|postgres]
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { createBusiness, type CreatedBusiness } from '../src/auth/businesses.ts';
import { createContact } from '../src/contacts/create-contact.ts';
import type { ContactInput } from '../src/contacts/model.ts';
import { readContactFields } from '../src/contacts/read-fields.ts';
import { type Db, type Engine, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { ContactRow } from '../src/db/schema.ts';
import { sampleContact } from '../src/demo/sample-data.ts';
import { IssueList } from '../src/shared/errors.ts';
import { newId, nowIso } from '../src/shared/ids.ts';
import { scratchDatabase } from './scratch-database.ts';

const SEED = 7;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const count = Number(option('count', '100000'));
const engine = option('engine', 'sqlite') as Engine;
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${option('count', '')}`);
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);

function inputAt(index: number): ContactInput {
  const sample = sampleContact(SEED, index);
  return { ...sample };
}

interface FreshDatabase {
  db: Db;
  business: CreatedBusiness;
  drop(): Promise<void>;
}

async function freshDatabase(statementCacheSize?: number): Promise<FreshDatabase> {
  const { url, drop: cleanup } = await scratchDatabase(engine, 'comptoir_bench');
  const db = openDatabase(url, { statementCacheSize });
  await migrate(db);
  const business = await createBusiness(db.kysely, {
    name: 'Banc d’essai', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
    admin: { email: `bench.${newId().slice(-8)}@example.fr`, password: 'bench password for one run', name: 'Banc' },
  });
  return { db, business, drop: async () => { await db.close(); await cleanup(); } };
}

/** Builds the rows the use case would write, outside the timed part. */
function plainRows(business: CreatedBusiness): ContactRow[] {
  const context = {
    business: { currency: 'EUR', country: 'FR', custom_field_labels: '{}' },
    existing: null,
    today: new Date().toISOString().slice(0, 10),
  };
  const rows: ContactRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const { columns } = readContactFields(inputAt(i), context, new IssueList(), []);
    const now = nowIso();
    rows.push({
      ...columns, id: newId(), business_id: business.businessId, code: `CO${String(i + 1).padStart(4, '0')}`,
      balance: 0, receivable: 0, payable: 0, advance: 0, created_by: business.adminUserId,
      anonymised_at: null, created_at: now, updated_at: now,
    } as ContactRow);
  }
  return rows;
}

interface Timing {
  /** Wall-clock seconds. */
  wall: number;
  /** CPU seconds of this process (user and system); PostgreSQL's own work is not in it. */
  cpu: number;
}

function startTimer(): () => Timing {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  return () => {
    const cpu = process.cpuUsage(cpuStart);
    return { wall: (performance.now() - wallStart) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
  };
}

async function timeUseCase(statementCacheSize?: number): Promise<Timing> {
  const { db, business, drop } = await freshDatabase(statementCacheSize);
  const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
  const stop = startTimer();
  for (let i = 0; i < count; i += 1) await createContact(db.kysely, actor, inputAt(i));
  const timing = stop();
  await drop();
  return timing;
}

async function timePreparedInsert(): Promise<Timing> {
  const { db, business, drop } = await freshDatabase();
  const rows = plainRows(business);
  const columns = Object.keys(rows[0] as object);
  let timing: Timing;
  if (engine === 'sqlite') {
    await db.close();
    const connection = new SQLite(db.url.slice('sqlite:'.length));
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    const insert = connection.prepare(`insert into contacts (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    const stop = startTimer();
    for (const row of rows) insert.run(row);
    timing = stop();
    connection.close();
    await drop().catch(() => undefined);
  } else {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const text = `insert into contacts (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
    const stop = startTimer();
    for (const row of rows) {
      await client.query({ name: 'insert_contact', text, values: columns.map((c) => (row as Record<string, unknown>)[c]) });
    }
    timing = stop();
    await client.end();
    await drop();
  }
  return timing;
}

function report(label: string, timing: Timing): void {
  const rate = (count / timing.wall).toFixed(0);
  console.log(`${label}: ${rate} rows/s (${timing.wall.toFixed(1)} s wall, ${timing.cpu.toFixed(1)} s CPU in this process)`);
}

const cpu = (await import('node:fs')).readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
console.log(`contacts-create: ${count} contacts on ${engine} (${cpu}, ${(await import('node:os')).availableParallelism()} cores)`);
console.log(`load average at start: ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')}`);
const useCase = await timeUseCase();
report('createContact, one transaction each', useCase);
if (engine === 'sqlite') {
  const uncached = await timeUseCase(0);
  report('createContact, no statement cache  ', uncached);
  console.log(`statement cache: ${(uncached.wall / useCase.wall).toFixed(2)}x wall, ${(uncached.cpu / useCase.cpu).toFixed(2)}x CPU faster`);
}
const prepared = await timePreparedInsert();
report('prepared insert, one commit each   ', prepared);
console.log(`ratio: ${(useCase.wall / prepared.wall).toFixed(1)}x wall, ${(useCase.cpu / prepared.cpu).toFixed(1)}x CPU in this process`);
console.log(`load average at end: ${(await import('node:os')).loadavg().map((load) => load.toFixed(1)).join(' ')}`);
