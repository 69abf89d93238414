import { type Kysely, sql } from 'kysely';
import { sqliteFoldSql } from '../../contacts/search/fold.ts';
import type { Engine } from '../database.ts';
import { quoteIdent } from './0004_contact_search.ts';

/**
 * Sorts contacts by name without their title, so "Mme Amélie Poulain" sorts
 * under A beside "Amélie Dupont", not under M with every other "Mme".
 *
 * The display name starts with the title when a contact has one, and the
 * sort name is the folded display name. On PostgreSQL the sort-name trigger
 * function now drops a leading title. On SQLite the insert trigger that sets
 * the sort name also indexes the contact for search, so a second trigger
 * drops the title after any write of the sort name. Existing contacts are
 * sorted again in place.
 */
export function sortWithoutTitle(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'postgres') await postgresUp(db);
      else await sqliteUp(db);
    },
  };
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const title = sqliteFoldSql('new.prefix');
  await sql.raw(`create trigger contacts_sort_name_title after update of sort_name on contacts
    when new.prefix is not null and new.prefix <> ''
      and substr(new.sort_name, 1, length(${title}) + 1) = ${title} || ' '
    begin
      update contacts set sort_name = substr(new.sort_name, length(${title}) + 2) where rowid = new.rowid;
    end`).execute(db);
  const existing = sqliteFoldSql('prefix');
  await sql.raw(`update contacts set sort_name = substr(sort_name, length(${existing}) + 2)
    where prefix is not null and prefix <> ''
      and substr(sort_name, 1, length(${existing}) + 1) = ${existing} || ' '`).execute(db);
}

async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  await sql.raw(`create or replace function ${own}.comptoir_contacts_sort_name() returns trigger language plpgsql as $$
    declare
      title text := ${own}.comptoir_fold(coalesce(new.prefix, ''));
    begin
      new.sort_name := ${own}.comptoir_fold(new.name);
      if title <> '' and starts_with(new.sort_name, title || ' ') then
        new.sort_name := substr(new.sort_name, length(title) + 2);
      end if;
      return new;
    end $$`).execute(db);
  await sql.raw(`update contacts set sort_name = substr(sort_name, length(${own}.comptoir_fold(prefix)) + 2)
    where prefix is not null and prefix <> ''
      and starts_with(sort_name, ${own}.comptoir_fold(prefix) || ' ')`).execute(db);
}
