import { type Kysely, sql } from 'kysely';
import { sqliteFoldSql } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';

/**
 * Keys for finding likely duplicate contacts, kept by the database:
 * `duplicate_name_key` (set by a trigger) is the folded city and name, with
 * an individual's first and last names in alphabetical order so that
 * "Jean Faure" and "FAURE Jean" meet; it is '' without a city, because a
 * common name alone says little. Loyalty cards compare without spaces,
 * dashes or dots, in upper case, through an expression index.
 */
export function contactDuplicates(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      const keyType = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
      await db.schema
        .alterTable('contacts')
        .addColumn('duplicate_name_key', keyType, (c) => c.notNull().defaultTo(''))
        .execute();
      if (engine === 'sqlite') await createSqliteTriggers(db);
      else await createPostgresTrigger(db);
      await sql.raw('create index contacts_duplicate_name on contacts (business_id, duplicate_name_key)').execute(db);
      await sql.raw(`create index contacts_duplicate_card on contacts (business_id, ${cardKeyExpression})`).execute(db);
    },
  };
}

/** The card key; queries must repeat it exactly to use the index. */
export const cardKeyExpression =
  "upper(replace(replace(replace(loyalty_card_number, ' ', ''), '-', ''), '.', ''))";

/** Columns the name key is made of. */
export const keyColumns = ['kind', 'first_name', 'last_name', 'business_name', 'city'];

/**
 * The key of the row `row` (`new.` or '' for bare columns), with `fold`
 * folding a text expression. The parts are folded once, in a subquery.
 */
function nameKeySql(row: string, fold: (expression: string) => string): string {
  const part = (column: string) => fold(`replace(trim(coalesce(${row}${column}, '')), '-', ' ')`);
  const pair = "case when l = '' then f when f <= l then f || ' ' || l else l || ' ' || f end";
  return `(select case when city = '' then '' else city || '|' || k || ':' || ` +
    `(case when k = 'business' then bn else ${pair} end) end ` +
    `from (select ${part('first_name')} as f, ${part('last_name')} as l, ${part('business_name')} as bn, ` +
    `${part('city')} as city, ${row}kind as k) parts)`;
}

async function createSqliteTriggers(db: Kysely<any>): Promise<void> {
  const statements = [
    `create trigger contacts_duplicate_key_insert after insert on contacts begin
       update contacts set duplicate_name_key = ${nameKeySql('new.', sqliteFoldSql)} where rowid = new.rowid;
     end`,
    `create trigger contacts_duplicate_key_update after update of ${keyColumns.join(', ')} on contacts begin
       update contacts set duplicate_name_key = ${nameKeySql('new.', sqliteFoldSql)} where rowid = new.rowid;
     end`,
    `update contacts set duplicate_name_key = ${nameKeySql('', sqliteFoldSql)}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function createPostgresTrigger(db: Kysely<any>): Promise<void> {
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema;
  const own = `"${schema.replace(/"/g, '""')}"`;
  const fold = (expression: string) => `${own}.comptoir_fold(${expression})`;
  const statements = [
    `create or replace function ${own}.comptoir_contacts_duplicate_key() returns trigger language plpgsql as $$
     begin
       new.duplicate_name_key := ${nameKeySql('new.', fold)};
       return new;
     end $$`,
    `create trigger contacts_duplicate_key before insert or update of ${keyColumns.join(', ')} on contacts
       for each row execute function ${own}.comptoir_contacts_duplicate_key()`,
    `update contacts set duplicate_name_key = ${nameKeySql('', fold)}`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
