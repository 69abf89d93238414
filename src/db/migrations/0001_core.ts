import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/** Businesses, locations, users and access, contacts with notes, files and audit. */
export function core(engine: Engine) {
  const binary = engine === 'postgres' ? sql`bytea` : sql`blob`;

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('businesses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('contact_code_prefix', 'text', (c) => c.notNull())
        .addColumn('custom_field_labels', 'text', (c) => c.notNull())
        .addColumn('credit_limit_policy', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('locations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('address_line1', 'text')
        .addColumn('city', 'text')
        .addColumn('zip_code', 'text')
        .addColumn('country', 'text')
        .addColumn('phone', 'text')
        .addColumn('email', 'text')
        .addColumn('is_active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('locations_business').on('locations').columns(['business_id', 'name']).execute();

      await db.schema
        .createTable('roles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('permissions', 'text', (c) => c.notNull())
        .addColumn('is_admin', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('roles_business_name').unique().on('roles').columns(['business_id', 'name']).execute();

      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
        .addColumn('locale', 'text')
        .addColumn('default_location_id', 'text', (c) => c.references('locations.id'))
        .addColumn('is_active', 'integer', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      // Sign-in is by email alone, so an address names one account everywhere.
      await db.schema.createIndex('users_email').unique().on('users').column('email').execute();
      await db.schema.createIndex('users_business').on('users').columns(['business_id', 'name']).execute();

      await db.schema
        .createTable('user_locations')
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
        .addPrimaryKeyConstraint('user_locations_pk', ['business_id', 'user_id', 'location_id'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_hash').unique().on('api_tokens').column('token_hash').execute();

      await db.schema
        .createTable('login_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('login_attempts_key').on('login_attempts').columns(['key', 'created_at']).execute();

      await db.schema
        .createTable('counters')
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('counters_pk', ['business_id', 'name'])
        .execute();

      await db.schema
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('prefix', 'text')
        .addColumn('first_name', 'text')
        .addColumn('middle_name', 'text')
        .addColumn('last_name', 'text')
        .addColumn('business_name', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('mobile', 'text', (c) => c.notNull())
        .addColumn('mobile_e164', 'text')
        .addColumn('alternate_number', 'text')
        .addColumn('alternate_number_e164', 'text')
        .addColumn('landline', 'text')
        .addColumn('landline_e164', 'text')
        .addColumn('email', 'text')
        .addColumn('email_key', 'text')
        .addColumn('tax_number', 'text')
        .addColumn('tax_number_key', 'text')
        .addColumn('address_line1', 'text')
        .addColumn('address_line2', 'text')
        .addColumn('city', 'text')
        .addColumn('state', 'text')
        .addColumn('country', 'text')
        .addColumn('zip_code', 'text')
        .addColumn('shipping_address', 'text')
        .addColumn('date_of_birth', 'text')
        .addColumn('customer_group_id', 'text')
        .addColumn('credit_limit', 'bigint')
        .addColumn('pay_term_number', 'integer')
        .addColumn('pay_term_unit', 'text')
        .addColumn('pay_term_end_of_month', 'integer', (c) => c.notNull())
        .addColumn('opening_balance', 'bigint', (c) => c.notNull())
        .addColumn('opening_balance_date', 'text')
        .addColumn('loyalty_card_number', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('bank_iban', 'text')
        .addColumn('bank_bic', 'text')
        .addColumn('bank_holder', 'text')
        .addColumn('custom_fields', 'text', (c) => c.notNull())
        .addColumn('balance', 'bigint', (c) => c.notNull())
        .addColumn('receivable', 'bigint', (c) => c.notNull())
        .addColumn('payable', 'bigint', (c) => c.notNull())
        .addColumn('advance', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('anonymised_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contacts_code').unique().on('contacts').columns(['business_id', 'code']).execute();
      await db.schema.createIndex('contacts_name').on('contacts').columns(['business_id', 'name', 'id']).execute();
      await db.schema.createIndex('contacts_created').on('contacts').columns(['business_id', 'created_at', 'id']).execute();
      await db.schema.createIndex('contacts_mobile').on('contacts').columns(['business_id', 'mobile_e164']).execute();
      await db.schema.createIndex('contacts_email').on('contacts').columns(['business_id', 'email_key']).execute();
      await db.schema.createIndex('contacts_tax').on('contacts').columns(['business_id', 'tax_number_key']).execute();
      await db.schema.createIndex('contacts_balance').on('contacts').columns(['business_id', 'balance', 'id']).execute();
      await db.schema.createIndex('contacts_card').unique().on('contacts').columns(['business_id', 'loyalty_card_number']).execute();

      await db.schema
        .createTable('contact_assignments')
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('contact_assignments_pk', ['business_id', 'contact_id', 'user_id'])
        .execute();
      await db.schema.createIndex('contact_assignments_user').on('contact_assignments').columns(['business_id', 'user_id']).execute();

      await db.schema
        .createTable('contact_notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('heading', 'text')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('is_private', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contact_notes_contact').on('contact_notes').columns(['business_id', 'contact_id', 'created_at']).execute();

      await db.schema
        .createTable('contact_attachments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
        .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('content', binary, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('contact_attachments_contact').on('contact_attachments').columns(['business_id', 'contact_id']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('business_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('changes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['business_id', 'entity_type', 'entity_id', 'id']).execute();
    },
  };
}
