import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from './api.ts';

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  const color = status === 'final' ? 'teal' : status === 'parked' ? 'yellow' : 'gray';
  return (
    <Badge variant="light" color={color} radius="sm">
      {t(`trade.status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="red" radius="sm">
      {t('trade.overdue')}
    </Badge>
  );
}

export function PaidBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color="teal" radius="sm">
      {t('trade.paid')}
    </Badge>
  );
}
