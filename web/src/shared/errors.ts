import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';

/** Returns a sentence for the user: the server's localised detail, else a generic one. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.code === 'network_error') return t('errors.network');
    if (error.code === 'forbidden' && typeof error.body.permission === 'string') {
      const permission = error.body.permission;
      return t('errors.forbidden', { permission: t(`permissionNames.${permission}`, { defaultValue: permission }) });
    }
    if (error.detail) return error.detail;
    if (error.status === 404) return t('errors.notFound');
    return t('errors.status', { status: error.status });
  }
  return t('errors.unexpected');
}

/** Lists the server's message for each invalid value of a failed request, without repeats. */
export function issueMessages(error: unknown): string[] {
  return isApiError(error) ? [...new Set(error.issues.map((issue) => issue.message))] : [];
}

/** Field messages of a failed save, keyed by JSON path (`payTerm.number`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return isApiError(error) ? error.fieldErrors : {};
}
