/**
 * Application errors carry a stable code from one catalogue. The HTTP layer
 * turns them into `application/problem+json`; the wording lives in
 * `messages.ts` so that the code never depends on the language.
 */
import type { MessageParams } from './messages.ts';

export const errorStatus = {
  validation_failed: 422,
  bad_request: 400,
  not_authenticated: 401,
  invalid_credentials: 401,
  account_locked: 423,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  conflict: 409,
  contact_has_history: 409,
  contact_code_taken: 409,
  duplicate_warning: 409,
  contact_merged: 404,
  contact_anonymised: 409,
  contact_changed: 412,
  merge_contact_anonymised: 409,
  merge_contact_not_found: 404,
  note_author_only: 403,
  setup_done: 409,
  email_taken: 409,
  currency_locked: 409,
  last_admin: 409,
  self_deactivation: 409,
  admin_role_locked: 409,
  role_in_use: 409,
  role_name_taken: 409,
  last_active_location: 409,
  rate_limited: 429,
  payload_too_large: 413,
  too_many_files: 413,
  unsupported_media_type: 415,
  credit_limit_exceeded: 409,
  idempotency_conflict: 409,
  view_name_taken: 409,
  view_limit_reached: 409,
  document_status: 409,
  sale_customer_changed: 409,
  discount_already_reversed: 409,
  money_field_forbidden: 403,
  supplier_credit_limit_forbidden: 403,
  supplier_group_forbidden: 403,
  void_reverses_payments: 403,
  opening_balance_locked: 409,
  contact_type_hides_customer: 409,
  contact_type_hides_supplier: 409,
  contact_inactive_credit: 409,
  payment_already_reversed: 409,
  payment_not_reversible: 409,
  secret_key_missing: 503,
  channel_not_configured: 409,
  channel_refused: 409,
  contact_unreachable: 409,
  template_in_use: 409,
  file_empty: 422,
  file_type_unsupported: 415,
  file_not_text: 415,
  file_unreadable: 422,
  file_encoding_unknown: 400,
  file_encoding_mismatch: 422,
  archive_too_large: 413,
  csv_quote_unclosed: 422,
  csv_record_too_long: 422,
  csv_malformed: 422,
  import_file_missing: 400,
  import_header_missing: 422,
  import_too_many_rows: 413,
  import_not_pending: 409,
  import_busy: 409,
  import_not_undoable: 409,
  import_undo_blocked: 409,
  import_undo_nothing_left: 409,
  import_partial_undo_unsupported: 409,
  import_interrupted: 409,
  import_not_running: 409,
  import_sales_format: 415,
  import_sales_header_missing: 422,
  import_undo_sales_blocked: 409,
  product_sku_taken: 409,
  product_in_use: 409,
  price_group_name_taken: 409,
  price_group_in_use: 409,
  customer_group_name_taken: 409,
  customer_group_in_use: 409,
  restore_target_not_empty: 409,
  restore_file_not_found: 404,
  restore_not_a_backup: 422,
  restore_newer_backup: 409,
  service_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One invalid field: where it is (a JSON path such as `payTerm.number`) and why. */
export interface FieldIssue {
  path: string;
  code: string;
  params?: MessageParams;
  /** The other contact an issue is about (a duplicate's match), for the client to link to. */
  contactId?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: MessageParams;
  readonly issues: FieldIssue[];
  /** Extra members copied into the problem document (limits, counts). */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    params: MessageParams = {},
    issues: FieldIssue[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
    this.params = params;
    this.issues = issues;
    this.extra = extra;
  }
}

export function notFound(entity: string): AppError {
  return new AppError('not_found', { entity });
}

export function forbidden(permission: string): AppError {
  // The problem also carries the permission, so that a client can name it in its own words.
  return new AppError('forbidden', { permission }, [], { permission });
}

export function invalid(issues: FieldIssue[]): AppError {
  return new AppError('validation_failed', { count: issues.length }, issues);
}

/** Collects field issues during validation and throws them all at once. */
export class IssueList {
  readonly items: FieldIssue[] = [];

  add(path: string, code: string, params?: MessageParams): void {
    this.items.push(params ? { path, code, params } : { path, code });
  }

  get empty(): boolean {
    return this.items.length === 0;
  }

  /**
   * Throws every issue at once. A clash with another record (`conflict`: an
   * address, a SKU or a name in use) found alone stays the 409 error of that
   * code, still carrying its issue, so that a form shows it under its field.
   */
  throwIfAny(conflict?: ErrorCode): void {
    if (this.empty) return;
    const [only] = this.items;
    if (conflict && this.items.length === 1 && only?.code === conflict) {
      throw new AppError(conflict, only.params ?? {}, this.items);
    }
    throw invalid(this.items);
  }
}
