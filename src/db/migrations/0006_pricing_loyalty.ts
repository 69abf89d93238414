import type { Kysely } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * Products with their price per selling price group, customer groups, and
 * loyalty points: settings per business, earned lots, the append-only
 * movements and how each movement changed the lots. Sales also record the
 * customer's group, and their lines the group's price and any redemption.
 */
export function pricingLoyalty(_engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await createProductTables(db);
      await createCustomerGroups(db);
      await createLoyaltyTables(db);
      await addDocumentColumns(db);
    },
  };
}

async function createProductTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('selling_price', 'bigint', (c) => c.notNull())
    .addColumn('tax_bp', 'integer', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_sku').unique().on('products').columns(['business_id', 'sku']).execute();
  await db.schema.createIndex('products_name').on('products').columns(['business_id', 'name', 'id']).execute();

  await db.schema
    .createTable('price_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('price_groups_name_key').unique().on('price_groups').columns(['business_id', 'name_key']).execute();
  await db.schema.createIndex('price_groups_name').on('price_groups').columns(['business_id', 'name', 'id']).execute();

  await db.schema
    .createTable('product_prices')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id').onDelete('cascade'))
    .addColumn('price_group_id', 'text', (c) => c.notNull().references('price_groups.id').onDelete('cascade'))
    .addColumn('price', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_prices_pk', ['business_id', 'product_id', 'price_group_id'])
    .execute();
  await db.schema
    .createIndex('product_prices_group')
    .on('product_prices')
    .columns(['business_id', 'price_group_id'])
    .execute();
}

async function createCustomerGroups(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('calculation', 'text', (c) => c.notNull())
    .addColumn('percentage_bp', 'integer')
    .addColumn('price_group_id', 'text', (c) => c.references('price_groups.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('customer_groups_name_key')
    .unique()
    .on('customer_groups')
    .columns(['business_id', 'name_key'])
    .execute();
  await db.schema
    .createIndex('customer_groups_name')
    .on('customer_groups')
    .columns(['business_id', 'name', 'id'])
    .execute();
}

async function createLoyaltyTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('loyalty_settings')
    .addColumn('business_id', 'text', (c) => c.primaryKey().references('businesses.id'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('amount_per_point', 'bigint', (c) => c.notNull())
    .addColumn('min_order_to_earn', 'bigint', (c) => c.notNull())
    .addColumn('max_points_per_order', 'bigint')
    .addColumn('point_value', 'bigint', (c) => c.notNull())
    .addColumn('min_order_to_redeem', 'bigint', (c) => c.notNull())
    .addColumn('min_points_to_redeem', 'bigint')
    .addColumn('max_points_per_order_redeem', 'bigint')
    .addColumn('expiry_period', 'integer')
    .addColumn('expiry_unit', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Points a contact received at once (a sale, a positive adjustment): each
  // lot expires on its own date and is spent soonest-expiring first.
  await db.schema
    .createTable('loyalty_lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('movement_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('earned_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('remaining', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('loyalty_lots_contact')
    .on('loyalty_lots')
    .columns(['business_id', 'contact_id', 'remaining', 'expires_on'])
    .execute();
  await db.schema
    .createIndex('loyalty_lots_expiry')
    .on('loyalty_lots')
    .columns(['business_id', 'expires_on', 'remaining'])
    .execute();
  await db.schema
    .createIndex('loyalty_lots_document')
    .on('loyalty_lots')
    .columns(['business_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('loyalty_movements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addColumn('shortfall', 'bigint', (c) => c.notNull())
    .addColumn('document_id', 'text')
    .addColumn('source_document_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('loyalty_movements_contact')
    .on('loyalty_movements')
    .columns(['business_id', 'contact_id', 'id'])
    .execute();
  await db.schema
    .createIndex('loyalty_movements_source')
    .on('loyalty_movements')
    .columns(['business_id', 'source_document_id', 'type'])
    .execute();

  // What each spending, give-back or expiry movement took from (negative)
  // or put back into (positive) each lot: a lot's remaining points are its
  // points plus these changes.
  await db.schema
    .createTable('loyalty_lot_changes')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('movement_id', 'text', (c) => c.notNull())
    .addColumn('lot_id', 'text', (c) => c.notNull().references('loyalty_lots.id'))
    .addColumn('points', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyalty_lot_changes_pk', ['business_id', 'movement_id', 'lot_id'])
    .execute();
}

async function addDocumentColumns(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('customer_group_id', 'text').execute();
  await db.schema
    .createIndex('documents_customer_group')
    .on('documents')
    .columns(['business_id', 'type', 'date', 'customer_group_id'])
    .execute();
  await db.schema.alterTable('document_lines').addColumn('list_price', 'bigint').execute();
  await db.schema
    .alterTable('document_lines')
    .addColumn('group_discount', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('document_lines').addColumn('loyalty_points', 'bigint').execute();
}
