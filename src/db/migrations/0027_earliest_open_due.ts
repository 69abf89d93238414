import { type Kysely, sql } from 'kysely';
import { settleableKinds } from '../../ledger/kinds.ts';
import type { Engine } from '../database.ts';
import { quoteIdent } from './0004_contact_search.ts';

/**
 * Keeps on each contact the earliest due date of its open sales, purchases
 * and opening balances (`earliest_open_due_on`, null without any), so that
 * the overdue filter compares one column with today. It looked up each
 * contact's open items instead: the totals of 700,000 overdue contacts of
 * 1,000,000 took over a second.
 *
 * Triggers on `open_items` write the date again for the contacts of each
 * inserted, deleted or changed item, and only when it changes. An index
 * holds the date with the figures the totals sum, so the overdue totals
 * read that index alone.
 */
export function earliestOpenDue(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('contacts').addColumn('earliest_open_due_on', 'text').execute();
      if (engine === 'sqlite') await sqliteUp(db);
      else await postgresUp(db);
      await db.schema
        .createIndex('contacts_earliest_open_due')
        .on('contacts')
        .columns(['business_id', 'earliest_open_due_on', 'type', 'status', 'receivable', 'payable', 'advance'])
        .execute();
      // Without statistics SQLite took the new index for an overdue page sorted by name, and sorted
      // 700,000 contacts to show 50.
      await sql.raw(engine === 'sqlite' ? 'analyze contacts_earliest_open_due' : 'analyze contacts').execute(db);
    },
  };
}

/** The item kinds the overdue filter counts, as an SQL list. */
const kindList = settleableKinds.map((kind) => `'${kind}'`).join(', ');

/** SQL of the earliest open due date of the contact whose id is `contactId`. */
export function earliestDueSql(contactId: string, openItems = 'open_items'): string {
  return `(select min(o.due_date) from ${openItems} o
    where o.contact_id = ${contactId} and o.status = 'open' and o.kind in (${kindList}))`;
}

/**
 * SQL that writes the date on every contact with an open item in one pass
 * over `openItems`, which needs no index on it. The bench generator fills
 * the date this way after loading with the triggers off.
 */
export function fillEarliestOpenDueSql(contacts: string, openItems: string): string {
  return `update ${contacts} set earliest_open_due_on = earliest.due
    from (select contact_id, min(due_date) as due from ${openItems}
          where status = 'open' and kind in (${kindList}) group by contact_id) earliest
    where ${contacts}.id = earliest.contact_id`;
}

/** SQL that writes the date again on contact `contactId` when it changed. */
function refreshSql(contactId: string): string {
  return `update contacts set earliest_open_due_on = ${earliestDueSql(contactId)}
    where id = ${contactId} and earliest_open_due_on is not ${earliestDueSql(contactId)}`;
}

async function sqliteUp(db: Kysely<any>): Promise<void> {
  const statements = [
    `update contacts set earliest_open_due_on = ${earliestDueSql('contacts.id')}`,
    `create trigger open_items_earliest_due_insert after insert on open_items begin
       ${refreshSql('new.contact_id')};
     end`,
    `create trigger open_items_earliest_due_update after update of contact_id, status, due_date, kind on open_items begin
       ${refreshSql('old.contact_id')};
       ${refreshSql('new.contact_id')};
     end`,
    `create trigger open_items_earliest_due_delete after delete on open_items begin
       ${refreshSql('old.contact_id')};
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function postgresUp(db: Kysely<any>): Promise<void> {
  const own = quoteIdent((await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema);
  const refresh = (contactId: string) => `update ${own}.contacts set earliest_open_due_on = earliest.due
      from (select ${earliestDueSql(contactId, `${own}.open_items`)} as due) earliest
      where id = ${contactId} and earliest_open_due_on is distinct from earliest.due`;
  const statements = [
    fillEarliestOpenDueSql(`${own}.contacts`, `${own}.open_items`),
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
    `create trigger open_items_earliest_due after insert or delete or update of contact_id, status, due_date, kind
       on ${own}.open_items for each row execute function ${own}.comptoir_open_items_earliest_due()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}
