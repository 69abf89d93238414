import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage, issueMessages } from '../shared/errors.ts';

/**
 * Shows a failed load, with the reason and a retry button. A load has no form
 * to show invalid values under, so their messages are listed here (a filter
 * in the address, for instance).
 */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('errors.loadFailed')}>
      <Group justify="space-between" gap="sm">
        {/* A message may repeat a long value as sent, which breaks anywhere rather than widen the alert past a phone's screen. */}
        <Stack gap={4} maw="100%" miw={0}>
          <Text size="sm">{errorMessage(error, t)}</Text>
          {issueMessages(error).map((message) => (
            <Text key={message} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {message}
            </Text>
          ))}
        </Stack>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
