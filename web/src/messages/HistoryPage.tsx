/** Every message of the business, newest first, filtered by status and channel. */
import { Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../layout/PageHeader.tsx';
import { type OutboxFilters, useOutbox } from './api.ts';
import { channelLabel, statusLabel } from './labels.ts';
import { MessageList } from './MessageList.tsx';
import { MessagesGuard } from './MessagesGuard.tsx';

export function HistoryPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<OutboxFilters>({ status: '', channel: '' });
  const outbox = useOutbox(filters);

  return (
    <MessagesGuard permissions={['message.send']}>
      <PageHeader title={t('msg.history.title')} description={t('msg.history.description')} />
      <Group gap="sm" mb="md" wrap="wrap">
        <Select
          label={t('msg.history.status')}
          value={filters.status}
          allowDeselect={false}
          data={[
            { value: '', label: t('msg.history.all') },
            ...(['queued', 'sending', 'sent', 'failed', 'cancelled'] as const).map((status) => ({ value: status, label: statusLabel(t, status) })),
          ]}
          onChange={(value) => setFilters((current) => ({ ...current, status: (value ?? '') as OutboxFilters['status'] }))}
        />
        <Select
          label={t('msg.history.channel')}
          value={filters.channel}
          allowDeselect={false}
          data={[
            { value: '', label: t('msg.history.all') },
            ...(['email', 'sms', 'whatsapp', 'webhook'] as const).map((channel) => ({ value: channel, label: channelLabel(t, channel) })),
          ]}
          onChange={(value) => setFilters((current) => ({ ...current, channel: (value ?? '') as OutboxFilters['channel'] }))}
        />
      </Group>
      <MessageList query={outbox} showContact emptyTitle={t('msg.history.empty')} />
    </MessagesGuard>
  );
}
