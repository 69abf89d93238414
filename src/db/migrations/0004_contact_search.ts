import { type Kysely, sql } from 'kysely';
import { letterSpellings, spellLettersSql, sqliteFoldSql } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';

/**
 * Contact search, sorting and list filters, kept by the database itself so
 * that no writer has to remember them:
 * - a folded sort name (`sort_name`), set by a trigger from `name`;
 * - a word index over names, code, email, tax number, card and city, and a
 *   digits index over the phones (SQLite: FTS5 tables filled by triggers;
 *   PostgreSQL: GIN indexes over expressions, with unaccent and pg_trgm);
 * - the dates of a contact's last ledger entry and last sale, set by a
 *   trigger on `ledger_entries`;
 * - indexes for the list filters, and the saved list views of each user.
 */
export function contactSearch(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await addContactColumns(db, engine);
      if (engine === 'sqlite') {
        await createSqliteSearch(db);
        await createSqliteActivityTrigger(db);
      } else {
        await createPostgresExtensions(db);
        await createPostgresFunctions(db);
        await createPostgresSearchIndexes(db);
        await createPostgresTriggers(db);
      }
      await createFilterIndexes(db);
      await createContactViews(db);
    },
  };
}

async function addContactColumns(db: Kysely<any>, engine: Engine): Promise<void> {
  // "C" collation on PostgreSQL: byte order, as SQLite compares, so both
  // engines sort alike and keyset cursors compare as the index does.
  const sortNameType = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .alterTable('contacts')
    .addColumn('sort_name', sortNameType, (c) => c.notNull().defaultTo(''))
    .execute();
  // '' until the contact has a ledger entry (or a sale): a non-null value keeps
  // sorting and keyset comparisons the same on both engines.
  await db.schema
    .alterTable('contacts')
    .addColumn('last_activity_on', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('last_sale_on', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

// ---------------------------------------------------------------- SQLite

/** SQLite: the phone digits of the contact row `row` (NEW or OLD), space-separated. */
export function sqliteDigitsSql(row: string): string {
  const digitsOf = (column: string) =>
    ["' '", "'.'", "'-'", "'('", "')'", "'+'", "'/'"].reduce(
      (expression, character) => `replace(${expression}, ${character}, '')`,
      `coalesce(${row}.${column}, '')`,
    );
  return [
    `coalesce(${row}.mobile_digits, '')`,
    `replace(coalesce(${row}.mobile_e164, ''), '+', '')`,
    digitsOf('alternate_number'),
    `replace(coalesce(${row}.alternate_number_e164, ''), '+', '')`,
    digitsOf('landline'),
    `replace(coalesce(${row}.landline_e164, ''), '+', '')`,
  ].join(` || ' ' || `);
}

export function sqliteJoined(row: string, columns: string[]): string {
  return spellLettersSql(columns.map((column) => `coalesce(${row}.${column}, '')`).join(` || ' ' || `));
}

export const nameColumns = ['first_name', 'middle_name', 'last_name', 'business_name'];
export const otherColumns = [
  'code', 'email', 'tax_number', 'tax_number_key', 'loyalty_card_number', 'city', 'mobile_digits',
];

/** Columns whose change rewrites a contact's search entries. */
export const searchedColumns = [
  ...nameColumns, ...otherColumns, 'mobile', 'mobile_e164', 'alternate_number', 'alternate_number_e164',
  'landline', 'landline_e164',
];

/** SQLite: the text of the word index's two columns for the contact row `row` (NEW, OLD or an alias). */
export function sqliteIndexedWords(row: string): { names: string; others: string } {
  return {
    names: sqliteJoined(row, nameColumns),
    others: `${sqliteJoined(row, otherColumns)} || ' ' || replace(coalesce(${row}.mobile_e164, ''), '+', '')`,
  };
}

function sqliteIndexRow(row: string): string[] {
  const doc = `(select doc_id from contact_fts_docs where contact_id = ${row}.id)`;
  const words = sqliteIndexedWords(row);
  return [
    `insert into contact_fts (rowid, names, others) values (${doc}, ${words.names}, ${words.others})`,
    `insert into contact_phone_fts (rowid, digits) values (${doc}, ${sqliteDigitsSql(row)})`,
  ];
}

function sqliteUnindexRow(row: string): string[] {
  const doc = `(select doc_id from contact_fts_docs where contact_id = ${row}.id)`;
  return [
    `delete from contact_fts where rowid = ${doc}`,
    `delete from contact_phone_fts where rowid = ${doc}`,
  ];
}

/**
 * FTS5 tables without content of their own (`content=''`), keyed by a
 * document number from `contact_fts_docs`: a contact's own rowid could change
 * on VACUUM, the document number cannot. The prefix index makes `hel*` a
 * single lookup instead of a scan of every term. Phones go to a trigram table,
 * where any run of three digits or more matches wherever it sits.
 */
async function createSqliteSearch(db: Kysely<any>): Promise<void> {
  const statements = [
    `create table contact_fts_docs (
       doc_id integer primary key,
       contact_id text not null unique
     )`,
    `create virtual table contact_fts using fts5(
       names, others,
       content = '', contentless_delete = 1,
       tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3'
     )`,
    `create virtual table contact_phone_fts using fts5(
       digits,
       content = '', contentless_delete = 1, tokenize = 'trigram'
     )`,
    `create trigger contacts_search_insert after insert on contacts begin
       insert into contact_fts_docs (contact_id) values (new.id);
       ${sqliteIndexRow('new').join(';\n')};
       update contacts set sort_name = ${sqliteFoldSql('new.name')} where rowid = new.rowid;
     end`,
    `create trigger contacts_search_update after update of ${searchedColumns.join(', ')} on contacts begin
       ${sqliteUnindexRow('old').join(';\n')};
       ${sqliteIndexRow('new').join(';\n')};
     end`,
    `create trigger contacts_sort_name_update after update of name on contacts begin
       update contacts set sort_name = ${sqliteFoldSql('new.name')} where rowid = new.rowid;
     end`,
    `create trigger contacts_search_delete after delete on contacts begin
       ${sqliteUnindexRow('old').join(';\n')};
       delete from contact_fts_docs where contact_id = old.id;
     end`,
    // Contacts that exist before this migration.
    `insert into contact_fts_docs (contact_id) select id from contacts order by created_at, id`,
    `insert into contact_fts (rowid, names, others)
       select d.doc_id, ${sqliteJoined('c', nameColumns)},
              ${sqliteJoined('c', otherColumns)} || ' ' || replace(coalesce(c.mobile_e164, ''), '+', '')
       from contacts c join contact_fts_docs d on d.contact_id = c.id`,
    `insert into contact_phone_fts (rowid, digits)
       select d.doc_id, ${sqliteDigitsSql('c')} from contacts c join contact_fts_docs d on d.contact_id = c.id`,
    `update contacts set sort_name = ${sqliteFoldSql('name')}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/**
 * Ledger entries are append-only, so the latest dates only ever move
 * forward; a merge, which moves entries between contacts, sets them again.
 * A void posts a reversal, not a sale, so `voidDocument` sets the last sale
 * again itself (`refreshLastSale`).
 */
async function createSqliteActivityTrigger(db: Kysely<any>): Promise<void> {
  await sql.raw(`create trigger ledger_entries_activity after insert on ledger_entries begin
      update contacts set last_activity_on = new.date
        where id = new.contact_id and last_activity_on < new.date;
      update contacts set last_sale_on = new.date
        where new.type = 'sale' and id = new.contact_id and last_sale_on < new.date;
    end`).execute(db);
}

// ------------------------------------------------------------ PostgreSQL

const requiredExtensions = ['unaccent', 'pg_trgm'];

async function createPostgresExtensions(db: Kysely<any>): Promise<void> {
  const available = await sql<{ name: string }>`
    select name from pg_available_extensions where name in (${sql.join(requiredExtensions)})`.execute(db);
  const names = new Set(available.rows.map((row) => row.name));
  const missing = requiredExtensions.filter((name) => !names.has(name));
  if (missing.length > 0) {
    throw new Error(
      `PostgreSQL lacks the extension(s) ${missing.join(', ')}, which contact search needs: ` +
        'install the server\'s contrib package (postgresql-contrib on Debian) and run the migrations again.',
    );
  }
  for (const name of requiredExtensions) {
    try {
      await sql`create extension if not exists ${sql.id(name)}`.execute(db);
    } catch (error) {
      throw new Error(
        `Could not create the PostgreSQL extension ${name} (${(error as Error).message}): ` +
          'run "create extension ' + name + '" as a superuser or as the database owner, then run the migrations again.',
      );
    }
  }
}

/** The schema the extension's objects live in, for schema-qualified calls. */
export async function extensionSchema(db: Kysely<any>, name: string): Promise<string> {
  const row = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = ${name}`.execute(db);
  const schema = row.rows[0]?.schema;
  if (!schema) throw new Error(`PostgreSQL extension ${name} is not installed`);
  return schema;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Search functions, declared immutable so that indexes can use them.
 * unaccent() itself is only stable, because its dictionary could change;
 * naming the dictionary makes the result fixed. Every call inside is
 * schema-qualified, so index rebuilds by pg_restore (which runs with an empty
 * search_path) find them.
 */
async function createPostgresFunctions(db: Kysely<any>): Promise<void> {
  const unaccent = quoteIdent(await extensionSchema(db, 'unaccent'));
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  const spelled = letterSpellings.reduce((expression, [from, to]) => `replace(${expression}, '${from}', '${to}')`, 'value');
  const words = (expression: string) => `regexp_replace(${own}.comptoir_fold(${expression}), '[^[:alnum:]]+', ' ', 'g')`;
  const joined = (columns: string[]) => columns.map((column) => `coalesce(${column}, '')`).join(` || ' ' || `);

  const statements = [
    `create or replace function ${own}.comptoir_fold(value text) returns text
       language sql immutable strict parallel safe
       as $$ select lower(${unaccent}.unaccent('${unaccent}.unaccent'::regdictionary, ${spelled})) $$`,
    `create or replace function ${own}.comptoir_contact_words(
       first_name text, middle_name text, last_name text, business_name text, code text, email text,
       tax_number text, tax_number_key text, loyalty_card_number text, city text, mobile_digits text,
       mobile_e164 text) returns tsvector
       language sql immutable parallel safe
       as $$ select
         setweight(to_tsvector('pg_catalog.simple'::regconfig, ${words(joined(nameColumns))}), 'A') ||
         setweight(to_tsvector('pg_catalog.simple'::regconfig,
           ${words(joined(otherColumns))} || ' ' || replace(coalesce(mobile_e164, ''), '+', '')), 'B') $$`,
    `create or replace function ${own}.comptoir_contact_digits(
       mobile_digits text, mobile_e164 text, alternate_number text, alternate_number_e164 text,
       landline text, landline_e164 text) returns text
       language sql immutable parallel safe
       as $$ select coalesce(mobile_digits, '') || ' ' || replace(coalesce(mobile_e164, ''), '+', '') || ' ' ||
         regexp_replace(coalesce(alternate_number, ''), '\\D', '', 'g') || ' ' ||
         replace(coalesce(alternate_number_e164, ''), '+', '') || ' ' ||
         regexp_replace(coalesce(landline, ''), '\\D', '', 'g') || ' ' ||
         replace(coalesce(landline_e164, ''), '+', '') $$`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** The indexed expressions; queries must repeat them exactly to use the indexes. */
export const postgresWordsExpression =
  'comptoir_contact_words(first_name, middle_name, last_name, business_name, code, email, tax_number, ' +
  'tax_number_key, loyalty_card_number, city, mobile_digits, mobile_e164)';
export const postgresDigitsExpression =
  'comptoir_contact_digits(mobile_digits, mobile_e164, alternate_number, alternate_number_e164, landline, landline_e164)';

/**
 * GIN indexes without a pending list (`fastupdate = off`): each write updates
 * the index at once, so a search never scans unmerged entries.
 */
export async function createPostgresSearchIndexes(db: Kysely<any>): Promise<void> {
  await sql.raw(`create index if not exists contacts_search_words on contacts
    using gin ((${postgresWordsExpression})) with (fastupdate = off)`).execute(db);
  await sql.raw(`create index if not exists contacts_search_digits on contacts
    using gin ((${postgresDigitsExpression}) gin_trgm_ops) with (fastupdate = off)`).execute(db);
}

async function createPostgresTriggers(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  const statements = [
    `create or replace function ${own}.comptoir_contacts_sort_name() returns trigger language plpgsql as $$
     begin
       new.sort_name := ${own}.comptoir_fold(new.name);
       return new;
     end $$`,
    `create trigger contacts_sort_name before insert or update of name on contacts
       for each row execute function ${own}.comptoir_contacts_sort_name()`,
    `update contacts set sort_name = ${own}.comptoir_fold(name)`,
    `create or replace function ${own}.comptoir_ledger_activity() returns trigger language plpgsql as $$
     begin
       update contacts set last_activity_on = new.date
         where id = new.contact_id and last_activity_on < new.date;
       if new.type = 'sale' then
         update contacts set last_sale_on = new.date
           where id = new.contact_id and last_sale_on < new.date;
       end if;
       return null;
     end $$`,
    `create trigger ledger_entries_activity after insert on ledger_entries
       for each row execute function ${own}.comptoir_ledger_activity()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

// ------------------------------------------------------------- Both engines

async function createFilterIndexes(db: Kysely<any>): Promise<void> {
  const indexes: [string, string][] = [
    ['contacts_sort_name', 'business_id, sort_name, id'],
    ['contacts_last_activity', 'business_id, last_activity_on, id'],
    ['contacts_last_sale', 'business_id, last_sale_on'],
    ['contacts_group', 'business_id, customer_group_id'],
    ['contacts_alternate_number', 'business_id, alternate_number_e164'],
    ['contacts_landline', 'business_id, landline_e164'],
    ['contacts_birthday', 'business_id, substr(date_of_birth, 6, 5)'],
  ];
  for (const [name, columns] of indexes) {
    await sql.raw(`create index ${name} on contacts (${columns})`).execute(db);
  }
}

async function createContactViews(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('contact_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('sort', 'text', (c) => c.notNull())
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contact_views_user_name')
    .unique()
    .on('contact_views')
    .columns(['business_id', 'user_id', 'name'])
    .execute();
}
