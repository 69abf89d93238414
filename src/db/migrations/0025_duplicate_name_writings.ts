import { type Kysely, sql } from 'kysely';
import { sqliteFoldSql } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';
import { quoteIdent } from './0004_contact_search.ts';
import { keyColumns as nameKeyColumns } from './0008_contact_duplicates.ts';

/**
 * Lets the duplicate name key treat the writings of one name alike, as
 * search already does. The typographic apostrophes ’ and ʼ count as ', the
 * hyphens U+2010 and U+2011 as -, which counts as a space, and a run of up to
 * eight spaces as one. Before, SQLite kept ’ apart from ' while PostgreSQL's
 * unaccent turned it into ', so « L’Atelier » and « L'Atelier » of one city
 * were duplicates on PostgreSQL only. Both engines now write the key with the
 * same replacements before folding, and every stored key that changes is
 * written again.
 */
export function duplicateNameWritings(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
      else await postgresUp(db);
    },
  };
}

/** Replacements applied in order: typographic apostrophes and hyphens, then hyphen to space. */
const writings: readonly (readonly [string, string])[] = [
  ['’', "'"], ['ʼ', "'"], ['\u2010', '-'], ['\u2011', '-'], ['-', ' '],
];

/** `expression` with its writings replaced and its runs of 2 to 8 spaces made one. */
function plainWritingSql(expression: string): string {
  let sqlText = expression;
  for (const [from, to] of writings) sqlText = `replace(${sqlText}, '${from}', '${to.replace(/'/g, "''")}')`;
  // Each pass halves a run of spaces, so three passes make one space of up to eight.
  for (let pass = 0; pass < 3; pass += 1) sqlText = `replace(${sqlText}, '  ', ' ')`;
  return `trim(${sqlText})`;
}

/**
 * The key of the row `row` (`new.` or '' for bare columns), with `fold`
 * folding a text expression: the folded city, `|`, the kind, `:`, then the
 * business name, or an individual's first and last names in alphabetical
 * order. It is '' without a city.
 */
export function nameKeySql(row: string, fold: (expression: string) => string): string {
  const part = (column: string) => fold(plainWritingSql(`coalesce(${row}${column}, '')`));
  const pair = "case when l = '' then f when f <= l then f || ' ' || l else l || ' ' || f end";
  return `(select case when city = '' then '' else city || '|' || k || ':' || ` +
    `(case when k = 'business' then bn else ${pair} end) end ` +
    `from (select ${part('first_name')} as f, ${part('last_name')} as l, ${part('business_name')} as bn, ` +
    `${part('city')} as city, ${row}kind as k) parts)`;
}

/** Writes the stored keys again, only those that change, so that a large table is not rewritten whole. */
function rewriteKeysSql(key: string): string {
  return `update contacts set duplicate_name_key = ${key} where duplicate_name_key <> ${key}`;
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const statements = [
    'drop trigger contacts_duplicate_key_insert',
    'drop trigger contacts_duplicate_key_update',
    `create trigger contacts_duplicate_key_insert after insert on contacts begin
       update contacts set duplicate_name_key = ${nameKeySql('new.', sqliteFoldSql)} where rowid = new.rowid;
     end`,
    `create trigger contacts_duplicate_key_update after update of ${nameKeyColumns.join(', ')} on contacts begin
       update contacts set duplicate_name_key = ${nameKeySql('new.', sqliteFoldSql)} where rowid = new.rowid;
     end`,
    rewriteKeysSql(nameKeySql('', sqliteFoldSql)),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  const fold = (expression: string) => `${own}.comptoir_fold(${expression})`;
  const statements = [
    `create or replace function ${own}.comptoir_contacts_duplicate_key() returns trigger language plpgsql as $$
     begin
       new.duplicate_name_key := ${nameKeySql('new.', fold)};
       return new;
     end $$`,
    rewriteKeysSql(nameKeySql('', fold)),
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
