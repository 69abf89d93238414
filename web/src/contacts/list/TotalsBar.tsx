import { Button, Group, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Amount } from '../../shared/Amount.tsx';
import type { ContactTotals } from './list-api.ts';

/**
 * Count and sums of every contact the filters keep, from the totals route,
 * not of the rows loaded so far. After a failed load it shows that the totals
 * are unavailable, with a retry button, in place of figures of other filters.
 */
export function TotalsBar({
  totals,
  loading,
  failed,
  onRetry,
}: {
  totals: ContactTotals | undefined;
  loading: boolean;
  failed: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const figure = (label: string, value: string) => (
    <Stack gap={0} miw={110}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Amount value={value} fw={600} size="sm" />
    </Stack>
  );

  let content;
  if (failed && !loading) {
    content = (
      <Group gap="sm" justify="space-between" wrap="nowrap" mih={34}>
        <Group gap={8} wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
          <IconAlertTriangle size={18} color="var(--mantine-color-orange-7)" aria-hidden />
          <Text size="sm" c="dimmed" data-testid="list-totals-failed">
            {t('contactList.totals.unavailable')}
          </Text>
        </Group>
        <Button size="compact-sm" variant="default" onClick={onRetry} style={{ flexShrink: 0 }}>
          {t('common.retry')}
        </Button>
      </Group>
    );
  } else if (totals) {
    content = (
      <Group gap="xl" wrap="wrap" style={{ opacity: loading ? 0.6 : 1, rowGap: 6 }}>
        <Text fw={700} size="md" miw={110} data-testid="list-count">
          {t('contactList.totals.count', { count: totals.count })}
        </Text>
        {/* A user without the ledger permission gets the count alone. */}
        {totals.receivable !== null && figure(t('contactList.totals.receivable'), totals.receivable)}
        {totals.payable !== null && figure(t('contactList.totals.payable'), totals.payable)}
        {totals.advance !== null && figure(t('contactList.totals.advance'), totals.advance)}
      </Group>
    );
  } else {
    content = <Skeleton height={34} />;
  }

  return (
    <Paper
      withBorder
      radius="md"
      px="md"
      py={8}
      bg="var(--mantine-color-gray-0)"
      role="status"
      aria-label={t('contactList.totals.label')}
      aria-busy={loading}
      data-testid="list-totals"
    >
      {content}
    </Paper>
  );
}
