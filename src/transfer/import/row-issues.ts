/**
 * The state an import keeps across rows, and how a row's result lands in
 * the outcome: totals, row errors and warnings with their file line and
 * column, and the keys of accepted rows that later rows must not repeat.
 */
import type { ContactWriteResult } from '../../contacts/create-contact.ts';
import type { AppError, FieldIssue } from '../../shared/errors.ts';
import type { MessageParams } from '../../shared/messages.ts';
import type { ColumnMapping } from '../mapping/auto-map.ts';
import type { ImportField } from '../mapping/fields.ts';
import type { FileKeyLines } from './key-lines.ts';
import type { MatchKey } from './options.ts';
import { type RowInput, fieldOfPath } from './row-input.ts';
import { IMPORT_LIMITS, type RowIssue, type RunInput, type RunOutcome } from './run-import.ts';

export interface RowState {
  columns: ColumnMapping[];
  mapped: Set<ImportField>;
  /** `key:value` of a code or card → line of the first accepted row that had it. */
  seen: FileKeyLines;
  input: RunInput;
  outcome: RunOutcome;
}

export type FileKey = { key: MatchKey; value: string };

export function acceptRow(state: RowState, converted: RowInput, keys: FileKey[]): void {
  state.outcome.totals.valid += 1;
  for (const { key, value } of keys) state.seen.set(`${key}:${value}`, converted.line);
}

/**
 * Keys that must be unique within a file: code and card, which the database
 * keeps unique, whether the import matches on them or not. Rows may share
 * the other keys (see import-chunk.ts).
 */
export const uniqueKeys: readonly MatchKey[] = ['code', 'loyaltyCardNumber'];

export async function findDuplicateInFile(state: RowState, converted: RowInput, keys: FileKey[]): Promise<RowIssue | null> {
  for (const { key, value } of keys) {
    const first = await state.seen.get(`${key}:${value}`);
    if (first !== undefined) return rowIssue(state, converted, key, 'duplicate_in_file', { key, line: first });
  }
  return null;
}

export function rejectRow(state: RowState, converted: RowInput, issues: RowIssue[]): void {
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

export function addWarnings(state: RowState, warnings: RowIssue[]): void {
  for (const warning of warnings) {
    if (state.outcome.warnings.length >= IMPORT_LIMITS.reportedIssues) {
      state.outcome.issuesTruncated = true;
      return;
    }
    state.outcome.warnings.push(warning);
  }
}

export function addResultWarnings(state: RowState, converted: RowInput, result: Pick<ContactWriteResult, 'warnings'>): void {
  const fromCells = converted.warnings.map((warning) => cellIssue(state, converted, warning));
  const fromUseCase = result.warnings.map((warning) => pathIssue(state, converted, warning));
  addWarnings(state, [...fromCells, ...fromUseCase]);
}

function columnOf(state: RowState, field: ImportField | null): string | null {
  if (!field) return null;
  const column = state.columns.find((candidate) => candidate.field === field);
  return column ? column.header || column.key : null;
}

export function rowIssue(state: RowState, converted: RowInput, field: ImportField | null, code: string, params?: MessageParams): RowIssue {
  return {
    line: converted.line,
    column: columnOf(state, field),
    field,
    value: field ? converted.values.get(field) ?? null : null,
    code,
    ...(params ? { params } : {}),
  };
}

export function cellIssue(state: RowState, converted: RowInput, issue: { field: ImportField; value: string; code: string; params?: MessageParams }): RowIssue {
  return {
    line: converted.line,
    column: columnOf(state, issue.field),
    field: issue.field,
    value: issue.value,
    code: issue.code,
    ...(issue.params ? { params: issue.params } : {}),
  };
}

/**
 * Turns a field issue of the contact use cases into a row issue. The id of
 * the other contact that a duplicate warning names goes into the params, so
 * that a later reader sees its name only if they may view it.
 */
function pathIssue(state: RowState, converted: RowInput, issue: FieldIssue): RowIssue {
  const field = fieldOfPath(issue.path, state.mapped);
  const params = issue.contactId ? { ...issue.params, contactId: issue.contactId } : issue.params;
  return {
    line: converted.line,
    column: columnOf(state, field),
    field,
    value: field ? converted.values.get(field) ?? null : null,
    code: issue.code,
    ...(params ? { params } : {}),
  };
}

/** Row issues from an error of a contact use case: its field issues, or the error itself. */
export function useCaseIssues(state: RowState, converted: RowInput, error: AppError): RowIssue[] {
  if (error.issues.length > 0) return error.issues.map((issue) => pathIssue(state, converted, issue));
  return [{ ...rowIssue(state, converted, null, error.code), params: error.params }];
}
