import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { errorMessage } from './errors.ts';

export function notifySaved(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

export function notifyWarning(message: string): void {
  notifications.show({ color: 'orange', message, autoClose: 8000 });
}

export function notifyFailed(error: unknown, t: TFunction): void {
  notifications.show({ color: 'red', title: t('errors.actionFailed'), message: errorMessage(error, t), autoClose: 6000 });
}
