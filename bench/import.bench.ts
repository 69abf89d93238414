/**
 * Times importing N sample contacts from a French CSV file and from an XLSX
 * workbook through the import code the API uses (every row through
 * `createContact`, one transaction), against inserting the same contact
 * rows with one prepared statement in one transaction. Each measurement
 * runs in its own process on a fresh SQLite database, so its peak resident
 * memory (getrusage maxrss) is its own. The files are written beforehand.
 *
 *   npx tsx bench/import.bench.ts [--rows 100000] [--only insert,csv,xlsx]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { startImport } from '../src/transfer/import/start-import.ts';
import { importOptionsSchema } from '../src/transfer/import/options.ts';
import { freshDatabase, machine, option, plainRows, writeCsv, writeXlsx } from './transfer-files.ts';

const rows = Number(option('rows', '100000'));
const kinds = option('only', 'insert,csv,xlsx').split(',');
if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer, got ${option('rows', '')}`);

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
  created: number;
}

const mib = (kilobytes: number) => kilobytes / 1024;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function measure(kind: string, file: string): Promise<Measure> {
  const { db, business, path } = await freshDatabase();
  const startRss = mib(process.resourceUsage().maxRSS);
  if (kind === 'insert') {
    const contactRows = plainRows(business, 0, rows);
    await db.close();
    const connection = new SQLite(path);
    connection.pragma('journal_mode = WAL');
    connection.pragma('synchronous = NORMAL');
    const columns = Object.keys(contactRows[0] as object);
    const insert = connection.prepare(`insert into contacts (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`);
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    connection.transaction(() => {
      for (const row of contactRows) insert.run(row);
    })();
    const cpu = cpuSeconds(cpuStart);
    const seconds = (performance.now() - started) / 1000;
    connection.close();
    return { kind, rows, seconds, cpu, peakRss: mib(process.resourceUsage().maxRSS), startRss, created: rows };
  }
  const target = db;
  const actor = { businessId: business.businessId, userId: business.adminUserId, isAdmin: true, permissions: new Set<string>() };
  const bytes = readFileSync(file);
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const record = await startImport(target, actor, { fileName: file, bytes, options: importOptionsSchema.parse({}), locale: 'fr' });
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(cpuStart);
  await target.close();
  if (record.status !== 'committed') throw new Error(`import ${record.status}: ${JSON.stringify(record.errors.slice(0, 3))}`);
  return { kind, rows, seconds, cpu, peakRss: mib(process.resourceUsage().maxRSS), startRss, created: record.totals.created };
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
  console.log(`machine: ${await machine()}`);
  const results: Measure[] = [];
  for (const kind of kinds) {
    const file = kind.startsWith('xlsx') ? xlsx : csv;
    const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, '--file', file, '--rows', String(rows)], {
      encoding: 'utf8', maxBuffer: 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Measure;
    results.push(result);
    console.log(`${kind.padEnd(12)} ${(result.rows / result.seconds).toFixed(0).padStart(8)} rows/s  ${result.seconds.toFixed(1).padStart(8)} s wall  ${result.cpu.toFixed(1).padStart(8)} s CPU  peak RSS ${result.peakRss.toFixed(0)} MiB (${result.startRss.toFixed(0)} MiB before)  created ${result.created}`);
  }
  const insert = results.find((result) => result.kind === 'insert');
  for (const result of results) {
    if (insert && result !== insert) {
      console.log(`${result.kind}: ${(result.seconds / insert.seconds).toFixed(1)}x the prepared insert (wall), ${(result.cpu / insert.cpu).toFixed(1)}x (CPU)`);
    }
  }
  console.log(`load average at end: ${(await machine()).split('load average ')[1]}`);
}
