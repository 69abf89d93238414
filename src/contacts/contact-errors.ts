/** Turns validation results and unique-index violations into application errors. */
import { AppError, type FieldIssue, invalid } from '../shared/errors.ts';

/**
 * Returns the error of a validation that found errors, or null: 409
 * `contact_code_taken` when the typed code is the only problem, else 422
 * with every issue.
 */
export function invalidInputError(issues: FieldIssue[]): AppError | null {
  if (issues.length === 0) return null;
  const taken = issues.find((issue) => issue.code === 'code_taken');
  if (taken && issues.length === 1) {
    return new AppError('contact_code_taken', { code: taken.params?.value, name: taken.params?.name }, issues);
  }
  return invalid(issues);
}

export function throwIfInvalid(issues: FieldIssue[]): void {
  const error = invalidInputError(issues);
  if (error) throw error;
}

/** With `stopOnWarnings`, any warning stops the write with 409 `duplicate_warning`; returns that error or null. */
export function warnedError(warnings: FieldIssue[], stopOnWarnings: boolean | undefined): AppError | null {
  if (!stopOnWarnings || warnings.length === 0) return null;
  return new AppError('duplicate_warning', { count: warnings.length }, warnings);
}

export function throwIfWarned(warnings: FieldIssue[], stopOnWarnings: boolean | undefined): void {
  const error = warnedError(warnings, stopOnWarnings);
  if (error) throw error;
}

/** Returns the unique index a database error names ('' when it names none), or null for any other error. */
function violatedIndex(error: unknown): string | null {
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (code === '23505') return typeof constraint === 'string' ? constraint : '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string') {
    if (message.includes('contacts.code')) return 'contacts_code';
    if (message.includes('contacts.loyalty_card_number')) return 'contacts_card';
    return '';
  }
  return null;
}

/**
 * Maps a race lost on a contact's unique index to the error the check itself
 * gives. Another transaction took the same code or card between our check
 * and our insert, so the other contact is unknown and the messages read
 * "another contact". Any other error is rethrown.
 */
export function rethrowContactConflict(error: unknown, code: string): never {
  const index = violatedIndex(error);
  if (index === 'contacts_code') {
    throw new AppError('contact_code_taken', { code }, [{ path: 'code', code: 'code_taken', params: { value: code } }]);
  }
  if (index === 'contacts_card') {
    throw invalid([{ path: 'loyaltyCardNumber', code: 'duplicate_loyalty_card' }]);
  }
  throw error;
}

/** Returns whether a database error is the violation of a unique index. */
export function isUniqueViolation(error: unknown): boolean {
  return violatedIndex(error) !== null;
}

/**
 * Thrown when a multi-row INSERT of new contacts hits a unique index: a
 * concurrent transaction took a code or card after the checks, and the
 * statement cannot tell which contact it was. Part of the batch may be
 * written and PostgreSQL refuses further statements, so the caller rolls
 * back to a savepoint taken before the batch. Creating the contacts one at
 * a time then names the one that failed.
 */
export class ContactBatchConflict extends Error {
  constructor(cause: unknown) {
    super('a contact of the batch lost its code or loyalty card to a concurrent transaction', { cause });
    this.name = 'ContactBatchConflict';
  }
}
