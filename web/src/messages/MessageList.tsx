/**
 * A list of outbox messages, newest first: channel, status, recipient, time
 * and the last error, with the text on demand and a retry for failed ones.
 */
import { Anchor, Badge, Box, Button, Collapse, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconMail, IconRefresh } from '@tabler/icons-react';
import type { UseInfiniteQueryResult, InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useBusinessFormat, useSession } from '../auth/session-context.tsx';
import { EmptyPanel } from '../layout/EmptyPanel.tsx';
import { QueryError } from '../layout/QueryError.tsx';
import { notifyFailed, notifySaved } from '../shared/notify.ts';
import { type Message, type MessagePage, useRetryMessage } from './api.ts';
import { channelLabel, eventLabel, statusColor, statusLabel } from './labels.ts';

export function MessageList({
  query,
  showContact = false,
  emptyTitle,
}: {
  query: UseInfiniteQueryResult<InfiniteData<MessagePage>>;
  showContact?: boolean;
  emptyTitle: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton height={200} radius="md" />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const messages = query.data.pages.flatMap((page) => page.items);
  if (messages.length === 0) return <EmptyPanel icon={<IconMail size={28} />} title={emptyTitle} />;
  return (
    <Stack gap="xs" data-testid="message-list">
      {messages.map((message) => (
        <MessageRow key={message.id} message={message} showContact={showContact} />
      ))}
      {query.hasNextPage && (
        <Group justify="center">
          <Button variant="default" loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function MessageRow({ message, showContact }: { message: Message; showContact: boolean }) {
  const { t } = useTranslation();
  const format = useBusinessFormat();
  const session = useSession();
  const retry = useRetryMessage();
  const [opened, setOpened] = useState(false);
  const title = message.subject ?? message.templateName ?? (message.event ? eventLabel(t, message.event) : t('msg.history.typed'));

  return (
    <Paper withBorder radius="md" px="md" py="sm" data-testid="message-row">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap={6} wrap="wrap">
            <Badge variant="light" color="gray">
              {channelLabel(t, message.channel)}
            </Badge>
            <Badge variant="light" color={statusColor[message.status]}>
              {statusLabel(t, message.status)}
            </Badge>
            <Text size="xs" c="dimmed">
              {t(`msg.origin.${message.origin}`)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {format.dateTime(message.sentAt ?? message.createdAt)}
          </Text>
        </Group>
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t('msg.history.to', { recipient: message.recipient || '—' })}
          {showContact && message.contactId && (
            <>
              {' · '}
              <Anchor component={Link} to={`/contacts/${message.contactId}/messages`} size="sm">
                {t('msg.history.contact')}
              </Anchor>
            </>
          )}
          {message.hasAttachments && ` · ${t('msg.history.attachment')}`}
        </Text>
        {message.lastError && (
          <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
            {t('msg.history.error', { error: message.lastError })}
          </Text>
        )}
        {message.status === 'queued' && message.nextAttemptAt && message.attempts > 0 && (
          <Text size="xs" c="dimmed">
            {t('msg.history.nextAttempt', { time: format.dateTime(message.nextAttemptAt), count: message.attempts })}
          </Text>
        )}
        <Group gap="xs">
          <Button variant="subtle" size="compact-sm" onClick={() => setOpened((value) => !value)}>
            {opened ? t('msg.history.hideText') : t('msg.history.showText')}
          </Button>
          {message.status === 'failed' && can(session, 'message.send') && (
            <Button
              variant="light"
              size="compact-sm"
              leftSection={<IconRefresh size={14} />}
              loading={retry.isPending}
              onClick={() =>
                retry.mutate(message.id, {
                  onSuccess: () => notifySaved(t('msg.history.retried')),
                  onError: (error) => notifyFailed(error, t),
                })
              }
            >
              {t('msg.history.retry')}
            </Button>
          )}
        </Group>
        <Collapse expanded={opened}>
          <Box p="sm" bg="var(--mantine-color-gray-0)" style={{ borderRadius: 8, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontSize: 14 }}>
            {message.text}
          </Box>
        </Collapse>
      </Stack>
    </Paper>
  );
}
