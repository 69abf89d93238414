import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * Lets a contact note have no author (`author_id` null), for a note that
 * Comptoir writes itself, such as the note of a merge run without a
 * signed-in user. SQLite cannot drop a NOT NULL constraint, so it copies
 * the table into a new one with the same columns, keys and indexes.
 */
export function notesWithoutAuthor(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine === 'postgres') {
        await sql.raw('alter table contact_notes alter column author_id drop not null').execute(db);
        return;
      }
      await sql.raw(`create table contact_notes_next (
        id text primary key,
        business_id text not null,
        contact_id text not null references contacts (id) on delete cascade,
        author_id text references users (id),
        heading text,
        body text not null,
        is_private integer not null,
        created_at text not null,
        updated_at text not null
      )`).execute(db);
      const columns = 'id, business_id, contact_id, author_id, heading, body, is_private, created_at, updated_at';
      await sql.raw(`insert into contact_notes_next (${columns}) select ${columns} from contact_notes`).execute(db);
      await sql.raw('drop table contact_notes').execute(db);
      await sql.raw('alter table contact_notes_next rename to contact_notes').execute(db);
      await sql.raw('create index contact_notes_contact on contact_notes (business_id, contact_id, created_at)').execute(db);
      await sql.raw('create index contact_notes_contact_id on contact_notes (contact_id)').execute(db);
    },
  };
}
