/**
 * A deterministic business for the contact benchmarks: N contacts from
 * `sampleContact` (French and other European names, towns and phones) and
 * about 10 ledger entries per contact, written straight to the tables the
 * way the app's own postings leave them. The same version, size and
 * migrations give the same data, so the database is generated once and kept
 * under bench/results/ (SQLite file, or a PostgreSQL database named after
 * the same key).
 *
 * Each contact alternates sales (purchases for suppliers) with payments that
 * settle them. About half end with one or two unpaid documents, which are
 * its open items and make its receivable (payable for suppliers). The cached
 * figures, last activity and last sale dates are set from those entries.
 * NOTE: entries point at no documents or payment rows, and ledger_totals is
 * left empty; the search, list and totals benchmarks read neither.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { sql } from 'kysely';
import pg from 'pg';
import { insertBusiness, prepareBusiness } from '../src/auth/businesses.ts';
import { type Db, type Engine, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { quoteIdent } from '../src/db/migrations/0004_contact_search.ts';
import { contactWordTriggers, fillContactWordsSql } from '../src/db/migrations/0015_contact_words.ts';
import { fillEarliestOpenDueSql } from '../src/db/migrations/0027_earliest_open_due.ts';
import { addDays } from '../src/ledger/dates.ts';
import { sampleContact, seededRandom } from '../src/demo/sample-data.ts';
import { SESSION_COOKIE } from '../src/auth/context.ts';
import { hashSecret, newSecret, nowIso } from '../src/shared/ids.ts';

/** Changes whenever the generated data changes. */
export const GENERATOR_VERSION = 2;
export const SEED = 20_240_601;
const GROUPS = ['Grossistes', 'Restaurants', 'Particuliers fidèles', 'Associations', 'Export'];

export const PG_ADMIN_URL = process.env.COMPTOIR_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

export interface BenchBusiness {
  db: Db;
  businessId: string;
  /** The Cookie header of a signed-in session of the business's admin. */
  cookie: string;
  contacts: number;
  entries: number;
  /** Seconds spent generating, or 0 when the cached database was reused. */
  generatedIn: number;
}

/** Builds a deterministic UUIDv7-shaped id; `kind` keeps contacts, entries and items apart. */
function benchId(kind: number, index: number): string {
  const hex = index.toString(16).padStart(12, '0');
  return `0190${kind.toString(16).padStart(4, '0')}-0000-7000-8000-${hex}`;
}

/**
 * The cache name: generator version and size. Migrations added after the
 * data was generated are applied when the cached database is opened.
 */
function cacheKey(contacts: number): string {
  return `contacts_v${GENERATOR_VERSION}_${contacts}`;
}

// ------------------------------------------------------------- rows

export interface ContactRowValues {
  [column: string]: string | number | null;
}

interface LedgerRows {
  entries: (string | number | null)[][];
  items: (string | number | null)[][];
  figures: { balance: number; receivable: number; payable: number; lastActivity: string; lastSale: string };
}

const entryColumns = ['id', 'business_id', 'contact_id', 'seq', 'date', 'type', 'reference', 'location_id', 'debit',
  'credit', 'memo', 'source_type', 'source_id', 'reverses_entry_id', 'created_by', 'created_at'];
const itemColumns = ['id', 'business_id', 'contact_id', 'side', 'kind', 'source_type', 'source_id', 'reference', 'date',
  'due_date', 'location_id', 'amount', 'open_amount', 'status', 'created_at'];

/** Ledger entries of contact `index`: sale/payment pairs, the last one or two documents left unpaid for half of them. */
function ledgerOf(index: number, contactId: string, type: string, createdOn: string, context: LoadContext, entryBase: number): LedgerRows {
  const random = seededRandom(SEED * 7 + index);
  const count = 3 + Math.floor(random() * 17);
  let unpaid = 0;
  if (random() < 0.5) unpaid = random() < 0.7 ? 1 : 2;
  const supplier = type === 'supplier';
  const entries: LedgerRows['entries'] = [];
  const items: LedgerRows['items'] = [];
  let date = createdOn;
  let seq = 0;
  let open = 0;
  let lastSale = '';
  const documents = Math.ceil(count / 2);
  for (let doc = 0; doc < documents && seq < count; doc += 1) {
    date = addDays(date, 1 + Math.floor(random() * 40));
    if (date > context.lastDay) date = context.lastDay;
    const amount = 500 + Math.floor(random() * 30_000);
    const documentId = benchId(3, entryBase + seq);
    seq += 1;
    entries.push([benchId(2, entryBase + seq - 1), context.businessId, contactId, seq, date, supplier ? 'purchase' : 'sale',
      `${supplier ? 'AC' : 'VE'}-${index}-${doc}`, context.locationId, supplier ? 0 : amount, supplier ? amount : 0, null,
      'document', documentId, null, null, `${date}T10:00:00.000Z`]);
    if (!supplier) lastSale = date;
    const isUnpaid = doc >= documents - unpaid;
    if (isUnpaid || seq >= count) {
      open += amount;
      items.push([documentId, context.businessId, contactId, supplier ? 'credit' : 'debit', supplier ? 'purchase' : 'sale',
        'document', documentId, `${supplier ? 'AC' : 'VE'}-${index}-${doc}`, date, addDays(date, 30), context.locationId,
        amount, amount, 'open', `${date}T10:00:00.000Z`]);
      continue;
    }
    seq += 1;
    entries.push([benchId(2, entryBase + seq - 1), context.businessId, contactId, seq, date,
      supplier ? 'payment_made' : 'payment_received', `RG-${index}-${doc}`, context.locationId, supplier ? amount : 0,
      supplier ? 0 : amount, null, 'payment', benchId(4, entryBase + seq - 1), null, null, `${date}T11:00:00.000Z`]);
  }
  return {
    entries,
    items,
    figures: {
      balance: supplier ? -open : open,
      receivable: supplier ? 0 : open,
      payable: supplier ? open : 0,
      lastActivity: date,
      lastSale,
    },
  };
}

interface LoadContext {
  businessId: string;
  locationId: string;
  groupIds: string[];
  lastDay: string;
}

function contactOf(index: number, context: LoadContext): { row: ContactRowValues; ledger: LedgerRows; entryCount: number } {
  const sample = sampleContact(SEED, index);
  const random = seededRandom(SEED * 3 + index);
  const id = benchId(1, index);
  const createdOn = addDays('2021-01-01', Math.floor((index / 1_000_000) * 1500) % 1500);
  const phone = parsePhoneNumberFromString(sample.mobile, sample.country as CountryCode);
  const name = sample.businessName ?? [sample.firstName, sample.lastName].filter(Boolean).join(' ');
  const ledger = ledgerOf(index, id, sample.type, createdOn, context, index * 20);
  // A supplier has no customer-only field. The random draws still happen, so
  // every other value is the same as earlier runs of this version generated.
  const customerOnly = <T>(value: T): T | null => (sample.type === 'supplier' ? null : value);
  const row: ContactRowValues = {
    id,
    business_id: context.businessId,
    code: `CO${String(index + 1).padStart(7, '0')}`,
    type: sample.type,
    kind: sample.kind,
    prefix: null,
    first_name: sample.firstName,
    middle_name: null,
    last_name: sample.lastName,
    business_name: sample.businessName,
    name,
    mobile: sample.mobile,
    mobile_e164: phone?.isValid() ? phone.number : null,
    mobile_digits: sample.mobile.replace(/\D/g, ''),
    email: sample.email,
    email_key: sample.email?.toLowerCase() ?? null,
    address_line1: sample.addressLine1,
    city: sample.city,
    state: sample.state,
    country: sample.country,
    zip_code: sample.zipCode,
    date_of_birth: sample.dateOfBirth,
    customer_group_id: customerOnly(random() < 0.2 ? context.groupIds[index % context.groupIds.length] ?? null : null),
    credit_limit: customerOnly(random() < 0.1 ? 100_000 : null),
    pay_term_end_of_month: 0,
    opening_balance: 0,
    loyalty_card_number: customerOnly(random() < 0.3 ? `FID${String(index).padStart(9, '0')}` : null),
    status: random() < 0.05 ? 'inactive' : 'active',
    custom_fields: '{}',
    balance: ledger.figures.balance,
    receivable: ledger.figures.receivable,
    payable: ledger.figures.payable,
    advance: 0,
    last_activity_on: ledger.figures.lastActivity,
    last_sale_on: ledger.figures.lastSale,
    created_at: `${createdOn}T09:00:00.000Z`,
    updated_at: `${createdOn}T09:00:00.000Z`,
  };
  return { row, ledger, entryCount: ledger.entries.length };
}

const contactColumns: string[] = Object.keys(
  contactOf(0, { businessId: '', locationId: '', groupIds: [''], lastDay: '2026-06-30' }).row,
);

// ----------------------------------------------------------- writers

type Row = (string | number | null)[];

/** Bulk access to the database being generated, in its engine's fastest form. */
interface Loader {
  exec(statement: string): Promise<void>;
  query<T>(statement: string, values?: unknown[]): Promise<T[]>;
  insert(table: string, columns: string[], rows: Row[]): Promise<void>;
}

function sqliteLoader(connection: SQLite.Database): Loader {
  const statements = new Map<string, SQLite.Statement>();
  return {
    async exec(statement) {
      connection.exec(statement);
    },
    async query<T>(statement: string, values: unknown[] = []) {
      return connection.prepare(statement).all(...values) as T[];
    },
    async insert(table, columns, rows) {
      const key = `${table}(${columns.join(',')})`;
      let insert = statements.get(key);
      if (!insert) {
        insert = connection.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
        statements.set(key, insert);
      }
      const statement = insert;
      connection.transaction(() => {
        for (const row of rows) statement.run(row);
      })();
    },
  };
}

function postgresLoader(pool: pg.Pool): Loader {
  const typesOf = new Map<string, Map<string, string>>();
  const columnTypes = async (table: string) => {
    let types = typesOf.get(table);
    if (!types) {
      const result = await pool.query<{ column_name: string; data_type: string }>(
        'select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1',
        [table],
      );
      types = new Map(result.rows.map((row) => [row.column_name, row.data_type === 'bigint' || row.data_type === 'integer' ? 'bigint' : 'text']));
      typesOf.set(table, types);
    }
    return types;
  };
  return {
    async exec(statement) {
      await pool.query(statement);
    },
    async query<T>(statement: string, values: unknown[] = []) {
      return (await pool.query(statement, values)).rows as T[];
    },
    async insert(table, columns, rows) {
      if (rows.length === 0) return;
      const types = await columnTypes(table);
      const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
      const selects = columns.map((column, i) => `$${i + 1}::${types.get(column) ?? 'text'}[]`).join(', ');
      await pool.query(`insert into ${table} (${columns.join(', ')}) select * from unnest(${selects})`, arrays);
    },
  };
}

/**
 * Drops the secondary indexes of `tables` for the load and creates them
 * again after, from the database's own definitions, so bulk inserts do not
 * pay for them row by row.
 */
async function withoutIndexes(loader: Loader, engine: Engine, tables: string[], load: () => Promise<void>): Promise<void> {
  const list = tables.map((table) => `'${table}'`).join(', ');
  const rows = engine === 'sqlite'
    ? await loader.query<{ name: string; definition: string }>(
      `select name, sql as definition from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list})`)
    : await loader.query<{ name: string; definition: string }>(
      `select i.indexname as name, i.indexdef as definition from pg_indexes i
       where i.schemaname = current_schema() and i.tablename in (${list})
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`);
  for (const row of rows) await loader.exec(`drop index ${row.name}`);
  await load();
  for (const row of rows) {
    const started = Date.now();
    await loader.exec(row.definition);
    console.log(`  index ${row.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Drops the trigger that keeps `last_activity_on` for the load: the generator sets those dates itself. */
async function withoutActivityTrigger(loader: Loader, engine: Engine, load: () => Promise<void>): Promise<void> {
  if (engine === 'postgres') {
    await loader.exec('alter table ledger_entries disable trigger ledger_entries_activity');
    await load();
    await loader.exec('alter table ledger_entries enable trigger ledger_entries_activity');
    return;
  }
  const [trigger] = await loader.query<{ sql: string }>(
    "select sql from sqlite_master where type = 'trigger' and name = 'ledger_entries_activity'");
  await loader.exec('drop trigger ledger_entries_activity');
  await load();
  await loader.exec((trigger as { sql: string }).sql);
}

/**
 * PostgreSQL: disables the triggers that keep `contact_words` for the load,
 * which fills the table in one statement after the contacts instead of row
 * by row.
 */
async function withoutWordTriggers(loader: Loader, engine: Engine, load: () => Promise<void>): Promise<void> {
  if (engine !== 'postgres') return load();
  for (const trigger of contactWordTriggers) await loader.exec(`alter table contacts disable trigger ${trigger}`);
  await load();
  for (const trigger of contactWordTriggers) await loader.exec(`alter table contacts enable trigger ${trigger}`);
}

/**
 * Turns off the triggers that keep `earliest_open_due_on` for the load and
 * writes the date in one statement after it. Each trigger reads the
 * contact's open items, and `open_items` has no index during the load, so
 * with the triggers on, the load's time grows with the square of its size.
 */
async function withoutDueTriggers(loader: Loader, engine: Engine, load: () => Promise<void>): Promise<void> {
  if (engine === 'postgres') {
    await loader.exec('alter table open_items disable trigger open_items_earliest_due');
    await load();
    await loader.exec('alter table open_items enable trigger open_items_earliest_due');
  } else {
    const triggers = await loader.query<{ name: string; sql: string }>(
      "select name, sql from sqlite_master where type = 'trigger' and name like 'open_items_earliest_due_%'");
    if (triggers.length !== 3) throw new Error(`expected 3 earliest due triggers on open_items, found ${triggers.length}`);
    for (const trigger of triggers) await loader.exec(`drop trigger ${trigger.name}`);
    await load();
    for (const trigger of triggers) await loader.exec(trigger.sql);
  }
  const started = Date.now();
  await loader.exec(fillEarliestOpenDueSql('contacts', 'open_items'));
  console.log(`  earliest open due dates filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ------------------------------------------------------------- load

async function load(loader: Loader, contacts: number, context: LoadContext): Promise<number> {
  const BATCH = 10_000;
  let entryTotal = 0;
  let lastLog = Date.now();
  for (let start = 0; start < contacts; start += BATCH) {
    const rows: Row[] = [];
    const entries: Row[] = [];
    const items: Row[] = [];
    for (let index = start; index < Math.min(start + BATCH, contacts); index += 1) {
      const contact = contactOf(index, context);
      rows.push(contactColumns.map((column) => contact.row[column] ?? null));
      entries.push(...contact.ledger.entries);
      items.push(...contact.ledger.items);
    }
    await loader.insert('contacts', contactColumns, rows);
    await loader.insert('ledger_entries', entryColumns, entries);
    await loader.insert('open_items', itemColumns, items);
    entryTotal += entries.length;
    if (Date.now() - lastLog > 15_000) {
      console.log(`  ${start + rows.length} contacts, ${entryTotal} entries`);
      lastLog = Date.now();
    }
  }
  return entryTotal;
}

async function fill(loader: Loader, engine: Engine, contacts: number, context: LoadContext): Promise<void> {
  let entries = 0;
  const tables = ['contacts', 'ledger_entries', 'open_items', ...(engine === 'postgres' ? ['contact_words'] : [])];
  await withoutActivityTrigger(loader, engine, () =>
    withoutWordTriggers(loader, engine, () =>
      withoutIndexes(loader, engine, tables, async () => {
        await withoutDueTriggers(loader, engine, async () => {
          entries = await load(loader, contacts, context);
        });
        if (engine === 'postgres') await fillWords(loader);
      })));
  await loader.exec(engine === 'sqlite' ? 'analyze' : 'vacuum analyze');
  await loader.exec('create table bench_meta (entries bigint not null)');
  await loader.exec(`insert into bench_meta (entries) values (${entries})`);
}

async function fillWords(loader: Loader): Promise<void> {
  const [{ schema }] = await loader.query<{ schema: string }>('select current_schema() as schema') as [{ schema: string }];
  const started = Date.now();
  await loader.exec(fillContactWordsSql(quoteIdent(schema)));
  console.log(`  contact_words filled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function createBenchBusiness(db: Db): Promise<{ context: LoadContext; adminUserId: string }> {
  const prepared = await prepareBusiness({
    name: 'Comptoir Bench', currency: 'EUR', locale: 'fr', timezone: 'Europe/Paris', country: 'FR',
    admin: { email: 'bench@example.fr', password: 'bench correct horse battery', name: 'Bench' },
  });
  const created = await db.kysely.transaction().execute((trx) => insertBusiness(trx, prepared));
  const groupIds: string[] = [];
  for (const [i, name] of GROUPS.entries()) {
    const id = benchId(9, i);
    const now = nowIso();
    await db.kysely.insertInto('customer_groups').values({
      id, business_id: created.businessId, name, name_key: name.toLowerCase(), calculation: 'percentage',
      percentage_bp: 500, price_group_id: null, created_at: now, updated_at: now,
    } as never).execute();
    groupIds.push(id);
  }
  return {
    context: { businessId: created.businessId, locationId: created.locationId, groupIds, lastDay: '2026-06-30' },
    adminUserId: created.adminUserId,
  };
}

/**
 * Creates a browser session for the bench user, as signing in does: the
 * web app calls the picker and the lists with its session cookie.
 */
async function benchSession(db: Db): Promise<{ businessId: string; cookie: string }> {
  const user = await db.kysely.selectFrom('users').select(['id', 'business_id']).where('email', '=', 'bench@example.fr')
    .executeTakeFirstOrThrow();
  const secret = newSecret();
  const now = new Date();
  await db.kysely.insertInto('sessions').values({
    id: hashSecret(secret), business_id: user.business_id, user_id: user.id, csrf_token: newSecret(),
    created_at: now.toISOString(), expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
    last_seen_at: now.toISOString(),
  }).execute();
  return { businessId: user.business_id, cookie: `${SESSION_COOKIE}=${secret}` };
}

/** Opens the cached business for `contacts`, generating it first when missing. */
export async function openBenchBusiness(engine: Engine, contacts: number): Promise<BenchBusiness> {
  const key = cacheKey(contacts);
  const started = Date.now();
  let generated = false;
  let db: Db;

  if (engine === 'sqlite') {
    mkdirSync(resultsDir, { recursive: true });
    const path = join(resultsDir, `${key}.sqlite`);
    if (!existsSync(path)) {
      const partial = `${path}.partial`;
      rmSync(partial, { force: true });
      console.log(`generating ${contacts} contacts into ${partial}`);
      const building = openDatabase(`sqlite:${partial}`);
      await migrate(building);
      const { context } = await createBenchBusiness(building);
      await building.close();
      const connection = new SQLite(partial);
      connection.pragma('journal_mode = WAL');
      connection.pragma('synchronous = OFF');
      connection.pragma('cache_size = -1000000');
      await fill(sqliteLoader(connection), engine, contacts, context);
      connection.pragma('wal_checkpoint(TRUNCATE)');
      connection.close();
      rmSync(`${partial}-wal`, { force: true });
      rmSync(`${partial}-shm`, { force: true });
      renameSync(partial, path);
      generated = true;
    }
    db = openDatabase(`sqlite:${path}`);
  } else {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    const exists = await admin.query('select 1 from pg_database where datname = $1', [key]);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${key}`;
    if (exists.rowCount === 0) {
      console.log(`generating ${contacts} contacts into PostgreSQL database ${key}`);
      await admin.query(`create database ${key}_partial`);
      const partialUrl = new URL(PG_ADMIN_URL);
      partialUrl.pathname = `/${key}_partial`;
      const building = openDatabase(partialUrl.toString());
      await migrate(building);
      const { context } = await createBenchBusiness(building);
      await building.close();
      const pool = new pg.Pool({ connectionString: partialUrl.toString(), max: 1 });
      await fill(postgresLoader(pool), engine, contacts, context);
      await pool.end();
      await admin.query(`alter database ${key}_partial rename to ${key}`);
      generated = true;
    }
    await admin.end();
    db = openDatabase(url.toString());
  }

  const migrating = Date.now();
  const applied = await migrate(db);
  if (applied.length > 0) {
    const seconds = ((Date.now() - migrating) / 1000).toFixed(1);
    console.log(`applied to the cached database in ${seconds} s: ${applied.join(', ')}`);
    // PostgreSQL: fresh statistics and visibility map for the tables a
    // migration filled, so the first run plans and reads (index-only scans
    // included) as later runs do.
    if (engine === 'postgres') await sql.raw('vacuum analyze').execute(db.kysely);
  }
  const meta = await db.kysely.selectFrom('bench_meta' as never).select('entries' as never).executeTakeFirstOrThrow();
  const { businessId, cookie } = await benchSession(db);
  return {
    db,
    businessId,
    cookie,
    contacts,
    entries: Number((meta as { entries: number }).entries),
    generatedIn: generated ? (Date.now() - started) / 1000 : 0,
  };
}
