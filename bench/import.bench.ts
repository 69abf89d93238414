/**
 * Times importing N sample contacts from a French CSV file and from an XLSX
 * workbook through the import code the API uses (rows in chunks through
 * `createContacts`, one transaction), against inserting the same contact
 * rows with one prepared statement in one transaction. The kinds
 * `csv-read` and `xlsx-read` only read the file's rows through `openTable`,
 * to measure the readers apart from the database. The kind `undo` imports
 * the CSV file untimed, then times `undoImport`, the code behind
 * `DELETE /imports/{id}`, to compare with the kind `csv`. Each measurement
 * runs in its own process on a fresh database, so its peak resident memory
 * (getrusage maxrss) is its own. The files are written beforehand. On
 * PostgreSQL the CPU time of the server processes serving the run's
 * connections is measured too, from /proc, so the server must run on this
 * machine.
 *
 *   npx tsx bench/import.bench.ts [--rows 100000] [--only insert,csv,xlsx,csv-read,xlsx-read,undo] [--engine sqlite|postgres]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { sqlitePath } from '../src/db/database.ts';
import type { ContactRow } from '../src/db/schema.ts';
import { openTable } from '../src/transfer/formats/table.ts';
import { IMPORT_LIMITS } from '../src/transfer/import/run-import.ts';
import { startImport } from '../src/transfer/import/start-import.ts';
import { undoImport } from '../src/transfer/import/undo-import.ts';
import { importOptionsSchema } from '../src/transfer/import/options.ts';
import { freshDatabase, machine, option, plainRows, writeCsv, writeXlsx } from './transfer-files.ts';

const rows = Number(option('rows', '100000'));
const kinds = option('only', 'insert,csv,xlsx').split(',');
const engine = option('engine', 'sqlite');
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer, got ${option('rows', '')}`);
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);

interface Measure {
  kind: string;
  rows: number;
  seconds: number;
  /** Peak resident memory of the measuring process, in MiB. */
  peakRss: number;
  /** Resident memory before the timed part started, in MiB. */
  startRss: number;
  /** CPU seconds (user and system) of the measuring process in the timed part. */
  cpu: number;
  /** CPU seconds of the PostgreSQL server processes serving the run's connections, or null on SQLite. */
  serverCpu: number | null;
  created: number;
}

const mib = (kilobytes: number) => kilobytes / 1024;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** User and system CPU ticks of each server process serving a connection to the database at `url`. */
async function serverTicks(url: string): Promise<Map<number, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const ticks = new Map<number, number>();
    for (const { pid } of result.rows) {
      // Fields 14 and 15 of /proc/PID/stat, counted after the command name in parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    }
    return ticks;
  } finally {
    await client.end();
  }
}

/** Server CPU seconds spent since `before`, for processes that are still connected. */
function serverSeconds(before: Map<number, number>, after: Map<number, number>): number {
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  let ticks = 0;
  for (const [pid, total] of after) ticks += total - (before.get(pid) ?? 0);
  return ticks / ticksPerSecond;
}

/** Inserts the rows with one prepared statement in one transaction, timing only the transaction with `timed`. */
async function insertPrepared(url: string, contactRows: ContactRow[], timed: (work: () => Promise<void>) => Promise<void>) {
  const columns = Object.keys(contactRows[0] as object);
  if (engine === 'sqlite') {
    const connection = new SQLite(sqlitePath(url));
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    const insert = connection.prepare(`insert into contacts (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    await timed(async () => {
      connection.transaction(() => {
        for (const row of contactRows) insert.run(row);
      })();
    });
    connection.close();
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const text = `insert into contacts (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  await timed(async () => {
    await client.query('begin');
    for (const row of contactRows) {
      const values = columns.map((column) => (row as unknown as Record<string, unknown>)[column]);
      await client.query({ name: 'insert_contact', text, values });
    }
    await client.query('commit');
  });
  await client.end();
}

async function measure(kind: string, file: string): Promise<Measure> {
  const { db, business, url, drop } = await freshDatabase(engine as 'sqlite' | 'postgres');
  const startRss = mib(process.resourceUsage().maxRSS);
  let seconds = 0;
  let cpu = 0;
  let serverCpu: number | null = null;
  let created = rows;
  const timed = async (work: () => Promise<void>) => {
    const ticksBefore = engine === 'postgres' ? await serverTicks(url) : null;
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    await work();
    cpu = cpuSeconds(cpuStart);
    seconds = (performance.now() - started) / 1000;
    if (ticksBefore) serverCpu = serverSeconds(ticksBefore, await serverTicks(url));
  };

  if (kind.endsWith('-read')) {
    // The reader alone: every row of the file through openTable, no database work.
    const bytes = readFileSync(file);
    await timed(async () => {
      const maxRows = Math.max(rows, IMPORT_LIMITS.rows);
      const table = await openTable(bytes, { maxRows, maxUncompressedBytes: IMPORT_LIMITS.uncompressedBytes });
      let count = 0;
      for await (const _row of table.rows) count += 1;
      created = count;
    });
    await db.close();
  } else if (kind === 'insert') {
    const contactRows = plainRows(business, 0, rows);
    await db.close();
    await insertPrepared(url, contactRows, timed);
  } else {
    const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
    const bytes = readFileSync(file);
    const runImport = async () => {
      // Skip, because 100,000 sample contacts repeat a few foreign mobiles,
      // which the import rejects as duplicates in the file.
      const options = importOptionsSchema.parse({ onInvalid: 'skip' });
      // Past IMPORT_LIMITS.rows only to show how memory grows with the rows.
      const maxRows = Math.max(rows, IMPORT_LIMITS.rows);
      const record = await startImport(db, actor, { fileName: file, bytes, options, locale: 'fr', maxRows });
      if (record.status !== 'committed') throw new Error(`import ${record.status}: ${JSON.stringify(record.errors.slice(0, 3))}`);
      created = record.totals.created;
      return record.id;
    };
    if (kind === 'undo') {
      const importId = await runImport();
      await timed(async () => {
        const undone = await undoImport(db, actor, importId);
        if (undone.status !== 'undone') throw new Error(`undo left the import ${undone.status}`);
      });
    } else {
      await timed(async () => {
        await runImport();
      });
    }
    await db.close();
  }
  await drop();
  return { kind, rows, seconds, cpu, serverCpu, peakRss: mib(process.resourceUsage().maxRSS), startRss, created };
}

if (process.argv.includes('--child')) {
  const result = await measure(option('child', ''), option('file', ''));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-import-files-'));
  const csv = join(dir, 'contacts.csv');
  const xlsx = join(dir, 'contacts.xlsx');
  await writeCsv(csv, rows);
  await writeXlsx(xlsx, rows);
  console.log(`import: ${rows} contacts; CSV ${(statSync(csv).size / 1e6).toFixed(1)} MB, XLSX ${(statSync(xlsx).size / 1e6).toFixed(1)} MB`);
  console.log(`machine: ${await machine()}; engine: ${engine}`);
  const results: Measure[] = [];
  for (const kind of kinds) {
    const file = kind.startsWith('xlsx') ? xlsx : csv;
    const args = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, '--file', file, '--rows', String(rows), '--engine', engine];
    const output = execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Measure;
    results.push(result);
    const server = result.serverCpu === null ? '' : `  ${result.serverCpu.toFixed(1).padStart(8)} s server CPU`;
    console.log(`${kind.padEnd(12)} ${(result.rows / result.seconds).toFixed(0).padStart(8)} rows/s  ${result.seconds.toFixed(1).padStart(8)} s wall  ${result.cpu.toFixed(1).padStart(8)} s CPU${server}  peak RSS ${result.peakRss.toFixed(0)} MiB (${result.startRss.toFixed(0)} MiB before)  created ${result.created}`);
  }
  // On PostgreSQL the work is split between this process and the server, so both count.
  const totalCpu = (result: Measure) => result.cpu + (result.serverCpu ?? 0);
  const insert = results.find((result) => result.kind === 'insert');
  for (const result of results) {
    if (insert && result !== insert) {
      const cpuLabel = engine === 'postgres' ? 'CPU, process and server' : 'CPU';
      console.log(`${result.kind}: ${(result.seconds / insert.seconds).toFixed(1)}x the prepared insert (wall), ${(totalCpu(result) / totalCpu(insert)).toFixed(1)}x (${cpuLabel})`);
    }
  }
  console.log(`load average at end: ${(await machine()).split('load average ')[1]}`);
  rmSync(dir, { recursive: true, force: true });
}
