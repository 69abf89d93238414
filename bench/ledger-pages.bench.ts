/**
 * Times pages of one contact's ledger of 200,000 entries: the first page, a
 * middle one and the last one, through `readLedgerPage` (balances included)
 * and once more through HTTP inject. Each is compared with reading the same
 * number of rows of the same table by primary key, on the same database.
 * The target is any page within 3x the primary-key read.
 *
 *   npx tsx bench/ledger-pages.bench.ts [--engine sqlite|postgres] [--entries 200000] [--limit 50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { createBusiness, type CreatedBusiness } from '../src/auth/businesses.ts';
import { type Db, type Engine, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { LedgerEntryTable, LedgerTotalTable } from '../src/db/schema.ts';
import { encodeCursor } from '../src/ledger/cursor.ts';
import { addDays } from '../src/ledger/dates.ts';
import { readLedgerPage } from '../src/ledger/read-ledger.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { hashSecret, newId, newSecret, nowIso } from '../src/shared/ids.ts';

const PG_ADMIN_URL = process.env.COMPTOIR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] ?? fallback : fallback;
}

const engine = option('engine', 'sqlite') as Engine;
const entryCount = Number(option('entries', '200000'));
const limit = Number(option('limit', '50'));
const ROUNDS = 300;
const WARM_UP = 30;
/** Entries per business day: 200,000 entries cover about five and a half years. */
const PER_DAY = 100;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, got ${engine}`);
if (!Number.isInteger(entryCount) || entryCount < limit * 3) throw new Error(`--entries must be an integer of at least ${limit * 3}`);

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function freshDatabase(): Promise<{ db: Db; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-'));
    const db = openDatabase(`sqlite:${join(dir, 'bench.sqlite')}`);
    return { db, drop: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `comptoir_bench_${process.pid}_${Date.now()}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = openDatabase(url.toString());
  return { db, drop: async () => { await db.close(); await adminQuery(`drop database if exists ${name} with (force)`); } };
}

/** Writes the entries and their totals directly, as a long posting history would have left them. */
async function load(db: Db, business: CreatedBusiness): Promise<{ contactId: string; entries: { id: string; date: string; seq: number }[] }> {
  const contactId = newId();
  const now = nowIso();
  await db.kysely.insertInto('contacts').values({
    id: contactId, business_id: business.businessId, code: 'CO0001', type: 'customer', kind: 'business',
    prefix: null, first_name: null, middle_name: null, last_name: null, business_name: 'Grossiste Bench', name: 'Grossiste Bench',
    mobile: '06 12 34 56 78', mobile_e164: '+33612345678', alternate_number: null, alternate_number_e164: null, landline: null,
    landline_e164: null, email: null, email_key: null, tax_number: null, tax_number_key: null, address_line1: null,
    address_line2: null, city: null, state: null, country: 'FR', zip_code: null, shipping_address: null, date_of_birth: null,
    customer_group_id: null, credit_limit: null, pay_term_number: null, pay_term_unit: null, pay_term_end_of_month: 0,
    opening_balance: 0, opening_balance_date: null, loyalty_card_number: null, status: 'active', bank_iban: null, bank_bic: null,
    bank_holder: null, custom_fields: '{}', balance: 0, receivable: 0, payable: 0, advance: 0, created_by: null,
    anonymised_at: null, created_at: now, updated_at: now,
  } as never).execute();

  const entries: { id: string; date: string; seq: number }[] = [];
  const totals = new Map<string, LedgerTotalTable>();
  const addTotal = (granularity: 'day' | 'month', period: string, debit: number, credit: number) => {
    const key = `${granularity}|${period}`;
    const total = totals.get(key) ?? {
      business_id: business.businessId, contact_id: contactId, granularity, period,
      location_id: business.locationId, debit: 0, credit: 0, entries: 0,
    };
    total.debit += debit;
    total.credit += credit;
    total.entries += 1;
    totals.set(key, total);
  };

  let batch: LedgerEntryTable[] = [];
  let balance = 0;
  for (let seq = 1; seq <= entryCount; seq += 1) {
    const date = addDays('2020-01-01', Math.floor((seq - 1) / PER_DAY));
    const sale = seq % 2 === 1;
    const amount = 1_000 + (seq % 97) * 13;
    const row: LedgerEntryTable = {
      id: newId(), business_id: business.businessId, contact_id: contactId, seq, date,
      type: sale ? 'sale' : 'payment_received', reference: `${sale ? 'VE' : 'RG'}${date.slice(0, 4)}-${seq}`,
      location_id: business.locationId, debit: sale ? amount : 0, credit: sale ? 0 : amount - 500, memo: null,
      source_type: sale ? 'document' : 'payment', source_id: newId(), reverses_entry_id: null, created_by: null, created_at: now,
    };
    balance += row.debit - row.credit;
    entries.push({ id: row.id, date, seq });
    addTotal('day', date, row.debit, row.credit);
    addTotal('month', date.slice(0, 7), row.debit, row.credit);
    batch.push(row);
    if (batch.length === 1000 || seq === entryCount) {
      await db.kysely.insertInto('ledger_entries').values(batch).execute();
      batch = [];
    }
  }
  const totalRows = [...totals.values()];
  for (let start = 0; start < totalRows.length; start += 1000) {
    await db.kysely.insertInto('ledger_totals').values(totalRows.slice(start, start + 1000)).execute();
  }
  await db.kysely.updateTable('contacts').set({ balance, receivable: balance }).where('id', '=', contactId).execute();
  await sql`analyze`.execute(db.kysely);
  return { contactId, entries };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

/** Runs `work` WARM_UP times, then `rounds` times, alternating with `baseline`; returns both timings in ms. */
async function compare(work: () => Promise<unknown>, baseline: () => Promise<unknown>, rounds = ROUNDS) {
  for (let i = 0; i < WARM_UP; i += 1) {
    await work();
    await baseline();
  }
  const page: number[] = [];
  const key: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    let start = performance.now();
    await work();
    page.push(performance.now() - start);
    start = performance.now();
    await baseline();
    key.push(performance.now() - start);
  }
  return { page, key };
}

async function main() {
  const fresh = await freshDatabase();
  try {
    await migrate(fresh.db);
    const business = await createBusiness(fresh.db.kysely, {
      name: 'Bench', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
      admin: { email: `bench.${newId().slice(-8)}@example.fr`, password: 'a long bench passphrase', name: 'Bench' },
    });
    const started = performance.now();
    const { contactId, entries } = await load(fresh.db, business);
    const loadSeconds = (performance.now() - started) / 1000;

    const scope = { businessId: business.businessId, contactId, locationId: null };
    const cursorBefore = (index: number) => {
      const entry = entries[index - 1];
      return entry ? encodeCursor([entry.date, entry.seq]) : undefined;
    };
    const pages = [
      { name: 'first', start: 0 },
      { name: 'middle', start: Math.floor(entryCount / 2) },
      { name: 'last', start: entryCount - limit },
    ];

    const token = newSecret();
    await fresh.db.kysely.insertInto('api_tokens').values({
      id: newId(), business_id: business.businessId, user_id: business.adminUserId, name: 'bench',
      token_hash: hashSecret(token), created_at: nowIso(), last_used_at: null, revoked_at: null,
    }).execute();
    const app = await buildApp({ db: fresh.db, config: { ...loadConfig({}), databaseUrl: fresh.db.url, webRoot: '/nonexistent' } }, { logger: false });
    await app.ready();

    const rows: string[] = [];
    for (const { name, start } of pages) {
      const cursor = cursorBefore(start);
      const ids = entries.slice(start, start + limit).map((e) => e.id);
      const byKey = () => fresh.db.kysely.selectFrom('ledger_entries').where('id', 'in', ids).selectAll().execute();
      const check = await readLedgerPage(fresh.db.kysely, scope, { cursor, limit });
      if (check.items.length !== limit || check.items[0]?.id !== ids[0]) throw new Error(`${name} page starts at the wrong entry`);

      const direct = await compare(() => readLedgerPage(fresh.db.kysely, scope, { cursor, limit }), byKey);
      const url = `/api/v1/contacts/${contactId}/ledger?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
      const http = await compare(
        () => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
        byKey,
        100,
      );
      for (const [via, timing] of [['readLedgerPage', direct], ['HTTP inject', http]] as const) {
        const ratio = median(timing.page) / median(timing.key);
        rows.push(
          `| ${name} | ${via} | ${median(timing.page).toFixed(3)} | ${percentile(timing.page, 0.95).toFixed(3)} | ` +
            `${median(timing.key).toFixed(3)} | ${ratio.toFixed(2)} |`,
        );
      }
    }
    // The floor of any authenticated request: token lookup, user and role, one small query.
    const floor = await compare(
      () => app.inject({ method: 'GET', url: '/api/v1/payment-methods', headers: { authorization: `Bearer ${token}` } }),
      () => fresh.db.kysely.selectFrom('ledger_entries').where('id', 'in', entries.slice(0, limit).map((e) => e.id)).selectAll().execute(),
      100,
    );
    rows.push(
      `| (none: GET /api/v1/payment-methods) | HTTP inject | ${median(floor.page).toFixed(3)} | ${percentile(floor.page, 0.95).toFixed(3)} | ` +
        `${median(floor.key).toFixed(3)} | ${(median(floor.page) / median(floor.key)).toFixed(2)} |`,
    );
    await app.close();

    console.log(`engine ${engine}, ${entryCount} entries on one contact (${PER_DAY} a day), pages of ${limit}, loaded in ${loadSeconds.toFixed(1)} s`);
    console.log('| page | through | median ms | p95 ms | primary-key read median ms | ratio |');
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
  } finally {
    await fresh.drop();
  }
}

await main();
