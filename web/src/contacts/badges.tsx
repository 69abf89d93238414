import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ContactStatus, ContactType } from '../api/types.ts';

export function StatusBadge({ status }: { status: ContactStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === 'active' ? 'teal' : 'gray'} radius="sm">
      {t(`contact.status.${status}`)}
    </Badge>
  );
}

const typeColors: Record<ContactType, string> = { customer: 'cyan', supplier: 'grape', both: 'indigo' };

export function TypeBadge({ type }: { type: ContactType }) {
  const { t } = useTranslation();
  const color = typeColors[type];
  return (
    <Badge variant="outline" color={color} radius="sm">
      {t(`contact.type.${type}`)}
    </Badge>
  );
}

export function AnonymisedBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color="gray" radius="sm">
      {t('contactPage.anonymisedBadge')}
    </Badge>
  );
}
