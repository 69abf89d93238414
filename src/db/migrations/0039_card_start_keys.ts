import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * PostgreSQL: rebuilds the "C" collation index of card starts (migration
 * 0036) on the card start key, which changes ASCII letters alone into
 * capitals, as SQLite's `upper` does. The key of migration 0036 went through
 * PostgreSQL's `upper`, which also changes other letters, following the
 * database's LC_CTYPE, so a card start with such a letter could not read the
 * same cards on both engines. The index keeps its name and its predicate.
 * Building it reads the table once and sorts the keys of the contacts with a
 * card, and it rewrites no row. SQLite's card key index already holds this
 * key, so SQLite needs nothing.
 */
export function cardStartKeys(engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      if (engine !== 'postgres') return;
      await sql.raw('drop index contacts_card_start').execute(db);
      await sql.raw(`create index contacts_card_start on contacts (business_id, ${cardStartExpression})
        where loyalty_card_number is not null`).execute(db);
    },
  };
}

const asciiSmallLetters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * PostgreSQL: the card start key (see `cardStartKey`) in byte order. Queries
 * must repeat it exactly, with `loyalty_card_number is not null`, to use the
 * index.
 */
export const cardStartExpression = `(translate(replace(replace(replace(loyalty_card_number, ' ', ''), '-', ''), '.', ''), `
  + `'${asciiSmallLetters}', '${asciiSmallLetters.toUpperCase()}') collate "C")`;
