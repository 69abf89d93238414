/**
 * Times a payment reminder run over many customers that each have one
 * overdue sale. It compares that with a run on a day when nothing is due yet,
 * the job's fixed cost (settings, levels and the candidate query), and with
 * running the same day again, when everything is recorded and nothing is
 * queued.
 *
 * The data is written straight into `contacts` and `open_items` (sample
 * French contacts, each with an email address and one open sale of 100.00
 * due on 2024-03-01), not through the sale use case, so that building it
 * takes seconds. The run itself is `runReminders`, the code the server's job
 * and `comptoir reminders run` call: one level "1 day after due" by email.
 *
 *   npx tsx bench/reminders.bench.ts [--count 100000] [--engine sqlite|postgres]
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createBusiness, type CreatedBusiness } from '../src/auth/businesses.ts';
import { readContactFields } from '../src/contacts/read-fields.ts';
import { type Db, type Engine, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { ContactRow, OpenItemTable } from '../src/db/schema.ts';
import { sampleContact } from '../src/demo/sample-data.ts';
import { saveChannel } from '../src/messages/channel-store.ts';
import { runReminders } from '../src/messages/run-reminders.ts';
import { ensureMessageSetup } from '../src/messages/setup.ts';
import { IssueList } from '../src/shared/errors.ts';
import { newId, nowIso } from '../src/shared/ids.ts';
import { scratchDatabase } from './scratch-database.ts';

const SEED = 11;
const EMPTY_RUNS = 5;

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const count = Number(option('count', '100000'));
const engine = option('engine', 'sqlite') as Engine;
if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${option('count', '')}`);
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);

async function freshDatabase(): Promise<{ db: Db; business: CreatedBusiness; drop(): Promise<void> }> {
  const { url, drop: cleanup } = await scratchDatabase(engine, 'comptoir_bench');
  const db = openDatabase(url);
  await migrate(db);
  const business = await createBusiness(db.kysely, {
    name: 'Banc d’essai',
    currency: 'EUR',
    locale: 'fr',
    timezone: 'Europe/Paris',
    country: 'FR',
    admin: { email: `bench.${newId().slice(-8)}@example.fr`, password: 'bench password for one run', name: 'Banc' },
  });
  return { db, business, drop: async () => { await db.close(); await cleanup(); } };
}

/** Customers with an email and one open sale each, written in batches. */
async function loadCustomers(db: Db, business: CreatedBusiness): Promise<void> {
  const context = { business: { currency: 'EUR', country: 'FR', custom_field_labels: '{}' }, existing: null, today: '2024-02-01' };
  const batch = 250;
  for (let start = 0; start < count; start += batch) {
    const contacts: ContactRow[] = [];
    const items: OpenItemTable[] = [];
    for (let index = start; index < Math.min(count, start + batch); index += 1) {
      const sample = { ...sampleContact(SEED, index), type: 'customer', email: `client${index}@example.fr` };
      const { columns } = readContactFields(sample, context, new IssueList(), []);
      const id = newId();
      const now = nowIso();
      contacts.push({
        ...columns,
        id,
        business_id: business.businessId,
        code: `CO${String(index + 1).padStart(6, '0')}`,
        balance: 10_000,
        receivable: 10_000,
        payable: 0,
        advance: 0,
        created_by: business.adminUserId,
        anonymised_at: null,
        created_at: now,
        updated_at: now,
      } as ContactRow);
      items.push({
        id: newId(),
        business_id: business.businessId,
        contact_id: id,
        side: 'debit',
        kind: 'sale',
        source_type: 'document',
        source_id: newId(),
        reference: `VE2024-${String(index + 1).padStart(6, '0')}`,
        date: '2024-02-01',
        due_date: '2024-03-01',
        location_id: business.locationId,
        amount: 10_000,
        open_amount: 10_000,
        status: 'open',
        created_at: now,
      });
    }
    await db.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('contacts').values(contacts).execute();
      await trx.insertInto('open_items').values(items).execute();
    });
  }
}

async function configure(db: Db, business: CreatedBusiness): Promise<void> {
  await ensureMessageSetup(db.kysely, business.businessId);
  await db.kysely.updateTable('message_settings').set({ quiet_start: null, quiet_end: null }).where('business_id', '=', business.businessId).execute();
  // No password, so no secret and no key is needed: the run only queues.
  await saveChannel(db.kysely, db, {
    businessId: business.businessId,
    channel: 'email',
    enabled: true,
    config: { host: '127.0.0.1', port: 25, security: 'none', user: null, fromAddress: 'banc@example.fr', fromName: null, replyTo: null },
    secrets: null,
    userId: null,
  });
  const template = await db.kysely
    .selectFrom('message_templates')
    .where('business_id', '=', business.businessId)
    .where('event', '=', 'payment_reminder')
    .select('id')
    .executeTakeFirstOrThrow();
  const now = nowIso();
  await db.kysely
    .insertInto('reminder_levels')
    .values({
      id: newId(),
      business_id: business.businessId,
      name: 'J+1',
      timing: 'after_due',
      days: 1,
      template_id: template.id,
      channels: '["email"]',
      is_active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Wall-clock seconds, and CPU seconds of this process (PostgreSQL's own work is not in them). */
async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; cpu: number; result: T }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(cpuStart);
  return { seconds: (performance.now() - start) / 1000, cpu: (cpu.user + cpu.system) / 1e6, result };
}

const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown CPU';
console.log(`reminders: ${count} customers with an overdue sale on ${engine} (${cpu}, ${availableParallelism()} cores)`);
console.log(`load average at start: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);

const { db, business, drop } = await freshDatabase();
try {
  const loading = await timed(async () => {
    await loadCustomers(db, business);
    await configure(db, business);
  });
  console.log(`data loaded in ${loading.seconds.toFixed(1)} s`);

  const empty: number[] = [];
  for (let round = 0; round < EMPTY_RUNS; round += 1) {
    const run = await timed(() => runReminders(db, business.businessId, '2024-02-15'));
    if (run.result.messages !== 0) throw new Error(`a run before any due date queued ${run.result.messages} message(s)`);
    empty.push(run.seconds);
  }
  console.log(`nothing due (2024-02-15), median of ${EMPTY_RUNS}: ${(median(empty) * 1000).toFixed(1)} ms`);

  const full = await timed(() => runReminders(db, business.businessId, '2024-03-02'));
  if (full.result.messages !== count) throw new Error(`expected ${count} messages, the run queued ${full.result.messages}`);
  const rate = count / full.seconds;
  console.log(
    `overdue run (2024-03-02): ${full.result.messages} messages queued in ${full.seconds.toFixed(1)} s ` +
      `(${rate.toFixed(0)} messages/s, ${full.cpu.toFixed(1)} s CPU in this process)`,
  );

  const again = await timed(() => runReminders(db, business.businessId, '2024-03-02'));
  if (again.result.messages !== 0) throw new Error(`the second run queued ${again.result.messages} message(s)`);
  console.log(`same day again: 0 messages in ${again.seconds.toFixed(1)} s (${again.cpu.toFixed(1)} s CPU in this process)`);
  console.log(`target: ${count} messages in under 60 s: ${full.seconds < 60 ? 'met' : 'missed'}`);
} finally {
  console.log(`load average at end: ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  await drop();
}
