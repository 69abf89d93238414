import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from './api.ts';

const statusColors: Record<DocumentStatus, string> = { final: 'teal', parked: 'yellow', void: 'gray' };

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColors[status]} radius="sm" style={{ flexShrink: 0 }}>
      {t(`trade.status.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="red" radius="sm" style={{ flexShrink: 0 }}>
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
