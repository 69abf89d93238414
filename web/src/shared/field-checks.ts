/**
 * Checks a form runs in the browser before it sends anything, so that every
 * field's problem shows at once. The server checks the same rules again.
 */
import type { TFunction } from 'i18next';
import type { Locale } from '../api/types.ts';
import { type NumberRule, numberError } from './number-input.ts';

/** Minimum password length, as the server checks it (src/auth/passwords.ts). */
export const MIN_PASSWORD_LENGTH = 10;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requiredError(value: string | null | undefined, t: TFunction): string | undefined {
  return value === null || value === undefined || value.trim() === '' ? t('formChecks.required') : undefined;
}

/** Checks a filled email address's shape; a blank one is left to `requiredError`. */
export function emailError(value: string, t: TFunction): string | undefined {
  const trimmed = value.trim();
  return trimmed && !emailPattern.test(trimmed) ? t('formChecks.email', { value: trimmed }) : undefined;
}

export function passwordError(value: string, t: TFunction): string | undefined {
  return value.length < MIN_PASSWORD_LENGTH ? t('formChecks.password', { min: MIN_PASSWORD_LENGTH }) : undefined;
}

/** Checks a number field: `required` also rejects blank text. */
export function numberCheck(
  text: string,
  locale: Locale,
  rule: NumberRule,
  t: TFunction,
  options: { required?: boolean } = {},
): string | undefined {
  if (options.required && text.trim() === '') return t('formChecks.required');
  return numberError(text, locale, rule, t);
}

/** Keeps the paths that have a message. */
export function collectErrors(checks: Record<string, string | undefined>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(checks)) if (message) errors[path] = message;
  return errors;
}
