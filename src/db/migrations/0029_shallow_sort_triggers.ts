import { type Kysely, sql } from 'kysely';
import { sqliteSortFoldSql } from '../../contacts/search/fold-characters.ts';
import type { Engine } from '../database.ts';
import { keyColumns as nameKeyColumns } from './0008_contact_duplicates.ts';
import { nameKeySql } from './0025_duplicate_name_writings.ts';

/**
 * SQLite: lets older SQLite versions open the database again, such as the
 * sqlite3 shell of Debian 12 (SQLite 3.40.1), which stops parsing between
 * 30 and 40 nested function calls. The triggers that fold the sort name, the
 * title before it and the duplicate name key nested 182 replace() calls;
 * they now fold through the table `fold_characters` of migration 0028, to
 * the same values, so no stored value changes. PostgreSQL needs nothing.
 */
export function shallowSortTriggers(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'sqlite') await sqliteUp(db);
    },
  };
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const title = sqliteSortFoldSql('new.prefix');
  const statements = [
    'drop trigger contacts_sort_name_update',
    'drop trigger contacts_sort_name_title',
    'drop trigger contacts_duplicate_key_insert',
    'drop trigger contacts_duplicate_key_update',
    `create trigger contacts_sort_name_update after update of name on contacts begin
       update contacts set sort_name = ${sqliteSortFoldSql('new.name')} where rowid = new.rowid;
     end`,
    `create trigger contacts_sort_name_title after update of sort_name on contacts
       when new.prefix is not null and new.prefix <> ''
         and substr(new.sort_name, 1, length(${title}) + 1) = ${title} || ' '
       begin
         update contacts set sort_name = substr(new.sort_name, length(${title}) + 2) where rowid = new.rowid;
       end`,
    `create trigger contacts_duplicate_key_insert after insert on contacts begin
       update contacts set duplicate_name_key = ${nameKeySql('new.', sqliteSortFoldSql)} where rowid = new.rowid;
     end`,
    `create trigger contacts_duplicate_key_update after update of ${nameKeyColumns.join(', ')} on contacts begin
       update contacts set duplicate_name_key = ${nameKeySql('new.', sqliteSortFoldSql)} where rowid = new.rowid;
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
