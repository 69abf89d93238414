/** Turns validation results and unique-index violations into application errors. */
import { AppError, type FieldIssue, invalid } from '../shared/errors.ts';

/**
 * Throws when the validation found errors: 409 `contact_code_taken` when the
 * typed code is the only problem, else 422 with every issue.
 */
export function throwIfInvalid(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  const taken = issues.find((issue) => issue.code === 'code_taken');
  if (taken && issues.length === 1) {
    throw new AppError('contact_code_taken', { code: taken.params?.value, name: taken.params?.name }, issues);
  }
  throw invalid(issues);
}

/** With `stopOnWarnings`, any warning stops the write with 409 `duplicate_warning`. */
export function throwIfWarned(warnings: FieldIssue[], stopOnWarnings: boolean | undefined): void {
  if (stopOnWarnings && warnings.length > 0) {
    throw new AppError('duplicate_warning', { count: warnings.length }, warnings);
  }
}

/** Returns the unique index a database error names, or null for any other error. */
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
 * and our insert. Any other error is rethrown.
 */
export function rethrowContactConflict(error: unknown, code: string, loyaltyCardNumber: string | null): never {
  const index = violatedIndex(error);
  if (index === 'contacts_code') {
    throw new AppError('contact_code_taken', { code, name: code }, [{ path: 'code', code: 'code_taken', params: { value: code, name: code } }]);
  }
  if (index === 'contacts_card') {
    throw invalid([{ path: 'loyaltyCardNumber', code: 'duplicate_loyalty_card', params: { name: loyaltyCardNumber, code: loyaltyCardNumber } }]);
  }
  throw error;
}
