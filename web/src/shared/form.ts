/**
 * Form state for the app's forms: typed values, plus the server's messages
 * keyed by JSON path so each field shows its own error under it.
 */
import { useCallback, useState } from 'react';
import { isApiError } from '../api/client.ts';

export interface FormState<T> {
  values: T;
  set<K extends keyof T>(key: K, value: T[K]): void;
  setValues(update: (values: T) => T): void;
  reset(values: T): void;
  errors: Record<string, string>;
  /** The message for one path; clears when the user edits that field. */
  error(path: string): string | undefined;
  /** Takes the field errors of a failed save; returns the messages no field shows. */
  takeErrors(error: unknown, shownPaths: readonly string[]): string[];
  setErrors(errors: Record<string, string>): void;
  clearErrors(): void;
}

/**
 * `errorPaths` names the server path of a value whose key differs from it
 * (`iban` is reported at `bankAccount.iban`), so editing it clears that message.
 */
export function useFormState<T extends object>(
  initial: T,
  errorPaths: Partial<Record<keyof T, string>> = {},
): FormState<T> {
  const [values, setAll] = useState<T>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setAll((current) => ({ ...current, [key]: value }));
    setErrors((current) => withoutPath(current, errorPaths[key] ?? String(key)));
    // errorPaths is each form's constant table, so the callback never goes stale.
  }, []);

  const takeErrors = useCallback((error: unknown, shownPaths: readonly string[]) => {
    if (!isApiError(error)) return [];
    setErrors(error.fieldErrors);
    const shown = new Set(shownPaths);
    // An issue that repeats the error's detail is already shown above the list.
    return error.issues.filter((issue) => !shown.has(issue.path) && issue.message !== error.detail).map((issue) => issue.message);
  }, []);

  return {
    values,
    set,
    setValues: setAll,
    reset: (next) => {
      setAll(next);
      setErrors({});
    },
    errors,
    error: (path) => errors[path],
    takeErrors,
    setErrors,
    clearErrors: () => setErrors({}),
  };
}

/** Drops a field's message and those of its children (`payTerm` clears `payTerm.number`). */
function withoutPath(errors: Record<string, string>, path: string): Record<string, string> {
  const keys = Object.keys(errors).filter((key) => key === path || key.startsWith(`${path}.`));
  if (keys.length === 0) return errors;
  const next = { ...errors };
  for (const key of keys) delete next[key];
  return next;
}

/** Empty text becomes null, the API's "not set". */
export function nullIfBlank(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
