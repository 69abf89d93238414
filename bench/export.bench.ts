/**
 * Times exporting every contact of a business through the export code the
 * API uses (`exportContacts`, keyset pages of 250 rows streamed to a file)
 * and records the peak resident memory of the exporting process, which must
 * stay under 200 MiB for a million contacts in CSV. The business is the
 * cached benchmark database of `contacts-data.ts` (generated on first use).
 * Each format runs in its own process so that its peak memory is its own.
 *
 *   npx tsx bench/export.bench.ts [--contacts 1000000] [--formats csv,xlsx,vcf]
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/database.ts';
import { exportContacts, type ExportFormat } from '../src/transfer/export/export-contacts.ts';
import { machine, option } from './transfer-files.ts';

const contacts = Number(option('contacts', '1000000'));
const formats = option('formats', 'csv').split(',') as ExportFormat[];
if (!Number.isInteger(contacts) || contacts < 1) throw new Error(`--contacts must be a positive integer, got ${option('contacts', '')}`);

interface Measure {
  format: string;
  rows: number;
  seconds: number;
  cpu: number;
  bytes: number;
  peakRss: number;
  startRss: number;
}

/** Version of the cached data this script reads; the child does not load the generator to learn it. */
const DATA_VERSION = 2;
const cachedPath = join(dirname(fileURLToPath(import.meta.url)), 'results', `contacts_v${DATA_VERSION}_${contacts}.sqlite`);

/** Exports from the cached database, opened as the server would open it (the parent has migrated it). */
async function measure(format: ExportFormat): Promise<Measure> {
  const db = openDatabase(`sqlite:${cachedPath}`);
  const { id: businessId } = await db.kysely.selectFrom('businesses').select('id').executeTakeFirstOrThrow();
  const actor = { businessId, userId: null, isAdmin: true, permissions: new Set<string>() };
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-export-bench-'));
  const out = join(dir, `contacts.${format}`);
  const startRss = process.resourceUsage().maxRSS / 1024;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const file = await exportContacts(db.kysely, actor, { format, filters: { flags: {}, customFields: {} }, locale: 'fr' });
  await pipeline(file.stream, createWriteStream(out));
  const used = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS / 1024;
  const bytes = statSync(out).size;
  rmSync(dir, { recursive: true, force: true });
  const { count } = await db.kysely.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('count'))
    .where('business_id', '=', businessId).executeTakeFirstOrThrow();
  await db.close();
  return { format, rows: Number(count), seconds, cpu: (used.user + used.system) / 1e6, bytes, peakRss, startRss };
}

if (process.argv.includes('--child')) {
  process.stdout.write(`${JSON.stringify(await measure(option('child', 'csv') as ExportFormat))}\n`);
} else {
  const { GENERATOR_VERSION, openBenchBusiness } = await import('./contacts-data.ts');
  if (GENERATOR_VERSION !== DATA_VERSION) throw new Error(`bench/contacts-data.ts is at version ${GENERATOR_VERSION}: update DATA_VERSION`);
  if (!existsSync(cachedPath) && existsSync(`${cachedPath}.partial`)) {
    // Another benchmark is generating the same database; generating it here
    // too would delete its half-written file.
    throw new Error(`${cachedPath}.partial is being written by another run: wait for it to finish`);
  }
  const generation = await openBenchBusiness('sqlite', contacts);
  await generation.db.close();
  console.log(`export: ${generation.contacts} contacts from ${cachedPath}${generation.generatedIn ? ` (generated in ${generation.generatedIn.toFixed(0)} s)` : ''}`);
  console.log(`machine: ${await machine()}`);
  for (const format of formats) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', format, '--contacts', String(contacts)], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as Measure;
    console.log(`${format.padEnd(5)} ${(result.rows / result.seconds).toFixed(0).padStart(8)} rows/s  ${result.seconds.toFixed(1)} s wall  ${result.cpu.toFixed(1)} s CPU  ${(result.bytes / 1e6).toFixed(1)} MB written  peak RSS ${result.peakRss.toFixed(0)} MiB (${result.startRss.toFixed(0)} MiB before)`);
  }
  console.log(`load average at end: ${(await machine()).split('load average ')[1]}`);
}
