/**
 * Reads and writes import rows, and turns one into the JSON of the API with
 * its messages in the caller's language.
 */
import type { Executor } from '../../db/database.ts';
import type { ImportTable } from '../../db/schema.ts';
import { ONE_RUNNING_IMPORT_INDEX } from '../../db/migrations/0019_one_running_import.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type Locale, translate } from '../../shared/messages.ts';
import type { ColumnMapping } from '../mapping/auto-map.ts';
import { fieldLabels, fieldNouns, type ImportField, isImportField } from '../mapping/fields.ts';
import { normaliseHeader } from '../mapping/aliases.ts';
import { liveProgress } from './jobs.ts';
import { importKindOf, type ImportOptions } from './options.ts';
import type { ImportTotals, RowIssue, RunOutcome, UpdatedContact } from './run-import.ts';
import { thisRunnerJson } from './runner.ts';
import type { KeptContact } from './undo-plan.ts';

export type ImportStatus = RunOutcome['status'] | 'running' | 'interrupted' | 'undone' | 'partly_undone' | 'error';

/** The outcome of an undo, stored with the import. `keptContacts` lists the first of the kept contacts. */
export interface UndoResult {
  deleted: number;
  restored: number;
  kept: number;
  keptContacts: KeptContact[];
}

/**
 * The outcome of a run of any kind: its columns and issues name the fields
 * of that kind. A contact import keeps its contacts in `import_contacts`,
 * and the sales of a sales import keep its id (`documents.import_id`).
 */
export type StoredOutcome = Omit<RunOutcome, 'columns' | 'errors' | 'warnings'> & {
  columns: ColumnMapping<string>[];
  errors: RowIssue<string>[];
  warnings: RowIssue<string>[];
  createdIds?: string[];
};

export interface ImportRecord {
  id: string;
  businessId: string;
  userId: string | null;
  status: ImportStatus;
  fileName: string;
  fileSize: number;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  headerLine: number | null;
  options: ImportOptions;
  columns: ColumnMapping<string>[];
  totals: ImportTotals;
  errors: RowIssue<string>[];
  warnings: RowIssue<string>[];
  issuesTruncated: boolean;
  /**
   * The contacts a contact import created before `import_contacts` existed
   * (see `loadImportChanges`). Sales imports stored before their sales were
   * looked up by `documents.import_id` list their sales here, unread.
   */
  createdIds: string[];
  /** The contacts a contact import updated before `import_contacts` existed. */
  updated: UpdatedContact[];
  progress: { done: number; total: number | null };
  cancelRequested: boolean;
  createdAt: string;
  updatedAt: string;
  committedAt: string | null;
  undoneAt: string | null;
  /** Set by an undo of a contact import since runners were recorded. */
  undo: UndoResult | null;
}

const emptyTotals: ImportTotals = { rows: 0, valid: 0, invalid: 0, created: 0, updated: 0, skipped: 0 };

/**
 * Inserts an import. A `running` one is recorded as run by this process,
 * which must have registered the run under `id` first (jobs.ts), so that no
 * reader of the row takes it for a run this process has left behind.
 */
export async function insertImport(
  db: Executor,
  values: {
    id?: string; businessId: string; userId: string | null; fileName: string; bytes: Buffer; options: ImportOptions;
    status: ImportStatus; keepFile: boolean;
  },
): Promise<string> {
  const id = values.id ?? newId();
  const now = nowIso();
  const running = values.status === 'running';
  await rejectSecondRun(db.insertInto('imports').values({
    id,
    business_id: values.businessId,
    user_id: values.userId,
    status: values.status,
    file_name: values.fileName,
    file_size: values.bytes.length,
    file_format: null,
    encoding: null,
    delimiter: null,
    header_line: null,
    options: JSON.stringify(values.options),
    columns: '[]',
    totals: JSON.stringify(emptyTotals),
    errors: JSON.stringify({ errors: [], truncated: false }),
    warnings: '[]',
    created_ids: '[]',
    updated_contacts: '[]',
    progress_done: 0,
    progress_total: null,
    cancel_requested: 0,
    file_data: values.keepFile ? values.bytes : null,
    created_at: now,
    updated_at: now,
    committed_at: null,
    undone_at: null,
    runner: running ? thisRunnerJson : null,
    heartbeat_at: running ? now : null,
    undo_result: null,
  }).execute());
  return id;
}

/**
 * Marks the import `running` as run by this process, if its status is one
 * of `from`; returns false when another request changed it first. The run
 * must be registered under `id` before (jobs.ts).
 */
export async function claimRun(db: Executor, id: string, from: ImportStatus[], extra: Partial<ImportTable> = {}): Promise<boolean> {
  const now = nowIso();
  const result = await rejectSecondRun(db
    .updateTable('imports')
    .set({ ...extra, status: 'running', runner: thisRunnerJson, heartbeat_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst());
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Runs a write that makes an import run, and turns a violation of the
 * index of one running import per business into 409 `import_busy`: another
 * start got there first, though both read that nothing was running.
 */
async function rejectSecondRun<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (isSecondRun(error)) throw new AppError('import_busy');
    throw error;
  }
}

function isSecondRun(error: unknown): boolean {
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return constraint === ONE_RUNNING_IMPORT_INDEX;
  // SQLite names the columns of the index, of which imports has one unique index on business_id alone.
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.endsWith('imports.business_id');
}

/**
 * Stores the outcome of a run; the file is kept only while a preview waits
 * for its commit. Only the run's own process stores it, while the import is
 * still `running`: returns false, writing nothing, once another instance
 * has marked it interrupted.
 */
export async function saveOutcome(db: Executor, id: string, outcome: StoredOutcome, keepFile: boolean): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .updateTable('imports')
    .set({
      status: outcome.status,
      file_format: outcome.format,
      encoding: outcome.encoding,
      delimiter: outcome.delimiter,
      header_line: outcome.headerLine,
      columns: JSON.stringify(outcome.columns),
      totals: JSON.stringify(outcome.totals),
      errors: JSON.stringify({ errors: outcome.errors, truncated: outcome.issuesTruncated }),
      warnings: JSON.stringify(outcome.warnings),
      created_ids: JSON.stringify(outcome.createdIds ?? []),
      updated_contacts: '[]',
      progress_done: outcome.totals.rows,
      progress_total: outcome.totals.rows,
      ...(keepFile ? {} : { file_data: null }),
      updated_at: now,
      ...(outcome.status === 'committed' ? { committed_at: now } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('runner', '=', thisRunnerJson)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stores the status of a run that failed, under the same condition as `saveOutcome`. */
export async function saveRunFailure(db: Executor, id: string, status: 'failed' | 'error', errors: string): Promise<void> {
  await db
    .updateTable('imports')
    .set({ status, errors, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('runner', '=', thisRunnerJson)
    .execute();
}

export async function setStatus(db: Executor, id: string, status: ImportStatus, extra: Partial<ImportTable> = {}): Promise<void> {
  await db.updateTable('imports').set({ status, updated_at: nowIso(), ...extra }).where('id', '=', id).execute();
}

const recordColumns = [
  'id', 'business_id', 'user_id', 'status', 'file_name', 'file_size', 'file_format', 'encoding', 'delimiter',
  'header_line', 'options', 'columns', 'totals', 'errors', 'warnings', 'created_ids', 'updated_contacts',
  'progress_done', 'progress_total', 'cancel_requested', 'created_at', 'updated_at', 'committed_at', 'undone_at',
  'undo_result',
] as const;

/** Loads the import of the business, without its file, or throws 404. */
export async function loadImport(db: Executor, businessId: string, id: string): Promise<ImportRecord> {
  const row = await db
    .selectFrom('imports')
    .select(recordColumns)
    .where('business_id', '=', businessId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('import');
  return toRecord(row);
}

export async function loadImportFile(db: Executor, id: string): Promise<Buffer | null> {
  const row = await db.selectFrom('imports').select('file_data').where('id', '=', id).executeTakeFirst();
  return row?.file_data ? Buffer.from(row.file_data) : null;
}

function toRecord(row: Omit<ImportTable, 'file_data' | 'runner' | 'heartbeat_at'>): ImportRecord {
  const errors = JSON.parse(row.errors) as { errors: RowIssue<string>[]; truncated: boolean };
  const live = liveProgress(row.id);
  return {
    id: row.id,
    businessId: row.business_id,
    userId: row.user_id,
    status: row.status as ImportStatus,
    fileName: row.file_name,
    fileSize: row.file_size,
    format: row.file_format,
    encoding: row.encoding,
    delimiter: row.delimiter,
    headerLine: row.header_line,
    options: JSON.parse(row.options) as ImportOptions,
    columns: JSON.parse(row.columns) as ColumnMapping<string>[],
    totals: JSON.parse(row.totals) as ImportTotals,
    errors: errors.errors,
    warnings: JSON.parse(row.warnings) as RowIssue<string>[],
    issuesTruncated: errors.truncated,
    createdIds: JSON.parse(row.created_ids) as string[],
    updated: JSON.parse(row.updated_contacts) as UpdatedContact[],
    progress: live ? { ...live } : { done: row.progress_done, total: row.progress_total },
    cancelRequested: row.cancel_requested === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    committedAt: row.committed_at,
    undoneAt: row.undone_at,
    undo: row.undo_result ? (JSON.parse(row.undo_result) as UndoResult) : null,
  };
}

/** Loads the header mappings the business saved, by normalised header. */
export async function loadSavedMappings(db: Executor, businessId: string): Promise<Map<string, ImportField | null>> {
  const rows = await db.selectFrom('import_mappings').select(['header', 'field']).where('business_id', '=', businessId).execute();
  const saved = new Map<string, ImportField | null>();
  for (const row of rows) {
    if (row.field === null || isImportField(row.field)) saved.set(row.header, row.field);
  }
  return saved;
}

/** Saves the user's choice for each column that has a header. */
export async function saveMappings(
  db: Executor,
  businessId: string,
  userId: string | null,
  columns: ColumnMapping[],
): Promise<void> {
  const now = nowIso();
  for (const column of columns) {
    if (column.source !== 'user' || column.header === '') continue;
    const header = normaliseHeader(column.header);
    if (!header) continue;
    await db
      .insertInto('import_mappings')
      .values({ business_id: businessId, header, field: column.field, updated_by: userId, updated_at: now })
      .onConflict((conflict) =>
        conflict.columns(['business_id', 'header']).doUpdateSet({ field: column.field, updated_by: userId, updated_at: now }),
      )
      .execute();
  }
}

/** Day-month order of slashed dates, written as the reader's language writes the pattern. */
const dateOrderPatterns: Record<Locale, Record<'dmy' | 'mdy', string>> = {
  fr: { dmy: 'JJ/MM/AAAA', mdy: 'MM/JJ/AAAA' },
  en: { dmy: 'DD/MM/YYYY', mdy: 'MM/DD/YYYY' },
};

/** Row errors naming the contact that already has the row's code, card or tax number. */
const otherPersonCodes = new Set(['import_code_other_person', 'import_card_other_person', 'import_tax_number_other_person']);

function issueJson(issue: RowIssue<string>, locale: Locale) {
  const base = { line: issue.line, column: issue.column, field: issue.field, value: issue.value, code: issue.code };
  if (issue.code === 'required' && issue.field && isImportField(issue.field)) {
    // "Ligne 3 : le nom est obligatoire." names the field itself, not its column.
    const noun = fieldNouns[locale][issue.field] ?? `« ${fieldLabels[locale][issue.field]} »`;
    const sentence = translate('import_required', locale, { field: noun });
    return { ...base, message: translate('import_row', locale, { line: issue.line, message: sentence }) };
  }
  const params = { ...issue.params };
  if (issue.code === 'import_invalid_date' && (params.format === 'dmy' || params.format === 'mdy')) {
    params.format = dateOrderPatterns[locale][params.format];
  }
  if ((issue.code === 'duplicate_in_file' || issue.code === 'import_same_contact') && typeof params.key === 'string' && isImportField(params.key)) {
    params.key = fieldLabels[locale][params.key].toLowerCase();
  }
  // The importing user may not view the other contact: the stored issue then has no name.
  if (otherPersonCodes.has(issue.code) && (params.name === null || params.name === undefined)) {
    params.name = translate('import_another_contact', locale);
  }
  const detail = translate(issue.code, locale, params);
  const message = issue.column
    ? translate('import_row_column', locale, { line: issue.line, column: issue.column, message: detail })
    : translate('import_row', locale, { line: issue.line, message: detail });
  return { ...base, message };
}

function summary(record: ImportRecord, locale: Locale): string {
  if (importKindOf(record.options) === 'sales') return salesSummary(record, locale);
  const totals = { ...record.totals };
  switch (record.status) {
    case 'previewed':
      return translate(record.totals.rows === 0 ? 'import_summary_empty' : 'import_summary_preview', locale, totals);
    case 'committed':
      return translate(record.totals.rows === 0 ? 'import_summary_empty' : 'import_summary_committed', locale, totals);
    case 'failed':
      return translate(record.totals.rows === 0 ? 'import_summary_empty' : 'import_summary_failed', locale, totals);
    case 'cancelled':
      return translate('import_summary_cancelled', locale, totals);
    case 'interrupted':
      return interruptedSummary(record, locale);
    case 'undone':
      return translate('import_summary_undone', locale, {
        deleted: record.undo?.deleted ?? record.createdIds.length,
        restored: record.undo?.restored ?? record.updated.length,
      });
    case 'partly_undone':
      return translate('import_summary_partly_undone', locale, {
        deleted: record.undo?.deleted ?? 0,
        restored: record.undo?.restored ?? 0,
        kept: record.undo?.kept ?? 0,
      });
    case 'error':
      return translate('import_summary_error', locale, totals);
    default:
      return '';
  }
}

/** Words an interrupted run: an import can be started again from its file, a preview needs the file again. */
function interruptedSummary(record: ImportRecord, locale: Locale): string {
  return translate(record.options.dryRun ? 'import_summary_preview_interrupted' : 'import_summary_interrupted', locale);
}

/** Words the summary of a sales import, counting lines as rows and sales as created. */
function salesSummary(record: ImportRecord, locale: Locale): string {
  const totals = { ...record.totals };
  const ended = record.status === 'cancelled' || record.status === 'undone' || record.status === 'interrupted';
  if (record.totals.rows === 0 && !ended) {
    return translate('import_sales_summary_empty', locale, totals);
  }
  switch (record.status) {
    case 'previewed':
      return translate('import_sales_summary_preview', locale, totals);
    case 'committed':
      return translate('import_sales_summary_committed', locale, totals);
    case 'failed':
      return translate('import_sales_summary_failed', locale, totals);
    case 'cancelled':
      return translate('import_summary_cancelled', locale, totals);
    case 'interrupted':
      return interruptedSummary(record, locale);
    case 'undone':
      return translate('import_sales_summary_undone', locale, { voided: record.totals.created });
    case 'error':
      return translate('import_summary_error', locale, totals);
    default:
      return '';
  }
}

/** The import as the API returns it. */
export function importJson(record: ImportRecord, locale: Locale) {
  return {
    id: record.id,
    kind: importKindOf(record.options),
    status: record.status,
    message: summary(record, locale),
    fileName: record.fileName,
    fileSize: record.fileSize,
    format: record.format,
    encoding: record.encoding,
    delimiter: record.delimiter,
    headerLine: record.headerLine,
    options: record.options,
    columns: record.columns,
    totals: record.totals,
    progress: record.progress,
    errors: record.errors.map((issue) => issueJson(issue, locale)),
    warnings: record.warnings.map((issue) => issueJson(issue, locale)),
    issuesTruncated: record.issuesTruncated,
    createdAt: record.createdAt,
    committedAt: record.committedAt,
    undoneAt: record.undoneAt,
    undo: record.undo,
  };
}

export type ImportJson = ReturnType<typeof importJson>;
