/**
 * Runs an import (or its preview) in one transaction. Every row goes
 * through the contact use cases that the API calls (`createContact`,
 * `updateContact`), so an imported contact obeys every rule a typed one
 * does, and its opening balance is posted to the ledger. A preview, an
 * `abort` import with invalid rows and a cancelled import roll everything
 * back, so the counts reported are what the database contains.
 */
import { createContact, type ContactWriteResult } from '../../contacts/create-contact.ts';
import { updateContact, writableView } from '../../contacts/update-contact.ts';
import type { ContactBusiness } from '../../contacts/validate.ts';
import type { ContactActor } from '../../contacts/visibility.ts';
import type { ContactInput } from '../../contacts/model.ts';
import { serializeWithAssignments } from '../../contacts/serialize.ts';
import type { Db, Executor } from '../../db/database.ts';
import type { ContactRow } from '../../db/schema.ts';
import { sql } from 'kysely';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import type { MessageParams } from '../../shared/messages.ts';
import { openTable, type OpenedTable } from '../formats/table.ts';
import { type ColumnMapping, mapColumns } from '../mapping/auto-map.ts';
import { type ImportField, parseLabels } from '../mapping/fields.ts';
import { type RowContext, type RowInput, fieldOfPath, rowInput } from './row-input.ts';
import { findMatch, keyStrings, rowKeys } from './match.ts';
import { contactMapping, type ImportOptions, type MatchKey } from './options.ts';
import type { Progress } from './jobs.ts';

export const IMPORT_LIMITS = {
  /** Largest upload accepted, in bytes. */
  fileBytes: 25 * 1024 * 1024,
  /** Data rows in one file. */
  rows: 250_000,
  /** Uncompressed size of all entries of an XLSX or ODS file, in bytes. */
  uncompressedBytes: 400 * 1024 * 1024,
  /** Row errors and warnings kept with the import; the totals still count them all. */
  reportedIssues: 10_000,
} as const;

export interface RowIssue<Field extends string = ImportField> {
  line: number;
  /** The header of the column (or `#N`), null when the issue concerns no single column. */
  column: string | null;
  field: Field | null;
  value: string | null;
  code: string;
  params?: MessageParams;
}

export interface ImportTotals {
  rows: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  skipped: number;
}

export interface UpdatedContact {
  id: string;
  /** Writable fields before the import, restored by an undo. */
  before: ContactInput;
  /** `updatedAt` the import left, so an undo detects later changes. */
  updatedAt: string;
}

export type RunStatus = 'previewed' | 'committed' | 'failed' | 'cancelled';

export interface RunOutcome {
  status: RunStatus;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  headerLine: number | null;
  columns: ColumnMapping[];
  totals: ImportTotals;
  errors: RowIssue[];
  warnings: RowIssue[];
  issuesTruncated: boolean;
  createdIds: string[];
  updated: UpdatedContact[];
}

export interface RunInput {
  importId: string;
  bytes: Buffer;
  options: ImportOptions;
  actor: ContactActor;
  business: ContactBusiness;
  context: RowContext;
  saved: Map<string, ImportField | null>;
  progress: Progress;
  signal: AbortSignal;
  /** Called about once a second while rows are processed (persists progress, reads cancel requests). */
  onTick?: () => Promise<void>;
  /** Runs in the import's transaction just before it commits, to store the outcome with the data. */
  beforeCommit?: (trx: Executor, outcome: RunOutcome) => Promise<void>;
}

/** Thrown inside the transaction to roll it back with an outcome. */
class Rollback extends Error {
  constructor(readonly outcome: RunOutcome) {
    super('rollback');
  }
}

const YIELD_EVERY_ROWS = 50;
const TICK_MS = 1000;

export async function runImport(db: Db, input: RunInput): Promise<RunOutcome> {
  const table = await openTable(input.bytes, {
    encoding: input.options.encoding,
    delimiter: input.options.delimiter,
    headerLine: input.options.headerLine,
    maxRows: IMPORT_LIMITS.rows,
    maxUncompressedBytes: IMPORT_LIMITS.uncompressedBytes,
  });
  const columns = mapColumns(table, {
    user: contactMapping(input.options),
    saved: input.saved,
    customLabels: parseLabels(input.business.custom_field_labels),
  });
  const outcome = emptyOutcome(table, columns);

  try {
    await db.kysely.transaction().execute(async (trx) => {
      await importRows(trx, table, columns, input, outcome);
      if (input.signal.aborted) throw new Rollback(rolledBack(outcome, 'cancelled'));
      if (input.options.dryRun) throw new Rollback({ ...outcome, status: 'previewed', createdIds: [], updated: [] });
      if (outcome.totals.invalid > 0 && input.options.onInvalid === 'abort') {
        throw new Rollback(rolledBack(outcome, 'failed'));
      }
      outcome.status = 'committed';
      await input.beforeCommit?.(trx, outcome);
    });
  } catch (error) {
    if (error instanceof Rollback) return error.outcome;
    throw error;
  }
  return outcome;
}

function emptyOutcome(table: OpenedTable, columns: ColumnMapping[]): RunOutcome {
  return {
    status: 'committed',
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    headerLine: table.headerLine,
    columns,
    totals: { rows: 0, valid: 0, invalid: 0, created: 0, updated: 0, skipped: 0 },
    errors: [],
    warnings: [],
    issuesTruncated: false,
    createdIds: [],
    updated: [],
  };
}

/** Returns the outcome of a rolled-back run, where nothing was created or updated. */
function rolledBack(outcome: RunOutcome, status: RunStatus): RunOutcome {
  return {
    ...outcome,
    status,
    totals: { ...outcome.totals, created: 0, updated: 0, skipped: 0 },
    createdIds: [],
    updated: [],
  };
}

async function importRows(
  trx: Executor,
  table: OpenedTable,
  columns: ColumnMapping[],
  input: RunInput,
  outcome: RunOutcome,
): Promise<void> {
  const mapped = new Set(columns.flatMap((column) => (column.field ? [column.field] : [])));
  const seen = new Map<string, number>();
  let lastTick = Date.now();

  for await (const row of table.rows) {
    if (input.signal.aborted) return;
    outcome.totals.rows += 1;
    const converted = rowInput(row, columns, input.context);
    await importRow(trx, converted, { columns, mapped, seen, input, outcome });

    input.progress.done = outcome.totals.rows;
    if (outcome.totals.rows % YIELD_EVERY_ROWS === 0) {
      // better-sqlite3 runs queries synchronously, so without this the event
      // loop would not serve other requests (or a cancel) until the end.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (input.onTick && Date.now() - lastTick >= TICK_MS) {
      lastTick = Date.now();
      await input.onTick();
    }
  }
}

interface RowState {
  columns: ColumnMapping[];
  mapped: Set<ImportField>;
  /** `key:value` → line of the first row that had it. */
  seen: Map<string, number>;
  input: RunInput;
  outcome: RunOutcome;
}

// TODO: a CSV import takes about 9x the CPU of a plain prepared insert per row (target 5x), since each row runs the lookups, code, audit and ledger statements of createContact.
async function importRow(trx: Executor, converted: RowInput, state: RowState): Promise<void> {
  const { input, outcome } = state;
  if (converted.issues.length > 0) {
    rejectRow(state, converted, converted.issues.map((issue) => cellIssue(state, converted, issue)));
    return;
  }

  const keys = rowKeys(converted.input, input.business.country);
  const fileKeys = keyStrings(keys, uniqueKeys(input.options.matchOn));
  const duplicate = findDuplicateInFile(state, converted, fileKeys);
  if (duplicate) {
    rejectRow(state, converted, [duplicate]);
    return;
  }

  const hasKeys = keyStrings(keys, input.options.matchOn).length > 0;
  const match = hasKeys ? await findMatch(trx, input.business.id, keys, input.options.matchOn) : { kind: 'none' as const };
  if (match.kind === 'several') {
    rejectRow(state, converted, [rowIssue(state, converted, null, 'matches_several', { codes: match.codes.join(', ') })]);
    return;
  }
  if (match.kind === 'one' && input.options.mode === 'create') {
    acceptRow(state, converted, fileKeys);
    outcome.totals.skipped += 1;
    const existing = { code: match.contact.code, name: match.contact.name };
    addWarnings(state, [rowIssue(state, converted, null, 'import_existing', existing)]);
    return;
  }

  // A savepoint per row: a row that fails half-way leaves nothing behind,
  // and on PostgreSQL a failed statement does not abort the whole import.
  await sql`savepoint import_row`.execute(trx);
  try {
    const written = match.kind === 'one'
      ? await updateRow(trx, converted, match.contact, state)
      : await createRow(trx, converted, state);
    await sql`release savepoint import_row`.execute(trx);
    acceptRow(state, converted, fileKeys);
    addResultWarnings(state, converted, written);
  } catch (error) {
    await sql`rollback to savepoint import_row`.execute(trx);
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    rejectRow(state, converted, useCaseIssues(state, converted, error));
  }
}

function writeOptions(input: RunInput) {
  return { business: input.business, auditDetail: { importId: input.importId } };
}

async function createRow(trx: Executor, converted: RowInput, state: RowState): Promise<ContactWriteResult> {
  const result = await createContact(trx, state.input.actor, converted.input, writeOptions(state.input));
  state.outcome.totals.created += 1;
  state.outcome.createdIds.push(result.contact.id);
  return result;
}

/** Updates the matched contact; a row that changes nothing counts as skipped. */
async function updateRow(trx: Executor, converted: RowInput, contact: ContactRow, state: RowState): Promise<ContactWriteResult> {
  const before = await serializeWithAssignments(trx, contact, state.input.business);
  const result = await updateContact(trx, state.input.actor, contact.id, converted.input, writeOptions(state.input));
  if (result.contact.updatedAt === before.updatedAt) {
    state.outcome.totals.skipped += 1;
    return result;
  }
  state.outcome.totals.updated += 1;
  state.outcome.updated.push({
    id: contact.id,
    before: writableView(before) as ContactInput,
    updatedAt: result.contact.updatedAt,
  });
  return result;
}

function acceptRow(state: RowState, converted: RowInput, keys: { key: MatchKey; value: string }[]): void {
  state.outcome.totals.valid += 1;
  for (const { key, value } of keys) state.seen.set(`${key}:${value}`, converted.line);
}

/** Keys that must be unique within a file: those matched on, plus code and card, which the database keeps unique. */
function uniqueKeys(matchOn: readonly MatchKey[]): MatchKey[] {
  return [...new Set<MatchKey>([...matchOn, 'code', 'loyaltyCardNumber'])];
}

function findDuplicateInFile(state: RowState, converted: RowInput, keys: { key: MatchKey; value: string }[]): RowIssue | null {
  for (const { key, value } of keys) {
    const first = state.seen.get(`${key}:${value}`);
    if (first !== undefined) return rowIssue(state, converted, key, 'duplicate_in_file', { key, line: first });
  }
  return null;
}

function rejectRow(state: RowState, converted: RowInput, issues: RowIssue[]): void {
  state.outcome.totals.invalid += 1;
  for (const issue of issues) {
    if (state.outcome.errors.length >= IMPORT_LIMITS.reportedIssues) {
      state.outcome.issuesTruncated = true;
      break;
    }
    state.outcome.errors.push(issue);
  }
  addWarnings(state, converted.warnings.map((warning) => cellIssue(state, converted, warning)));
}

function addWarnings(state: RowState, warnings: RowIssue[]): void {
  for (const warning of warnings) {
    if (state.outcome.warnings.length >= IMPORT_LIMITS.reportedIssues) {
      state.outcome.issuesTruncated = true;
      return;
    }
    state.outcome.warnings.push(warning);
  }
}

function addResultWarnings(state: RowState, converted: RowInput, result: ContactWriteResult): void {
  const fromCells = converted.warnings.map((warning) => cellIssue(state, converted, warning));
  const fromUseCase = result.warnings.map((warning) => pathIssue(state, converted, warning));
  addWarnings(state, [...fromCells, ...fromUseCase]);
}

function columnOf(state: RowState, field: ImportField | null): string | null {
  if (!field) return null;
  const column = state.columns.find((candidate) => candidate.field === field);
  return column ? column.header || column.key : null;
}

function rowIssue(state: RowState, converted: RowInput, field: ImportField | null, code: string, params?: MessageParams): RowIssue {
  return {
    line: converted.line,
    column: columnOf(state, field),
    field,
    value: field ? converted.values.get(field) ?? null : null,
    code,
    ...(params ? { params } : {}),
  };
}

function cellIssue(state: RowState, converted: RowInput, issue: { field: ImportField; value: string; code: string; params?: MessageParams }): RowIssue {
  return {
    line: converted.line,
    column: columnOf(state, issue.field),
    field: issue.field,
    value: issue.value,
    code: issue.code,
    ...(issue.params ? { params: issue.params } : {}),
  };
}

function pathIssue(state: RowState, converted: RowInput, issue: FieldIssue): RowIssue {
  const field = fieldOfPath(issue.path, state.mapped);
  return {
    line: converted.line,
    column: columnOf(state, field),
    field,
    value: field ? converted.values.get(field) ?? null : null,
    code: issue.code,
    ...(issue.params ? { params: issue.params } : {}),
  };
}

/** Row issues from an error of a contact use case: its field issues, or the error itself. */
function useCaseIssues(state: RowState, converted: RowInput, error: AppError): RowIssue[] {
  if (error.issues.length > 0) return error.issues.map((issue) => pathIssue(state, converted, issue));
  return [{ ...rowIssue(state, converted, null, error.code), params: error.params }];
}
