import type { Kysely } from 'kysely';

/**
 * The tax-included unit price of a document line, set when the line was
 * priced tax included: its amounts then come from that price, and
 * `unit_price` only shows the price before tax. Lines written before this
 * migration keep null, so they stay priced before tax.
 */
export function taxIncludedPrices() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('document_lines').addColumn('unit_price_with_tax', 'bigint').execute();
    },
  };
}
