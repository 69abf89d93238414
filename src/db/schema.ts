/**
 * Row types of every table, shared by both engines. Timestamps are ISO 8601
 * UTC strings, business dates `YYYY-MM-DD` strings, money integer minor
 * units, booleans 0/1 integers, and JSON columns text.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface BusinessTable {
  id: string;
  name: string;
  currency: string;
  locale: string;
  timezone: string;
  country: string;
  contact_code_prefix: string;
  /** JSON object: custom field key to label, e.g. {"custom1": "Allergies"}. */
  custom_field_labels: string;
  credit_limit_policy: string;
  created_at: string;
  updated_at: string;
}

export interface LocationTable {
  id: string;
  business_id: string;
  name: string;
  address_line1: string | null;
  city: string | null;
  zip_code: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  id: string;
  business_id: string;
  name: string;
  /** JSON array of permission names. */
  permissions: string;
  is_admin: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  business_id: string;
  email: string;
  name: string;
  password_hash: string;
  role_id: string;
  locale: string | null;
  default_location_id: string | null;
  is_active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserLocationTable {
  business_id: string;
  user_id: string;
  location_id: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value. */
  id: string;
  business_id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokenTable {
  id: string;
  business_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CounterTable {
  business_id: string;
  name: string;
  value: number;
}

export interface ContactTable {
  id: string;
  business_id: string;
  code: string;
  type: string;
  kind: string;
  prefix: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  business_name: string | null;
  name: string;
  mobile: string;
  mobile_e164: string | null;
  /** Digits of the mobile as typed, for matching numbers with no E.164 form. */
  mobile_digits: string | null;
  alternate_number: string | null;
  alternate_number_e164: string | null;
  landline: string | null;
  landline_e164: string | null;
  email: string | null;
  /** Lower-cased email, for duplicate checks. */
  email_key: string | null;
  tax_number: string | null;
  /** Tax number without spaces or punctuation, upper-cased. */
  tax_number_key: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  country: string | null;
  zip_code: string | null;
  shipping_address: string | null;
  date_of_birth: string | null;
  customer_group_id: string | null;
  credit_limit: number | null;
  pay_term_number: number | null;
  pay_term_unit: string | null;
  pay_term_end_of_month: number;
  opening_balance: number;
  opening_balance_date: string | null;
  loyalty_card_number: string | null;
  status: string;
  bank_iban: string | null;
  bank_bic: string | null;
  bank_holder: string | null;
  /** JSON object keyed by the business's custom field keys. */
  custom_fields: string;
  /** Cached figures, kept equal to the ledger's sums in the same transaction. */
  balance: number;
  receivable: number;
  payable: number;
  advance: number;
  created_by: string | null;
  anonymised_at: string | null;
  /** `fr` or `en` for messages; null means the business's locale. */
  language?: string | null;
  created_at: string;
  /** When the contact's own fields last changed; postings to its account leave it alone. */
  updated_at: string;
  /** Starts at 1 and moves by one with each change of `updated_at`; clients send it in `If-Match`. */
  version: Generated<number>;
  /** Folded name (lower case, no accents) for sorting; set by a database trigger. */
  sort_name: Generated<string>;
  /** Date of the latest ledger entry, '' when none; set by a database trigger. */
  last_activity_on: Generated<string>;
  /** Date of the latest sale entry, '' when none; set by a database trigger. */
  last_sale_on: Generated<string>;
  /** Earliest due date of the open sales, purchases and opening balances; null without any (kept by triggers). */
  earliest_open_due_on: string | null;
  /** Folded city and name for duplicate detection, '' without a city; set by a database trigger. */
  duplicate_name_key: Generated<string>;
}

export interface ContactAssignmentTable {
  business_id: string;
  contact_id: string;
  user_id: string;
}

export interface ContactNoteTable {
  id: string;
  business_id: string;
  contact_id: string;
  /** Null for a note that Comptoir wrote itself. */
  author_id: string | null;
  heading: string | null;
  body: string;
  is_private: number;
  created_at: string;
  updated_at: string;
}

export interface ContactAttachmentTable {
  id: string;
  business_id: string;
  contact_id: string;
  uploaded_by: string;
  file_name: string;
  mime_type: string;
  size: number;
  content: Buffer;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  business_id: string;
  user_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  /** JSON: [{ field, from, to }] for updates, or a small detail object. */
  changes: string;
  created_at: string;
}

export interface LoginAttemptTable {
  id: string;
  key: string;
  created_at: string;
}

export interface LedgerEntryTable {
  id: string;
  business_id: string;
  contact_id: string;
  /** Posting order within the contact: orders same-day entries. */
  seq: number;
  date: string;
  type: string;
  reference: string;
  location_id: string;
  debit: number;
  credit: number;
  memo: string | null;
  /** `document`, `payment`, `opening_balance` or `discount`. */
  source_type: string;
  source_id: string;
  reverses_entry_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface LedgerTotalTable {
  business_id: string;
  contact_id: string;
  /** `day` (period `YYYY-MM-DD`) or `month` (period `YYYY-MM`). */
  granularity: string;
  period: string;
  location_id: string;
  debit: number;
  credit: number;
  entries: number;
}

export interface DocumentTable {
  id: string;
  business_id: string;
  /** `sale`, `purchase`, `sale_return` or `purchase_return`. */
  type: string;
  number: string;
  /** Null for a walk-in sale. */
  contact_id: string | null;
  location_id: string;
  date: string;
  /** `parked`, `final` or `void`. */
  status: string;
  /** The sale or purchase a return is made against. */
  parent_id: string | null;
  pay_term_number: number | null;
  pay_term_unit: string | null;
  pay_term_end_of_month: number;
  due_date: string;
  subtotal: number;
  discount_total: number;
  tax_total: number;
  total: number;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  finalised_at: string | null;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  /** On a final sale: the customer's group when it was finalised, for the group report. */
  customer_group_id?: string | null;
  /** The import that created the sale; null for a sale typed in the app or sent to the API. */
  import_id?: string | null;
  /** The sale's reference in the imported file, unique among the business's sales that are not void. */
  source_reference?: string | null;
}

export interface DocumentLineTable {
  id: string;
  business_id: string;
  document_id: string;
  position: number;
  product_id: string | null;
  description: string;
  /** Quantity in thousandths (1.5 kg = 1500). */
  quantity_milli: number;
  /** Price per unit before tax; on a line priced tax included, only derived from `unit_price_with_tax` for display. */
  unit_price: number;
  /** Price per unit tax included, on a line priced that way (its amounts come from it); null on a line priced before tax. */
  unit_price_with_tax?: number | null;
  /** Percentages in hundredths of a percent (12.5 % = 1250). */
  discount_bp: number;
  tax_bp: number;
  /** Quantity times unit price, before the line discount. */
  gross: number;
  discount: number;
  tax: number;
  /** gross - discount + tax. */
  total: number;
  /** On a return line: the sold or bought line it gives back. */
  returned_line_id: string | null;
  /**
   * The product's selling price, where a customer group's price replaced it, else null: tax included on a line
   * priced tax included, before tax otherwise.
   */
  list_price?: number | null;
  /** (list price - unit price) x quantity, in the terms of `list_price`: what the customer group took off (negative: added). */
  group_discount?: number;
  /** Set on the line that redeems loyalty points: the points it spends (or gives back on a return). */
  loyalty_points?: number | null;
}

export interface PaymentTable {
  id: string;
  business_id: string;
  /** Null for the payment of a walk-in sale. */
  contact_id: string | null;
  /** `payment` or `refund`. */
  kind: string;
  /** `received` (money in) or `paid` (money out). */
  direction: string;
  number: string;
  amount: number;
  method: string;
  date: string;
  /** The payer's own reference: cheque number, transfer label. */
  external_reference: string | null;
  note: string | null;
  location_id: string;
  /** The document it was taken with at the till, if any. */
  document_id: string | null;
  /** `posted` or `reversed`. */
  status: string;
  created_by: string | null;
  created_at: string;
  reversed_at: string | null;
  reversed_by: string | null;
  reversal_reason: string | null;
}

export interface PaymentMethodTable {
  id: string;
  business_id: string;
  code: string;
  label: string;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface IdempotencyKeyTable {
  business_id: string;
  key: string;
  /** SHA-256 of the route and body the key was first used with. */
  request_hash: string;
  /** Null while the first request is still running. */
  status_code: number | null;
  response: string | null;
  created_at: string;
}

export interface OpenItemTable {
  id: string;
  business_id: string;
  contact_id: string;
  /** `debit` (the contact owes it) or `credit` (it is owed to the contact). */
  side: string;
  /** The ledger entry type that created it: `sale`, `payment_received`… */
  kind: string;
  source_type: string;
  source_id: string;
  reference: string;
  date: string;
  due_date: string;
  location_id: string;
  amount: number;
  open_amount: number;
  /** `open`, `settled` or `void`. */
  status: string;
  /** Set while the contact disputes the item: it then gets no reminder. */
  disputed_at?: string | null;
  dispute_note?: string | null;
  created_at: string;
}

export interface AllocationTable {
  id: string;
  business_id: string;
  contact_id: string;
  debit_item_id: string;
  credit_item_id: string;
  amount: number;
  date: string;
  created_by: string | null;
  created_at: string;
  /** Set when a reversal or a void undoes the allocation. */
  undone_at: string | null;
  undone_by: string | null;
}

export interface MessageSettingsTable {
  business_id: string;
  /** Local `HH:MM` times; messages queued between them wait for the end. */
  quiet_start: string | null;
  quiet_end: string | null;
  reminders_enabled: number;
  /** Set once the default templates exist for the business. */
  defaults_created_at: string | null;
  updated_at: string;
}

export interface MessageChannelTable {
  business_id: string;
  /** `email`, `sms` or `whatsapp`. */
  channel: string;
  enabled: number;
  /** JSON of the settings that are not secret. */
  config: string;
  /** AES-256-GCM ciphertext of a JSON object of secrets. */
  secrets: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface ContactChannelConsentTable {
  business_id: string;
  contact_id: string;
  channel: string;
  refused_at: string;
  recorded_by: string | null;
}

export interface MessageTemplateTable {
  id: string;
  business_id: string;
  event: string;
  name: string;
  auto_email: number;
  auto_sms: number;
  auto_whatsapp: number;
  created_at: string;
  updated_at: string;
}

export interface MessageTemplateContentTable {
  business_id: string;
  template_id: string;
  channel: string;
  locale: string;
  subject: string | null;
  html: string | null;
  text: string;
}

export interface MessageTable {
  id: string;
  business_id: string;
  contact_id: string | null;
  /** `email`, `sms`, `whatsapp` or `webhook`. */
  channel: string;
  /** `event`, `reminder`, `manual` or `webhook`. */
  origin: string;
  template_id: string | null;
  event: string | null;
  source_type: string | null;
  source_id: string | null;
  webhook_id: string | null;
  recipient: string;
  locale: string;
  subject: string | null;
  text: string;
  html: string | null;
  /** JSON array of attachment references, rendered when the message is sent. */
  attachments: string;
  /** `queued`, `sending`, `sent`, `failed` or `cancelled`. */
  status: string;
  attempts: number;
  /** When a queued message may be sent, or when a sending claim expires. */
  next_attempt_at: string;
  claim_token: string | null;
  last_error: string | null;
  sent_at: string | null;
  provider_id: string | null;
  dedupe_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessageAttemptTable {
  id: string;
  business_id: string;
  message_id: string;
  attempt: number;
  started_at: string;
  finished_at: string;
  /** `sent` or `error`. */
  outcome: string;
  response_status: number | null;
  error: string | null;
}

export interface ReminderLevelTable {
  id: string;
  business_id: string;
  name: string;
  /** `before_due`, `on_due` or `after_due`. */
  timing: string;
  days: number;
  template_id: string;
  /** JSON array of channels. */
  channels: string;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface ReminderHoldTable {
  business_id: string;
  contact_id: string;
  /** Last business date of the hold; null holds until released. */
  until: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: string;
}

export interface ReminderItemTable {
  business_id: string;
  level_id: string;
  open_item_id: string;
  contact_id: string;
  run_date: string;
  /** `queued` when a message listed it, `skipped` when a later level went out instead. */
  outcome: string;
  created_at: string;
}

export interface ReminderRunTable {
  business_id: string;
  run_date: string;
  started_at: string;
  finished_at: string | null;
  messages: number;
}

export interface WebhookTable {
  id: string;
  business_id: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  /** AES-256-GCM ciphertext of the signing secret. */
  secret: string;
  description: string | null;
  is_active: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A user's saved contact list: filters, sort and visible columns. */
export interface ContactViewTable {
  id: string;
  business_id: string;
  user_id: string;
  name: string;
  /** The name folded by `foldText`, unique among the user's views (migration 0031). */
  name_key: string;
  /** JSON object of list filters, as the list's query parameters. */
  filters: string;
  sort: string;
  /** JSON array of column names. */
  columns: string;
  created_at: string;
  updated_at: string;
}

export interface ProductTable {
  id: string;
  business_id: string;
  sku: string;
  name: string;
  /** Folded SKU and name (lower case, no accents), for search. */
  search_key: string;
  /** Selling price, tax included, in minor units. */
  selling_price: number;
  /** Tax rate in hundredths of a percent (20 % = 2000). */
  tax_bp: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface PriceGroupTable {
  id: string;
  business_id: string;
  name: string;
  /** Folded name, unique in the business. */
  name_key: string;
  description: string | null;
  is_active: number;
  created_at: string;
  updated_at: string;
}

/** A product's price in a selling price group, tax included, in minor units. */
export interface ProductPriceTable {
  business_id: string;
  product_id: string;
  price_group_id: string;
  price: number;
}

export interface CustomerGroupTable {
  id: string;
  business_id: string;
  name: string;
  name_key: string;
  /** `percentage` or `price_group`. */
  calculation: string;
  /** Hundredths of a percent taken off the selling price (negative raises it). */
  percentage_bp: number | null;
  price_group_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Loyalty settings of a business; amounts in minor units. */
export interface LoyaltySettingsTable {
  business_id: string;
  enabled: number;
  name: string;
  amount_per_point: number;
  min_order_to_earn: number;
  max_points_per_order: number | null;
  point_value: number;
  min_order_to_redeem: number;
  min_points_to_redeem: number | null;
  max_points_per_order_redeem: number | null;
  expiry_period: number | null;
  /** `months` or `years`; null with `expiry_period` when points never expire. */
  expiry_unit: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface LoyaltyLotTable {
  id: string;
  business_id: string;
  contact_id: string;
  /** The movement that created the lot (an earning or a positive adjustment). */
  movement_id: string;
  document_id: string | null;
  earned_on: string;
  /** First business date on which the lot's points are no longer valid; null never expires. */
  expires_on: string | null;
  points: number;
  remaining: number;
  created_at: string;
}

export interface LoyaltyMovementTable {
  id: string;
  business_id: string;
  contact_id: string;
  /** Business date of the movement. */
  date: string;
  /** `earn`, `redeem`, `return_clawback`, `return_refund`, `void`, `expire` or `adjust`. */
  type: string;
  /** Signed change of the balance. */
  points: number;
  /** Points that were due back but could not be taken, because the balance never goes negative. */
  shortfall: number;
  /** The document that caused it: the sale, or the return. */
  document_id: string | null;
  /** The sale it belongs to (the returned sale for a return movement). */
  source_document_id: string | null;
  reason: string | null;
  user_id: string | null;
  created_at: string;
}

export interface LoyaltyLotChangeTable {
  business_id: string;
  movement_id: string;
  lot_id: string;
  /** Negative: taken from the lot; positive: given back to it. */
  points: number;
}

/** A contact import, from its preview to its commit or undo; JSON columns are text. */
export interface ImportTable {
  id: string;
  business_id: string;
  user_id: string | null;
  /**
   * `previewed`, `running`, `committed`, `failed`, `cancelled`, `interrupted`,
   * `undone`, `partly_undone` or `error`.
   */
  status: string;
  file_name: string;
  file_size: number;
  file_format: string | null;
  encoding: string | null;
  delimiter: string | null;
  header_line: number | null;
  options: string;
  /** JSON: the column mapping used. */
  columns: string;
  /** JSON: { rows, valid, invalid, created, updated, skipped }. */
  totals: string;
  /** JSON: [{ line, column, value, code, params }]. */
  errors: string;
  warnings: string;
  /**
   * JSON array of the ids of the sales a sales import created, or of the
   * contacts a contact import created before `import_contacts` existed.
   */
  created_ids: string;
  /** JSON: [{ id, before, updatedAt }] for the contacts an import updated before `import_contacts` existed. */
  updated_contacts: string;
  progress_done: number;
  progress_total: number | null;
  cancel_requested: number;
  /** The uploaded file between preview and commit; cleared once imported. */
  file_data: Buffer | null;
  created_at: string;
  updated_at: string;
  committed_at: string | null;
  undone_at: string | null;
  /** JSON: the process running the import (see transfer/import/runner.ts); null on rows older than it. */
  runner: string | null;
  /** Last time the running process reported in; refreshed on PostgreSQL only. */
  heartbeat_at: string | null;
  /** JSON: the counts of the undo and the contacts a partial undo kept. */
  undo_result: string | null;
}

/** A header a business mapped to a field (or left out, field null), reused for its next files. */
export interface ImportMappingTable {
  business_id: string;
  /** Normalised header text. */
  header: string;
  field: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** A contact that a contact import created, updated or matched, with the file line of its row (migration 0021). */
export interface ImportContactTable {
  import_id: string;
  contact_id: string;
  line: number;
  /** `created`, `updated`, or `matched` for a contact matched in upsert mode that its row left unchanged (no change, or the row was rejected). */
  change: string;
  /** JSON: the contact's writable fields before the import, for an `updated` one. */
  before_values: string | null;
  /** `updated_at` the import left on an `updated` contact, so that an undo detects later changes. */
  updated_at: string | null;
}

/** A code or loyalty card number of an accepted row of a running contact import, and its file line. */
/** A contact whose cached figures the running transaction writes at its end (ledger/deferred-figures.ts). */
export interface DeferredContactFigureTable {
  contact_id: string;
}

export interface ImportFileKeyTable {
  import_id: string;
  /** `code:VALUE` or `loyaltyCardNumber:VALUE`. */
  key: string;
  line: number;
}

export interface Database {
  businesses: BusinessTable;
  locations: LocationTable;
  roles: RoleTable;
  users: UserTable;
  user_locations: UserLocationTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  counters: CounterTable;
  contacts: ContactTable;
  contact_assignments: ContactAssignmentTable;
  contact_notes: ContactNoteTable;
  contact_attachments: ContactAttachmentTable;
  audit_log: AuditLogTable;
  login_attempts: LoginAttemptTable;
  ledger_entries: LedgerEntryTable;
  ledger_totals: LedgerTotalTable;
  documents: DocumentTable;
  document_lines: DocumentLineTable;
  payments: PaymentTable;
  payment_methods: PaymentMethodTable;
  idempotency_keys: IdempotencyKeyTable;
  open_items: OpenItemTable;
  allocations: AllocationTable;
  message_settings: MessageSettingsTable;
  message_channels: MessageChannelTable;
  contact_channel_consents: ContactChannelConsentTable;
  message_templates: MessageTemplateTable;
  message_template_contents: MessageTemplateContentTable;
  messages: MessageTable;
  message_attempts: MessageAttemptTable;
  reminder_levels: ReminderLevelTable;
  reminder_holds: ReminderHoldTable;
  reminder_items: ReminderItemTable;
  reminder_runs: ReminderRunTable;
  webhooks: WebhookTable;
  contact_views: ContactViewTable;
  products: ProductTable;
  price_groups: PriceGroupTable;
  product_prices: ProductPriceTable;
  customer_groups: CustomerGroupTable;
  loyalty_settings: LoyaltySettingsTable;
  loyalty_lots: LoyaltyLotTable;
  loyalty_movements: LoyaltyMovementTable;
  loyalty_lot_changes: LoyaltyLotChangeTable;
  imports: ImportTable;
  import_mappings: ImportMappingTable;
  import_contacts: ImportContactTable;
  import_file_keys: ImportFileKeyTable;
  deferred_contact_figures: DeferredContactFigureTable;
}

export type ContactRow = Selectable<ContactTable>;
export type NewContactRow = Insertable<ContactTable>;
export type ContactUpdate = Updateable<ContactTable>;
export type BusinessRow = Selectable<BusinessTable>;
export type UserRow = Selectable<UserTable>;
export type RoleRow = Selectable<RoleTable>;
