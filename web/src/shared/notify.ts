import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client.ts';
import { errorMessage, issueMessages } from './errors.ts';

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export function notifyWarning(message: string): void {
  notifications.show({ color: 'orange', message, autoClose: 8000 });
}

/**
 * Shows why an action failed: for a validation failure, whose detail only
 * counts the invalid values, the message of each one, else the detail.
 */
export function notifyFailed(error: unknown, t: TFunction): void {
  const issues = isApiError(error, 'validation_failed') ? issueMessages(error) : [];
  notifyFailedWith(issues.length > 0 ? issues.join('\n') : errorMessage(error, t), t);
}

/** Shows that an action failed, with a message that the screen wrote for this failure. */
export function notifyFailedWith(message: string, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.actionFailed'), message, autoClose: 6000, style: { whiteSpace: 'pre-line' } });
}
