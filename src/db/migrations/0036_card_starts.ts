import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';
import { cardKeyExpression } from './0008_contact_duplicates.ts';

/**
 * PostgreSQL: an index on the card key in the "C" collation, so that a
 * search reads the cards starting with a typed text as one index range
 * (`key >= 'FID06' and key < 'FID07'`). The card key index of migration
 * 0008 is in the database's collation, where such a range can miss keys
 * (under a language collation, `FIDZ` to `FID[` is empty). Only contacts
 * with a card are indexed. SQLite compares the existing index in byte order
 * and needs nothing.
 */
export function cardStarts(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine !== 'postgres') return;
      await sql.raw(`create index contacts_card_start on contacts (business_id, ${cardStartExpression})
        where loyalty_card_number is not null`).execute(db);
    },
  };
}

/** PostgreSQL: the card key in byte order; queries must repeat it exactly, with `loyalty_card_number is not null`, to use the index. */
export const cardStartExpression = `(${cardKeyExpression} collate "C")`;
