import { type Kysely, sql } from 'kysely';
import type { Engine } from '../database.ts';

/**
 * Messages: templates, channel settings, the outbox with its attempts,
 * consent per contact and channel, reminder levels, holds and their log,
 * webhooks, a language on contacts and a disputed flag on open items.
 */
export function messages(_engine: Engine) {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await extendContactsAndItems(db);
      await createSettingsTables(db);
      await createTemplateTables(db);
      await createOutboxTables(db);
      await createReminderTables(db);
      await createWebhookTable(db);
    },
  };
}

async function extendContactsAndItems(db: Kysely<any>): Promise<void> {
  // Null means the business's locale; existing contacts get it written out.
  await db.schema.alterTable('contacts').addColumn('language', 'text').execute();
  await sql`update contacts set language = (
    select businesses.locale from businesses where businesses.id = contacts.business_id
  )`.execute(db);

  // An item in dispute stays open in the ledger but gets no reminder.
  await db.schema.alterTable('open_items').addColumn('disputed_at', 'text').execute();
  await db.schema.alterTable('open_items').addColumn('dispute_note', 'text').execute();
}

async function createSettingsTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_settings')
    .addColumn('business_id', 'text', (c) => c.primaryKey())
    .addColumn('quiet_start', 'text')
    .addColumn('quiet_end', 'text')
    .addColumn('reminders_enabled', 'integer', (c) => c.notNull())
    .addColumn('defaults_created_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // One row per business and channel: non-secret settings as JSON, secrets
  // (passwords, tokens, header values) as one AES-256-GCM ciphertext.
  await db.schema
    .createTable('message_channels')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secrets', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_channels_pk', ['business_id', 'channel'])
    .execute();

  await db.schema
    .createTable('contact_channel_consents')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('refused_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addPrimaryKeyConstraint('contact_channel_consents_pk', ['business_id', 'contact_id', 'channel'])
    .execute();
}

async function createTemplateTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('message_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('auto_email', 'integer', (c) => c.notNull())
    .addColumn('auto_sms', 'integer', (c) => c.notNull())
    .addColumn('auto_whatsapp', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_templates_event')
    .on('message_templates')
    .columns(['business_id', 'event', 'name', 'id'])
    .execute();

  await db.schema
    .createTable('message_template_contents')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull().references('message_templates.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('html', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_template_contents_pk', ['template_id', 'channel', 'locale'])
    .execute();
}

async function createOutboxTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    // A contact deleted (only possible without history) takes its messages along.
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('event', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('webhook_id', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Several nulls are allowed on both engines, so only keyed messages are unique.
  await db.schema
    .createIndex('messages_dedupe')
    .unique()
    .on('messages')
    .columns(['business_id', 'dedupe_key'])
    .execute();
  await db.schema.createIndex('messages_due').on('messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema
    .createIndex('messages_contact')
    .on('messages')
    .columns(['business_id', 'contact_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_webhook')
    .on('messages')
    .columns(['business_id', 'webhook_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_business')
    .on('messages')
    .columns(['business_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('message_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('message_attempts_message')
    .on('message_attempts')
    .columns(['business_id', 'message_id', 'attempt'])
    .execute();
}

async function createReminderTables(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reminder_levels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timing', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull().references('message_templates.id'))
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reminder_levels_business').on('reminder_levels').columns(['business_id', 'id']).execute();

  await db.schema
    .createTable('reminder_holds')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id').onDelete('cascade'))
    .addColumn('until', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_holds_pk', ['business_id', 'contact_id'])
    .execute();

  // Which open item got which level: an item is reminded at most once per level.
  await db.schema
    .createTable('reminder_items')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('level_id', 'text', (c) => c.notNull())
    .addColumn('open_item_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Keyed by item first: a run looks up the levels recorded for each open item.
    .addPrimaryKeyConstraint('reminder_items_pk', ['business_id', 'open_item_id', 'level_id'])
    .execute();

  await db.schema
    .createTable('reminder_runs')
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('run_date', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('reminder_runs_pk', ['business_id', 'run_date'])
    .execute();
}

async function createWebhookTable(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhooks_business').on('webhooks').columns(['business_id', 'created_at', 'id']).execute();
}
