import { type Kysely, sql } from 'kysely';

/**
 * Gives each contact a version, which moves by one on every change to the
 * contact's own fields, and the user who made that change. A client sends
 * the version it read in `If-Match`, and a save over a newer version gets
 * 412 `contact_changed` instead of undoing the other change. An integer is
 * used rather than `updated_at`, because two saves within one millisecond
 * would share a timestamp. Existing contacts start at version 1. Both
 * engines add a column with a constant default without rewriting the table.
 *
 * The user who made the change is read from the audit log, not stored here.
 * SQLite reads the totals of all contacts from the narrowest covering index,
 * `contacts_figures`, only while the table is narrow enough: one more text
 * column made it read the wider `contacts_last_sale` index instead.
 */
export function contactVersions() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await sql.raw('alter table contacts add column version integer not null default 1').execute(db);
    },
  };
}
