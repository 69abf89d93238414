import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';
import { quoteIdent } from './0004_contact_search.ts';
import { earliestDueSql } from './0027_earliest_open_due.ts';

/**
 * Lets one transaction defer the writes of a contact's cached figures to
 * its end (ledger/deferred-figures.ts). A sales import posts every sale in
 * its one transaction. On PostgreSQL each update of the customer's row
 * leaves a version that later reads of the row in that transaction step
 * over, so each sale of a customer took longer than the one before.
 *
 * `deferred_contact_figures` lists the contacts whose figures the running
 * transaction writes at its end. The transaction inserts and deletes its
 * rows itself, so no other transaction sees one and a committed database
 * has none. The triggers that keep `last_activity_on`, `last_sale_on` and
 * `earliest_open_due_on` now leave a listed contact's row alone. They
 * keep their names, so scripts that disable them by name still work.
 */
export function deferredContactFigures(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('deferred_contact_figures')
        .addColumn('contact_id', 'text', (c) => c.primaryKey())
        .execute();
      if (engine === 'sqlite') await sqliteUp(db);
      else await postgresUp(db);
    },
  };
}

/** SQL that is true unless the contact whose id is `contactId` is listed. */
function notDeferred(contactId: string, table = 'deferred_contact_figures'): string {
  return `not exists (select 1 from ${table} d where d.contact_id = ${contactId})`;
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const refresh = (contactId: string) => `update contacts set earliest_open_due_on = ${earliestDueSql(contactId)}
    where id = ${contactId} and earliest_open_due_on is not ${earliestDueSql(contactId)} and ${notDeferred(contactId)}`;
  const statements = [
    'drop trigger ledger_entries_activity',
    `create trigger ledger_entries_activity after insert on ledger_entries
     when ${notDeferred('new.contact_id')} begin
       update contacts set last_activity_on = new.date
         where id = new.contact_id and last_activity_on < new.date;
       update contacts set last_sale_on = new.date
         where new.type = 'sale' and id = new.contact_id and last_sale_on < new.date;
     end`,
    'drop trigger open_items_earliest_due_insert',
    'drop trigger open_items_earliest_due_update',
    'drop trigger open_items_earliest_due_delete',
    `create trigger open_items_earliest_due_insert after insert on open_items begin
       ${refresh('new.contact_id')};
     end`,
    `create trigger open_items_earliest_due_update after update of contact_id, status, due_date, kind on open_items begin
       ${refresh('old.contact_id')};
       ${refresh('new.contact_id')};
     end`,
    `create trigger open_items_earliest_due_delete after delete on open_items begin
       ${refresh('old.contact_id')};
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

/** Replaces the trigger functions; the triggers that call them stay as they are. */
async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  const deferred = `${own}.deferred_contact_figures`;
  const refresh = (contactId: string) => `update ${own}.contacts set earliest_open_due_on = earliest.due
      from (select ${earliestDueSql(contactId, `${own}.open_items`)} as due) earliest
      where id = ${contactId} and earliest_open_due_on is distinct from earliest.due
        and ${notDeferred(contactId, deferred)}`;
  const statements = [
    `create or replace function ${own}.comptoir_ledger_activity() returns trigger language plpgsql as $$
     begin
       if not (${notDeferred('new.contact_id', deferred)}) then
         return null;
       end if;
       update ${own}.contacts set last_activity_on = new.date
         where id = new.contact_id and last_activity_on < new.date;
       if new.type = 'sale' then
         update ${own}.contacts set last_sale_on = new.date
           where id = new.contact_id and last_sale_on < new.date;
       end if;
       return null;
     end $$`,
    `create or replace function ${own}.comptoir_open_items_earliest_due() returns trigger language plpgsql as $$
     begin
       if tg_op <> 'INSERT' then
         ${refresh('old.contact_id')};
       end if;
       if tg_op <> 'DELETE' then
         ${refresh('new.contact_id')};
       end if;
       return null;
     end $$`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
